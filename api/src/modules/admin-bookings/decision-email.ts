import type { MailMessage } from '../../deps.js';
import { frenchDate } from '../../lib/french-date.js';

function euros(cents: number): string {
  return (cents / 100).toLocaleString('fr-FR', { style: 'currency', currency: 'EUR' });
}

/** Tells a guardian, in French, what the town decided about a late cancellation or absence. */
export function lateCancellationDecisionEmail(input: {
  to: string;
  collectivityName: string;
  childFirstName: string;
  activityName: string;
  date: string;
  accepted: boolean;
  /** The credit note of a refund; null when the day is cancelled without one. */
  creditNote: { number: string; totalCents: number } | null;
  reason: string | null;
}): MailMessage {
  const day = `${input.activityName} du ${frenchDate(input.date)}`;
  const outcome = input.accepted
    ? [
        `Votre demande d'annulation (${day}) pour ${input.childFirstName} a été acceptée : la réservation est annulée.`,
        input.creditNote
          ? `Un avoir de ${euros(Math.abs(input.creditNote.totalCents))} (n° ${input.creditNote.number}) a été émis à votre nom ; il apparaît avec vos factures.`
          : 'Cette annulation ne donne pas lieu à un remboursement.',
      ]
    : [
        `Votre demande d'annulation (${day}) pour ${input.childFirstName} n'a pas été acceptée : la réservation est maintenue et reste due.`,
      ];
  return {
    to: input.to,
    subject: `${input.collectivityName} — ${input.accepted ? 'Annulation acceptée' : 'Annulation refusée'} pour ${input.childFirstName}`,
    text: [
      'Bonjour,',
      '',
      ...outcome,
      ...(input.reason ? ['', `Motif : ${input.reason}`] : []),
      '',
      `— ${input.collectivityName}`,
    ].join('\n'),
  };
}
