import type { Kysely } from 'kysely';
import { executeScript } from '../execute-script.js';

/**
 * When an account last signed in, kept after its refresh tokens are purged: the retention
 * sweeper judges a household inactive on it, and a purged token must not make a family that
 * still signs in look gone. Written by the sweeper as it purges (never on the sign-in path).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(db, 'alter table accounts add column last_signed_in_at timestamptz;');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(db, 'alter table accounts drop column last_signed_in_at;');
}
