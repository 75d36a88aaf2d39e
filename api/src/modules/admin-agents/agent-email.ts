import type { MailMessage } from '../../deps.js';

/** The email of a new agent: a link to choose a password, or word that the role was added. */
export function agentInvitationEmail(input: {
  to: string;
  collectivityName: string;
  role: string;
  link: string;
  expiresAt: Date | null;
}): MailMessage {
  const roleName =
    { admin: 'administrateur', agent: 'agent', kitchen: 'cuisine', animator: 'animation' }[input.role] ?? input.role;
  const until = input.expiresAt?.toLocaleDateString('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });
  return {
    to: input.to,
    subject: `${input.collectivityName} — Accès à l'espace agents de Foyer`,
    text: [
      'Bonjour,',
      '',
      `${input.collectivityName} vous donne accès à son espace agents de Foyer (rôle : ${roleName}).`,
      input.expiresAt
        ? 'Ouvrez le lien suivant pour choisir votre mot de passe :'
        : 'Connectez-vous avec votre compte Foyer habituel :',
      '',
      input.link,
      '',
      ...(until ? [`Ce lien est personnel et valable jusqu'au ${until}.`, ''] : []),
      `— ${input.collectivityName}`,
    ].join('\n'),
  };
}
