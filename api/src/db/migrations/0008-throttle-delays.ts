import type { Kysely } from 'kysely';
import { executeScript } from '../execute-script.js';

/**
 * A throttle row may hold a "not before" instant: an account under a distributed guessing
 * attack is slowed down by a growing delay between attempts instead of being locked, so that
 * an attacker who knows a parent's email cannot keep them out on registration morning.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(db, 'alter table rate_limits add column blocked_until timestamptz;');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(db, 'alter table rate_limits drop column blocked_until;');
}
