import { adminHouseholds, household } from '@foyer/sdk/contract';
import type { AppDeps } from '../../deps.js';
import { type Route, route } from '../../lib/route.js';
import { agentScope, householdScope } from '../../lib/scope.js';
import { type AttachmentStorage, PostgresAttachmentStorage } from '../attachments/attachment-storage.js';
import { anonymiseHousehold } from './anonymise-household.js';
import { EXPORTS_PER_HOUR, exportHousehold } from './household-export.js';

/** The GDPR routes: a parent's copy of their household's data, an agent's erasure of a household. */
export function privacyRoutes(deps: AppDeps, storage: AttachmentStorage = new PostgresAttachmentStorage()): Route[] {
  return [
    route(
      household.exportHousehold,
      {
        summary: 'Download everything Foyer holds about my household',
        description: [
          `A ZIP archive: \`${household.EXPORT_DATA_FILE}\` (household, guardians, children with their health data, enrolments,`,
          'bookings with attendance, requests and their messages, invoices and credit notes with their lines, payments, notes)',
          'and every document under `documents/`. Never a password hash or a token.',
          `At most ${EXPORTS_PER_HOUR} per household and hour (429 \`too_many_requests\`). Written to the audit log.`,
        ].join(' '),
        tags: ['Household'],
        access: 'parent',
        produces: ['application/zip'],
      },
      async (_input, c) => exportHousehold(deps, storage, c, householdScope(c)),
    ),
    route(
      adminHouseholds.anonymiseHousehold,
      {
        summary: "Erase a household's personal data (GDPR)",
        description:
          'Names, contacts, address, children identities and health data, request texts and documents are erased; the accounts lose their access. Issued invoices and credit notes are kept as the law requires (with the household name they carry), bookings stay anonymous for statistics. Idempotent: a second call answers `alreadyAnonymised: true`. Written to the audit log with the reason.',
        tags: ['Agent: households'],
        access: 'agent',
      },
      async ({ params, body }, c) => {
        const scope = agentScope(c);
        return anonymiseHousehold(deps.db, storage, {
          collectivityId: scope.collectivityId,
          householdId: params.id,
          actorAccountId: scope.accountId,
          reason: body.reason,
          now: deps.clock.now(),
        });
      },
    ),
  ];
}
