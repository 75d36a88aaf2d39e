import type { Db } from '../database.js';

export interface BulkFamily {
  householdId: string;
  accountId: string;
  childIds: string[];
}

/** Families inserted per round of statements: a few thousand parameters per statement. */
const CHUNK = 250;

/**
 * Inserts many families of a collectivity at once, for load tests and benchmarks: each with a
 * parent account (no password: the caller signs its access token directly), a parent
 * membership and children enrolled in the given activities. Emails are
 * `<prefix>.<n>@<domain>` (lower case, as accounts require), households "Famille <name> <n>".
 */
export async function insertBulkFamilies(
  db: Db,
  options: {
    collectivityId: string;
    count: number;
    prefix: string;
    domain: string;
    name: string;
    enrolments: { activityId: string; from: string; to: string }[];
    childrenPerFamily?: number;
    familyQuotient?: number;
    birthDate?: string;
    /** When the households were created, from the caller's Clock (retention compares it with it). */
    createdAt: Date;
  },
): Promise<BulkFamily[]> {
  const { collectivityId } = options;
  const families: BulkFamily[] = [];
  for (let start = 0; start < options.count; start += CHUNK) {
    const numbers = Array.from({ length: Math.min(CHUNK, options.count - start) }, (_, i) => start + i + 1);
    const accounts = await db
      .insertInto('accounts')
      .values(
        numbers.map((n) => ({
          email: `${options.prefix}.${n}@${options.domain}`.toLowerCase(),
          display_name: `Parent ${options.name} ${n}`,
        })),
      )
      .returning('id')
      .execute();
    const households = await db
      .insertInto('households')
      .values(
        numbers.map((n) => ({
          collectivity_id: collectivityId,
          name: `Famille ${options.name} ${n}`,
          created_at: options.createdAt,
          updated_at: options.createdAt,
          ...(options.familyQuotient === undefined ? {} : { family_quotient: options.familyQuotient }),
        })),
      )
      .returning('id')
      .execute();
    const pairs = households.flatMap((h, i) => {
      const account = accounts[i];
      return account ? [{ household: h.id, account: account.id, n: numbers[i] ?? 0 }] : [];
    });
    await db
      .insertInto('memberships')
      .values(
        pairs.map((p) => ({
          collectivity_id: collectivityId,
          account_id: p.account,
          kind: 'parent' as const,
          household_id: p.household,
        })),
      )
      .execute();
    await db
      .insertInto('account_collectivities')
      .values(pairs.map((p) => ({ account_id: p.account, collectivity_id: collectivityId })))
      .execute();
    const children = await db
      .insertInto('children')
      .values(
        pairs.flatMap((p) =>
          Array.from({ length: options.childrenPerFamily ?? 1 }, (_, k) => ({
            collectivity_id: collectivityId,
            household_id: p.household,
            first_name: `Enfant${k + 1}`,
            last_name: `${options.name}${p.n}`.toLocaleUpperCase('fr'),
            birth_date: options.birthDate ?? '2018-05-01',
            authorised_pickups: '[]',
          })),
        ),
      )
      .returning(['id', 'household_id'])
      .execute();
    if (options.enrolments.length > 0) {
      await db
        .insertInto('enrolments')
        .values(
          children.flatMap((child) =>
            options.enrolments.map((e) => ({
              collectivity_id: collectivityId,
              child_id: child.id,
              activity_id: e.activityId,
              from_date: e.from,
              to_date: e.to,
            })),
          ),
        )
        .execute();
    }
    for (const p of pairs) {
      families.push({
        householdId: p.household,
        accountId: p.account,
        childIds: children.filter((c) => c.household_id === p.household).map((c) => c.id),
      });
    }
  }
  return families;
}
