import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import { installShippedSchoolCalendar } from '../modules/school-calendar/store.js';
import type { Db } from './database.js';
import * as domainModel from './migrations/0001-domain-model.js';
import * as profileAndRequests from './migrations/0002-profile-and-requests.js';
import * as calendarIndexes from './migrations/0003-calendar-indexes.js';
import * as placesIndex from './migrations/0004-places-index.js';
import * as statementVersionTriggers from './migrations/0005-statement-version-triggers.js';
import * as outboxClock from './migrations/0006-outbox-clock.js';
import * as schoolCalendar from './migrations/0007-school-calendar.js';
import * as throttleDelays from './migrations/0008-throttle-delays.js';
import * as backOffice from './migrations/0010-back-office.js';
import * as joinRequests from './migrations/0011-join-requests.js';
import * as importJobs from './migrations/0012-import-jobs.js';
import * as idempotencyAnswers from './migrations/0015-idempotency-answers.js';
import * as absenceReasons from './migrations/0016-absence-reasons.js';
import * as calendarFeeds from './migrations/0017-calendar-feeds.js';
import * as rollCall from './migrations/0019-roll-call.js';
import * as dietGroups from './migrations/0020-diet-groups.js';
import * as billingRuns from './migrations/0021-billing-runs.js';
import * as payfip from './migrations/0022-payfip.js';
import * as directDebit from './migrations/0023-direct-debit.js';
import * as invoiceLinesWithoutBookingKey from './migrations/0024-invoice-lines-without-booking-key.js';
import * as officeDay from './migrations/0025-office-day.js';
import * as auditAppendOnly from './migrations/0027-audit-append-only.js';
import * as requestReads from './migrations/0028-request-reads.js';
import * as accountLastSignIn from './migrations/0030-account-last-sign-in.js';
import * as rowLevelSecurity from './migrations/0031-row-level-security.js';
import * as clockStampedCreations from './migrations/0032-clock-stamped-creations.js';
import * as activityTimes from './migrations/0033-activity-times.js';
import * as collectivityIdentity from './migrations/0034-collectivity-identity.js';
import * as partialCreditNotes from './migrations/0035-partial-credit-notes.js';
import * as agentSites from './migrations/0036-agent-sites.js';
import * as arrayVersionBumps from './migrations/0037-array-version-bumps.js';
import * as bookingChildOfHousehold from './migrations/0038-booking-child-of-household.js';
import { asTableOwner } from './tenant-scope.js';

/** Migrations are imported, not read from a folder, so the bundled server carries them. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-domain-model': domainModel,
  '0002-profile-and-requests': profileAndRequests,
  '0003-calendar-indexes': calendarIndexes,
  '0004-places-index': placesIndex,
  '0005-statement-version-triggers': statementVersionTriggers,
  '0006-outbox-clock': outboxClock,
  '0007-school-calendar': schoolCalendar,
  '0008-throttle-delays': throttleDelays,
  '0010-back-office': backOffice,
  '0011-join-requests': joinRequests,
  '0012-import-jobs': importJobs,
  '0017-calendar-feeds': calendarFeeds,
  '0019-roll-call': rollCall,
  '0020-diet-groups': dietGroups,
  '0021-billing-runs': billingRuns,
  '0022-payfip': payfip,
  '0023-direct-debit': directDebit,
  '0027-audit-append-only': auditAppendOnly,
  '0024-invoice-lines-without-booking-key': invoiceLinesWithoutBookingKey,
  '0025-office-day': officeDay,
  '0015-idempotency-answers': idempotencyAnswers,
  '0016-absence-reasons': absenceReasons,
  '0028-request-reads': requestReads,
  '0030-account-last-sign-in': accountLastSignIn,
  '0031-row-level-security': rowLevelSecurity,
  '0032-clock-stamped-creations': clockStampedCreations,
  '0033-activity-times': activityTimes,
  '0034-collectivity-identity': collectivityIdentity,
  '0035-partial-credit-notes': partialCreditNotes,
  '0036-agent-sites': agentSites,
  '0037-array-version-bumps': arrayVersionBumps,
  '0038-booking-child-of-household': bookingChildOfHousehold,
};

class StaticMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return MIGRATIONS;
  }
}

/**
 * Brings the schema to the latest version, then loads the school years of the shipped
 * school-calendar snapshot the database does not have yet (never replacing an import);
 * throws with the failing migration's name.
 */
export function migrateToLatest(db: Db): Promise<string[]> {
  // As the tables' owner: a connection already serving the API runs as its role (tenant-scope.ts).
  return asTableOwner(() => migrate(db));
}

async function migrate(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new StaticMigrationProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed`, { cause: error });
  }
  await installShippedSchoolCalendar(db);
  return (results ?? []).map((r) => r.migrationName);
}
