import { type Kysely, sql } from 'kysely';

/**
 * Runs a script of several statements, one at a time: postgres.js sends each query with the
 * extended protocol, which takes a single statement. A statement ends with `;` at the end of a
 * line, outside `$$`-quoted function bodies.
 */
export async function executeScript(db: Kysely<unknown>, script: string): Promise<void> {
  for (const statement of splitStatements(script)) await sql.raw(statement).execute(db);
}

export function splitStatements(script: string): string[] {
  const statements: string[] = [];
  let current = '';
  let quoted = false;
  for (const line of script.split('\n')) {
    current += `${line}\n`;
    quoted = (line.match(/\$\$/g)?.length ?? 0) % 2 === 1 ? !quoted : quoted;
    if (!quoted && /;\s*$/.test(line)) {
      statements.push(current.trim().replace(/;$/, ''));
      current = '';
    }
  }
  statements.push(current.trim());
  return statements.filter((s) => s.replace(/--.*$/gm, '').trim() !== '');
}
