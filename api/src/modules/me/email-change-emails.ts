import type { MailMessage } from '../../deps.js';

/** The link that confirms a new login email, sent to that new address. */
export function emailChangeConfirmationEmail(input: { to: string; link: string; hours: number }): MailMessage {
  return {
    to: input.to,
    subject: 'Confirmez votre nouvelle adresse email',
    text: [
      'Bonjour,',
      '',
      "Vous avez demandé à utiliser cette adresse pour vous connecter à votre espace famille. Ouvrez ce lien pour confirmer qu'elle est bien la vôtre :",
      '',
      input.link,
      '',
      `Ce lien est valable ${input.hours} heures et ne peut servir qu'une fois. Tant qu'il n'est pas ouvert, votre adresse de connexion reste inchangée.`,
      "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message.",
    ].join('\n'),
  };
}

/**
 * Sent instead of the link when the new address already signs in to another account: its owner
 * learns of the attempt, and the requester learns nothing about who has an account.
 */
export function emailAlreadyUsedEmail(input: { to: string }): MailMessage {
  return {
    to: input.to,
    subject: 'Demande de changement d’adresse email',
    text: [
      'Bonjour,',
      '',
      "Quelqu'un a demandé à utiliser cette adresse pour se connecter à un autre espace famille. Elle est déjà celle de votre compte : rien n'a été changé.",
      "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message.",
    ].join('\n'),
  };
}

/** Tells the former address that the login moved, so a hijacked account does not go unnoticed. */
export function emailChangedNoticeEmail(input: { to: string; newEmail: string }): MailMessage {
  return {
    to: input.to,
    subject: 'Votre adresse de connexion a été modifiée',
    text: [
      'Bonjour,',
      '',
      `L'adresse de connexion de votre espace famille est désormais ${input.newEmail}. Cette adresse-ci ne permet plus de vous connecter.`,
      "Si vous n'êtes pas à l'origine de ce changement, contactez votre mairie au plus vite.",
    ].join('\n'),
  };
}
