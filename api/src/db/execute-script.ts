import { type Kysely, sql } from 'kysely';

/**
 * Runs a script of several statements, one at a time: postgres.js sends each query with the
 * extended protocol, which takes a single statement.
 */
export async function executeScript(db: Kysely<unknown>, script: string): Promise<void> {
  const statements = script
    .split(/;\s*\n/)
    .map((s) => s.trim())
    .filter((s) => s.replace(/--.*$/gm, '').trim() !== '');
  for (const statement of statements) await sql.raw(statement).execute(db);
}
