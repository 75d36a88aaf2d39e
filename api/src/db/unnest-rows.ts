import { type RawBuilder, sql } from 'kysely';

type Cell = string | number | boolean | Date | null | undefined;

/**
 * Many rows as `select … from unnest($1::uuid[], $2::date[], …)`: one array parameter per
 * column. The statement's text is the same whatever the number of rows, so it is prepared once
 * per connection, where a multi-row VALUES list is a new statement (and thousands of
 * parameters to plan) for every count. Use with `insertInto(…).columns(…).expression(…)`.
 *
 * A type names the PostgreSQL type of the column (`uuid`, `timestamptz`…); `text::jsonb` sends
 * the values as text and casts each (JSON given as text).
 *
 * @example
 * ```ts
 * const rows = unnestRows(bookings, { collectivity_id: 'uuid', id: 'uuid', date: 'date' });
 * await trx.insertInto('bookings').columns(rows.columns).expression(rows.select).execute();
 * ```
 */
export function unnestRows<R extends object, C extends keyof R & string>(
  rows: readonly R[],
  types: Record<C, string>,
): { columns: C[]; select: RawBuilder<unknown> } {
  const columns = Object.keys(types) as C[];
  // The types are ours, never input: they are written into the statement as they are.
  const arrays = columns.map((column) => {
    const values = rows.map((row) => {
      const value = row[column] as Cell;
      if (value instanceof Date) return value.toISOString();
      // postgres.js types a boolean parameter `bool`, and an array of them too unless it has
      // fetched the array types: sent as text, the cast to `bool[]` holds either way.
      if (typeof value === 'boolean') return value ? 't' : 'f';
      return value ?? null;
    });
    const [transport] = types[column].split('::');
    return sql`${values}::${sql.raw(`${transport}[]`)}`;
  });
  const selected = columns.map((column, i) => {
    const [, cast] = types[column].split('::');
    return sql.raw(cast ? `c${i}::${cast}` : `c${i}`);
  });
  const names = sql.raw(columns.map((_, i) => `c${i}`).join(', '));
  return { columns, select: sql`select ${sql.join(selected)} from unnest(${sql.join(arrays)}) as u(${names})` };
}
