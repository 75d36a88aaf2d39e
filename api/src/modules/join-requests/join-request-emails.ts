import type { MailMessage } from '../../deps.js';

/** Tells the parent how their request to join a collectivity was decided. */
export function joinDecisionEmail(input: {
  to: string;
  collectivityName: string;
  accepted: boolean;
  reason: string | null;
  link: string;
}): MailMessage {
  return {
    to: input.to,
    subject: `${input.collectivityName} — Votre demande d'adhésion`,
    text: [
      'Bonjour,',
      '',
      input.accepted
        ? `${input.collectivityName} a accepté votre demande : votre foyer y est rattaché et la commune apparaît dans votre espace famille.`
        : `${input.collectivityName} n'a pas accepté votre demande d'adhésion.`,
      ...(input.reason ? ['', `Motif : ${input.reason}`] : []),
      '',
      input.link,
      '',
      `— ${input.collectivityName}`,
    ].join('\n'),
  };
}
