import type { MailMessage } from '../../deps.js';

/** The invitation to activate a family space, in French (the town's language). */
export function invitationEmail(input: {
  to: string;
  collectivityName: string;
  householdName: string;
  link: string;
  expiresAt: Date;
}): MailMessage {
  const until = input.expiresAt.toLocaleDateString('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });
  return {
    to: input.to,
    subject: `${input.collectivityName} — Activez votre espace famille`,
    text: [
      'Bonjour,',
      '',
      `${input.collectivityName} a ouvert l'espace famille du foyer « ${input.householdName} ».`,
      'Pour finaliser la création de votre compte, ouvrez le lien suivant, complétez les informations demandées puis cliquez sur « Enregistrer » :',
      '',
      input.link,
      '',
      `Ce lien est personnel et valable jusqu'au ${until}.`,
      'Si vous avez déjà un compte Foyer (dans une autre commune), utilisez le même mot de passe : votre foyer y sera rattaché.',
      '',
      `— ${input.collectivityName}`,
    ].join('\n'),
  };
}

/** The password-reset link. */
export function passwordResetEmail(input: { to: string; link: string; minutes: number }): MailMessage {
  return {
    to: input.to,
    subject: 'Réinitialisation de votre mot de passe',
    text: [
      'Bonjour,',
      '',
      'Vous avez demandé à changer le mot de passe de votre espace famille. Ouvrez ce lien pour en choisir un nouveau :',
      '',
      input.link,
      '',
      `Ce lien est valable ${input.minutes} minutes et ne peut servir qu'une fois.`,
      "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.",
    ].join('\n'),
  };
}
