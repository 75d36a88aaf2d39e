import type { cart } from '@foyer/sdk/contract';
import type { Db } from '../../db/database.js';
import { type Pricing, priceOn } from '../../domain/prices.js';

export interface HouseholdScope {
  collectivityId: string;
  householdId: string;
}

/**
 * The household's cart row, created on first use. One per household and collectivity. `now`
 * comes from the injected Clock: the cart shows when it last changed (issue #10).
 */
export async function cartIdOf(db: Db, scope: HouseholdScope, now: Date): Promise<string> {
  const existing = await db
    .selectFrom('carts')
    .select('id')
    .where('collectivity_id', '=', scope.collectivityId)
    .where('household_id', '=', scope.householdId)
    .executeTakeFirst();
  if (existing) return existing.id;
  const created = await db
    .insertInto('carts')
    .values({ collectivity_id: scope.collectivityId, household_id: scope.householdId, updated_at: now })
    .onConflict((oc) => oc.columns(['collectivity_id', 'household_id']).doUpdateSet({ updated_at: now }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return created.id;
}

function plural(count: number, name: string): string {
  return `${count} ${name}`;
}

/**
 * The cart as parents see it: lines with prices, a summary per child in the words of the
 * flyer ("ALVARO SANCHEZ-CORDOVES — 3 REPAS"), and totals per payment mode.
 */
export async function readCart(db: Db, scope: HouseholdScope): Promise<cart.Cart> {
  const header = await db
    .selectFrom('carts')
    .select(['id', 'updated_at'])
    .where('collectivity_id', '=', scope.collectivityId)
    .where('household_id', '=', scope.householdId)
    .executeTakeFirst();
  if (!header) return { id: null, lines: [], summary: [], totals: { prepaidCents: 0, postpaidCents: 0 }, updatedAt: null };
  const household = await db
    .selectFrom('households')
    .select(['family_quotient', 'resident'])
    .where('collectivity_id', '=', scope.collectivityId)
    .where('id', '=', scope.householdId)
    .executeTakeFirstOrThrow();
  const quotients = await db
    .selectFrom('family_quotients')
    .select(['quotient', 'applies_from as appliesFrom'])
    .where('collectivity_id', '=', scope.collectivityId)
    .where('household_id', '=', scope.householdId)
    .execute();
  const rows = await db
    .selectFrom('cart_lines as l')
    .innerJoin('children as ch', (j) => j.onRef('ch.collectivity_id', '=', 'l.collectivity_id').onRef('ch.id', '=', 'l.child_id'))
    .innerJoin('activities as a', (j) =>
      j.onRef('a.collectivity_id', '=', 'l.collectivity_id').onRef('a.id', '=', 'l.activity_id'),
    )
    .select([
      'l.id',
      'l.child_id',
      'l.activity_id',
      'l.date',
      'l.action',
      'l.reason',
      'l.absence',
      'ch.first_name',
      'ch.last_name',
      'a.code',
      'a.name',
      'a.payment_mode',
      'a.pricing',
    ])
    .where('l.collectivity_id', '=', scope.collectivityId)
    .where('l.cart_id', '=', header.id)
    .orderBy('ch.birth_date')
    .orderBy('l.date')
    .orderBy('a.position')
    .execute();
  const lines: cart.CartLine[] = rows.map((r) => ({
    id: r.id,
    childId: r.child_id,
    activityId: r.activity_id,
    date: r.date,
    action: r.action,
    reason: r.reason,
    absence: r.absence,
    priceCents: priceOn(
      r.pricing as unknown as Pricing,
      { familyQuotient: household.family_quotient, resident: household.resident, quotients },
      r.date,
    ),
    paymentMode: r.payment_mode,
    child: { firstName: r.first_name, lastName: r.last_name },
    activity: { code: r.code, name: r.name },
  }));
  const total = (mode: 'prepaid' | 'postpaid') =>
    lines.filter((l) => l.action === 'book' && l.paymentMode === mode).reduce((sum, l) => sum + l.priceCents, 0);
  return {
    id: header.id,
    lines,
    summary: summarise(lines),
    totals: { prepaidCents: total('prepaid'), postpaidCents: total('postpaid') },
    updatedAt: new Date(header.updated_at).toISOString(),
  };
}

/** Per child, as the flyer says it: "ALVARO SANCHEZ-CORDOVES — 3 REPAS, 1 REPAS à annuler". */
function summarise(lines: readonly cart.CartLine[]): cart.Cart['summary'] {
  const summary = new Map<string, cart.Cart['summary'][number]>();
  for (const line of lines) {
    let entry = summary.get(line.childId);
    if (!entry) {
      entry = {
        childId: line.childId,
        name: `${line.child.firstName} ${line.child.lastName}`.toUpperCase(),
        items: [],
        text: '',
      };
      summary.set(line.childId, entry);
    }
    const item = entry.items.find((i) => i.activityName === line.activity.name && i.action === line.action);
    if (item) item.count += 1;
    else entry.items.push({ activityName: line.activity.name, action: line.action, count: 1 });
  }
  for (const entry of summary.values()) {
    entry.text = `${entry.name} — ${entry.items
      .map((i) => (i.action === 'book' ? plural(i.count, i.activityName) : `${plural(i.count, i.activityName)} à annuler`))
      .join(', ')}`;
  }
  return [...summary.values()];
}
