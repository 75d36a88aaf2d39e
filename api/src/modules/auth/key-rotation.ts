import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { insertSigningKey, verifyWindowSeconds } from './signing-keys.js';

export interface KeyRotation {
  /** The new key: instances sign with it from their next reload (at most `KEY_RELOAD_SECONDS`). */
  kid: string;
  /** Keys that stop signing now and keep verifying until their last token has expired. */
  retired: string[];
  /** Keys retired long enough ago that no token of theirs can still be valid: deleted. */
  deleted: string[];
}

/**
 * Rotates the access-token signing keys: a new `kid` signs, the previous ones are retired (they
 * keep verifying for the access-token lifetime plus the instances' reload delay, so nobody is
 * logged out) and keys retired before that are deleted. What `foyer keys rotate` runs.
 */
export async function rotateSigningKeys(
  db: Db,
  clock: Clock,
  options: { secretsKey: Buffer | undefined; accessTokenSeconds: number },
): Promise<KeyRotation> {
  const now = clock.now();
  const expired = new Date(now.getTime() - verifyWindowSeconds(options.accessTokenSeconds) * 1000);
  return db.transaction().execute(async (trx) => {
    const retired = await trx
      .updateTable('signing_keys')
      .set({ retired_at: now })
      .where('retired_at', 'is', null)
      .returning('kid')
      .execute();
    const kid = await insertSigningKey(trx, now, options.secretsKey);
    const deleted = await trx.deleteFrom('signing_keys').where('retired_at', '<=', expired).returning('kid').execute();
    return { kid, retired: retired.map((r) => r.kid), deleted: deleted.map((r) => r.kid) };
  });
}
