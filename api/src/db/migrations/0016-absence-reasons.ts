import type { Kysely } from 'kysely';
import { executeScript } from '../execute-script.js';

/** Why a child will be absent (sick, family, other), from the cart's cancellation to the booking. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
alter table cart_lines add column absence text check (absence in ('sick','family','other'));
alter table bookings add column absence text check (absence in ('sick','family','other'));
`,
  );
}
