import { type RawBuilder, sql } from 'kysely';
import { arrayLiteral } from './array-literal.js';

type Cell = string | number | boolean | Date | null | undefined;

/**
 * The array type a column travels as, and the cast applied to each value. Booleans travel as
 * text (`t`/`f`) cast to `bool`: postgres.js types a `bool[]` parameter as a single `bool`
 * unless it has fetched the array types, and PGlite's `bool[]` serializer wants JavaScript
 * booleans; text suits both drivers.
 */
function transportOf(type: string): [transport: string, cast: string | undefined] {
  const [transport = type, cast] = type.split('::');
  return transport === 'bool' ? ['text', cast ?? 'bool'] : [transport, cast];
}

/**
 * Many rows as `select … from unnest($1::text::uuid[], $2::text::date[], …)`: one array
 * parameter per column, sent as its literal (see `arrayLiteral`). The statement's text is the same whatever the number of rows, so it is prepared once
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
      if (typeof value === 'boolean') return value ? 't' : 'f';
      return value ?? null;
    });
    const [transport] = transportOf(types[column]);
    return sql`${arrayLiteral(values)}::text::${sql.raw(`${transport}[]`)}`;
  });
  const selected = columns.map((column, i) => {
    const [, cast] = transportOf(types[column]);
    return sql.raw(cast ? `c${i}::${cast}` : `c${i}`);
  });
  const names = sql.raw(columns.map((_, i) => `c${i}`).join(', '));
  return { columns, select: sql`select ${sql.join(selected)} from unnest(${sql.join(arrays)}) as u(${names})` };
}
