import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { MailMessage } from '../../deps.js';
import { guardianEmails } from '../households/guardian-emails.js';
import { enqueueEmail } from '../mail/outbox.js';
import type { RequestStatus } from './request-status.js';

/** What happened to the request, as the family is told. */
export type RequestNotice = 'received' | 'status' | 'message';

const STATUS_WORDS: Record<RequestStatus, string> = {
  submitted: 'envoyée, en attente de traitement',
  in_progress: 'en cours de traitement',
  needs_info: 'en attente d’informations de votre part',
  accepted: 'acceptée',
  rejected: 'refusée',
};

/**
 * The email telling a guardian about a request, in French. It never quotes the request, the
 * answers, the messages or the reason: they may hold health or identity details, and an email
 * is not a safe place for them. The family reads them in its space.
 */
export function requestEmail(input: {
  to: string;
  collectivityName: string;
  portalUrl: string | null;
  categoryTitle: string;
  childFirstName: string | null;
  notice: RequestNotice;
  status: RequestStatus;
}): MailMessage {
  const about = `« ${input.categoryTitle} »${input.childFirstName ? ` pour ${input.childFirstName}` : ''}`;
  const subjects: Record<RequestNotice, string> = {
    received: 'Demande reçue',
    status: `Demande ${STATUS_WORDS[input.status].split(',')[0]}`,
    message: 'Nouveau message sur votre demande',
  };
  const lines: Record<RequestNotice, string> = {
    received: `Votre demande ${about} a bien été reçue. Vous serez informé(e) par email de chaque étape de son traitement.`,
    status: `Votre demande ${about} est désormais ${STATUS_WORDS[input.status]}.`,
    message: `Le service a écrit un message sur votre demande ${about}.`,
  };
  const action =
    input.status === 'needs_info'
      ? 'Répondez depuis votre espace famille, rubrique « Mes demandes », en joignant les documents demandés le cas échéant.'
      : 'Retrouvez le détail et les messages dans votre espace famille, rubrique « Mes demandes ».';
  return {
    to: input.to,
    subject: `${input.collectivityName} — ${subjects[input.notice]}`,
    text: [
      'Bonjour,',
      '',
      lines[input.notice],
      action,
      ...(input.portalUrl ? ['', input.portalUrl] : []),
      '',
      `— ${input.collectivityName}`,
    ].join('\n'),
  };
}

/**
 * Queues the email of a request event to every guardian of its household with an address, in
 * the caller's transaction: it leaves only if the change commits, once per event and address.
 */
export async function notifyHousehold(
  trx: Kysely<Database>,
  input: {
    collectivityId: string;
    householdId: string;
    requestId: string;
    /** Names the event (a message id, the new status and its instant), so a retry sends nothing twice. */
    eventKey: string;
    categoryTitle: string;
    childFirstName: string | null;
    notice: RequestNotice;
    status: RequestStatus;
    now: Date;
  },
): Promise<void> {
  const collectivity = await trx
    .selectFrom('collectivities')
    .select(['name', 'portal_url'])
    .where('id', '=', input.collectivityId)
    .executeTakeFirstOrThrow();
  for (const to of await guardianEmails(trx, input.collectivityId, input.householdId)) {
    await enqueueEmail(
      trx,
      requestEmail({
        to,
        collectivityName: collectivity.name,
        portalUrl: collectivity.portal_url,
        categoryTitle: input.categoryTitle,
        childFirstName: input.childFirstName,
        notice: input.notice,
        status: input.status,
      }),
      { now: input.now, collectivityId: input.collectivityId, dedupeKey: `request:${input.requestId}:${input.eventKey}:${to}` },
    );
  }
}
