import { type RawBuilder, sql } from 'kysely';

type Cell = string | number | boolean | Date | null | undefined;

/**
 * Many rows as `select * from unnest($1::uuid[], $2::date[], …)`: one array parameter per
 * column. The statement's text is the same whatever the number of rows, so it is prepared once
 * per connection, where a multi-row VALUES list is a new statement (and thousands of
 * parameters to plan) for every count. Use with `insertInto(…).columns(…).expression(…)`.
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
  const arrays = columns.map((column) => {
    const values = rows.map((row) => {
      const value = row[column] as Cell;
      return value instanceof Date ? value.toISOString() : (value ?? null);
    });
    // The type is one of ours, never input: it names a PostgreSQL type (`uuid`, `timestamptz`…).
    return sql`${values}::${sql.raw(types[column])}[]`;
  });
  return { columns, select: sql`select * from unnest(${sql.join(arrays)})` };
}
