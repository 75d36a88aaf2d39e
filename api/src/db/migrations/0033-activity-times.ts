import type { Kysely } from 'kysely';
import { executeScript } from '../execute-script.js';

/**
 * The daily times of an activity (canteen 11:45–13:30), as the collectivity's wall clock shows
 * them: `HH:MM` text rather than `time`, so that both drivers answer the contract's shape as is.
 * Both or neither: an activity without times is a whole day in the calendar feed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `alter table activities
       add column starts_at text check (starts_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
       add column ends_at text check (ends_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
       add constraint activities_times_check
         check ((starts_at is null and ends_at is null) or (starts_at is not null and ends_at > starts_at));`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    'alter table activities drop constraint activities_times_check, drop column starts_at, drop column ends_at;',
  );
}
