import type { Db } from '../../db/database.js';
import type { HouseholdScope } from './cart-view.js';

/** The household's own cart, for the statements that change its lines. */
const householdCart = (db: Db, scope: HouseholdScope) =>
  db
    .selectFrom('carts')
    .select('id')
    .where('collectivity_id', '=', scope.collectivityId)
    .where('household_id', '=', scope.householdId);

/** Takes one line out of the household's cart; false when it has no such line. */
export async function removeCartLine(db: Db, scope: HouseholdScope, lineId: string): Promise<boolean> {
  const removed = await db
    .deleteFrom('cart_lines')
    .where('collectivity_id', '=', scope.collectivityId)
    .where('id', '=', lineId)
    .where('cart_id', 'in', householdCart(db, scope))
    .executeTakeFirst();
  return removed.numDeletedRows > 0n;
}

/** Takes every line out of the household's cart. */
export async function emptyCart(db: Db, scope: HouseholdScope): Promise<void> {
  await db
    .deleteFrom('cart_lines')
    .where('collectivity_id', '=', scope.collectivityId)
    .where('cart_id', 'in', householdCart(db, scope))
    .execute();
}
