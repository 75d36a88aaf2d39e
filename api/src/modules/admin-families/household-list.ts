import type { adminFamilies } from '@foyer/sdk/contract';
import { type ExpressionBuilder, sql } from 'kysely';
import type { InferOutput } from 'valibot';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import { invalidField } from '../../lib/field-error.js';

type Query = InferOutput<typeof adminFamilies.HouseholdListQuery>;
type Page = { items: adminFamilies.HouseholdSummary[]; nextCursor: string | null; total: number };

// The cursor is an offset: households are sorted on names an agent can change, so a keyset
// would skip or repeat rows as much as an offset does, and an offset also serves "page 7 of 12".
const encodeCursor = (offset: number) => Buffer.from(`o:${offset}`).toString('base64url');
function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const match = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw invalidField('query.cursor', 'le curseur de page est invalide');
  return Number(match[1]);
}

/** Escapes `%`, `_` and `\` so that the search text matches literally. */
const likePattern = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/** Households whose name, children's or guardians' names or guardians' emails contain `q`. */
function matches(pattern: string) {
  return (eb: ExpressionBuilder<Database, 'households'>) =>
    eb.or([
      eb(sql`lower(households.name)`, 'like', pattern),
      eb.exists(
        eb
          .selectFrom('children as ch')
          .select(sql`1`.as('one'))
          .whereRef('ch.collectivity_id', '=', 'households.collectivity_id')
          .whereRef('ch.household_id', '=', 'households.id')
          .where(sql`lower(ch.first_name || ' ' || ch.last_name)`, 'like', pattern),
      ),
      eb.exists(
        eb
          .selectFrom('guardians as g')
          .select(sql`1`.as('one'))
          .whereRef('g.collectivity_id', '=', 'households.collectivity_id')
          .whereRef('g.household_id', '=', 'households.id')
          .where((g) =>
            g.or([
              g(sql`lower(g.first_name || ' ' || g.last_name)`, 'like', pattern),
              g(sql`coalesce(g.email, '')`, 'like', pattern),
            ]),
          ),
      ),
    ]);
}

/** One page of the collectivity's households, searched and sorted by the server. */
export async function listHouseholds(db: Db, collectivityId: string, query: Query): Promise<Page> {
  const offset = decodeCursor(query.cursor);
  const limit = query.limit ?? 25;
  let base = db
    .selectFrom('households')
    .where('households.collectivity_id', '=', collectivityId)
    .where('households.archived_at', query.archived ? 'is not' : 'is', null);
  if (query.q) base = base.where(matches(likePattern(query.q)));
  const sort = query.sort ?? 'name';
  const direction = sort.startsWith('-') ? 'desc' : 'asc';
  const ordered = sort.endsWith('name')
    ? base.orderBy(sql`lower(households.name)`, direction).orderBy('households.id', direction)
    : base.orderBy('households.created_at', direction).orderBy('households.id', direction);
  const [rows, count] = await Promise.all([
    ordered
      .select([
        'households.id',
        'households.name',
        'households.external_id',
        'households.family_quotient',
        'households.resident',
        'households.archived_at',
        'households.created_at',
      ])
      .limit(limit + 1)
      .offset(offset)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  const page = rows.slice(0, limit);
  const ids = page.map((r) => r.id);
  const [guardians, children] =
    ids.length === 0
      ? [[], []]
      : await Promise.all([
          db
            .selectFrom('guardians')
            .select(['id', 'household_id', 'first_name', 'last_name', 'email'])
            .where('collectivity_id', '=', collectivityId)
            .where('household_id', 'in', ids)
            .orderBy('created_at')
            .execute(),
          db
            .selectFrom('children')
            .select(['id', 'household_id', 'first_name', 'last_name'])
            .where('collectivity_id', '=', collectivityId)
            .where('household_id', 'in', ids)
            .orderBy('birth_date')
            .execute(),
        ]);
  return {
    items: page.map((row) => ({
      id: row.id,
      name: row.name,
      externalId: row.external_id,
      familyQuotient: row.family_quotient,
      resident: row.resident,
      archived: row.archived_at !== null,
      createdAt: new Date(row.created_at).toISOString(),
      guardians: guardians
        .filter((g) => g.household_id === row.id)
        .map((g) => ({ id: g.id, firstName: g.first_name, lastName: g.last_name, email: g.email })),
      children: children
        .filter((ch) => ch.household_id === row.id)
        .map((ch) => ({ id: ch.id, firstName: ch.first_name, lastName: ch.last_name })),
    })),
    nextCursor: rows.length > limit ? encodeCursor(offset + limit) : null,
    total: count.n,
  };
}
