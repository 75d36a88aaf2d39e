import type { ErrorCode } from '@foyer/sdk/contract';

/** A text a person reads, in each language the API answers in: French first, English too. */
export interface LocalText {
  readonly fr: string;
  readonly en: string;
}

export type Language = keyof LocalText;

/**
 * The language of an answer from the request's `Accept-Language`: the first language listed
 * (by weight) that Foyer speaks, French when none is or the header is absent (the parents of a
 * French town read French).
 *
 * @example preferredLanguage('en-GB,en;q=0.9,fr;q=0.5') // 'en'
 */
export function preferredLanguage(header: string | undefined): Language {
  if (!header) return 'fr';
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { primary: tag.trim().split('-')[0] ?? '', weight: q ? Number(q.slice(2)) || 0 : 1, index };
    })
    .filter((entry) => entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { primary } of ranked) if (primary === 'fr' || primary === 'en') return primary;
  return 'fr';
}

/**
 * What each error code means for the person who meets it, when the code that raised it gave no
 * text of its own in this language (most throw sites give one English sentence, kept for English).
 */
export const PROBLEM_TEXTS: Record<ErrorCode, LocalText> = {
  bad_request: { fr: 'La requête est invalide.', en: 'The request is not valid.' },
  validation_failed: {
    fr: 'Certaines informations envoyées ne sont pas valides : vérifiez les champs signalés.',
    en: 'Some of the information sent is not valid: check the fields listed.',
  },
  malformed_json: { fr: "Le corps de la requête n'est pas du JSON valide.", en: 'The body is not valid JSON.' },
  malformed_multipart: {
    fr: "L'envoi du fichier est incomplet ou mal formé : envoyez-le à nouveau.",
    en: 'The multipart body is incomplete or malformed: send the file again.',
  },
  unsupported_media_type: {
    fr: "Ce type de contenu n'est pas accepté ici.",
    en: 'This content type is not accepted here.',
  },
  payload_too_large: { fr: 'La requête est trop volumineuse.', en: 'The request is too large.' },
  invalid_cursor: {
    fr: "Ce curseur de pagination n'est pas valide : reprenez à la première page.",
    en: 'This cursor is not one the API gave: start again from the first page.',
  },
  not_found: { fr: "Ce que vous cherchez n'existe pas, ou plus.", en: 'No such resource.' },
  unauthenticated: { fr: 'Connectez-vous pour continuer.', en: 'Sign in to continue.' },
  token_expired: {
    fr: 'Votre session a expiré : reconnectez-vous.',
    en: 'Your session has expired: refresh it or sign in again.',
  },
  forbidden: { fr: "Vous n'avez pas le droit de faire ceci.", en: 'You are not allowed to do this.' },
  invalid_credentials: { fr: 'Adresse e-mail ou mot de passe incorrect.', en: 'Wrong email or password.' },
  too_many_requests: {
    fr: 'Trop de tentatives : patientez un peu avant de réessayer.',
    en: 'Too many attempts. Wait a little before trying again.',
  },
  invalid_token: {
    fr: "Ce lien ou cette session n'est plus valable : demandez-en un nouveau ou reconnectez-vous.",
    en: 'This link or session is no longer valid: ask for a new one or sign in again.',
  },
  refresh_token_reused: {
    fr: 'Cette session a été utilisée ailleurs et a été fermée par sécurité : reconnectez-vous.',
    en: 'This session was used elsewhere and has been closed for safety: sign in again.',
  },
  password_too_common: {
    fr: 'Ce mot de passe est trop courant : choisissez-en un autre.',
    en: 'This password is too common: choose another one.',
  },
  same_email: { fr: 'Cette adresse est déjà votre identifiant.', en: 'This is already your login email.' },
  email_taken: {
    fr: "Cette adresse est déjà l'identifiant d'un autre compte : le changement n'a pas été fait.",
    en: 'This address is already the login of another account: the change was not made.',
  },
  email_is_login: {
    fr: 'Ce responsable se connecte avec cette adresse : changez-la depuis les réglages du compte.',
    en: 'This guardian signs in with this email: change it from the account settings.',
  },
  conflict: {
    fr: "L'opération est en conflit avec une autre modification : rechargez puis réessayez.",
    en: 'This conflicts with another change: reload and try again.',
  },
  idempotency_key_required: {
    fr: 'Envoyez un en-tête Idempotency-Key (une nouvelle valeur aléatoire par validation).',
    en: 'Send an Idempotency-Key header (a new random value per validation).',
  },
  idempotency_key_mismatch: {
    fr: 'Cette clé Idempotency-Key a déjà servi pour une autre demande : utilisez-en une nouvelle.',
    en: 'This Idempotency-Key was used for another request: use a new key.',
  },
  idempotency_key_in_use: {
    fr: 'La même demande, avec cette clé Idempotency-Key, est encore en cours : réessayez dans un instant pour en avoir la réponse.',
    en: 'The same request, with this Idempotency-Key, is still running: try again in a moment for its answer.',
  },
  too_many_guardians: {
    fr: 'Le foyer a déjà le nombre maximal de responsables.',
    en: 'The household already has the most guardians it may have.',
  },
  child_missing: {
    fr: "L'enfant concerné par cette demande n'est pas ou plus dans le foyer : elle ne peut pas être appliquée.",
    en: 'The child of this request is not in the household: it cannot be applied.',
  },
  not_bookable: { fr: 'Ce jour ne peut pas être réservé.', en: 'This day cannot be booked.' },
  cart_empty: {
    fr: 'Le panier est vide : ajoutez des jours avant de valider.',
    en: 'The cart is empty: add days before validating.',
  },
  cart_too_large: {
    fr: 'Le panier est plein : validez-le avant d’ajouter d’autres jours.',
    en: 'The cart is full: validate it before adding more days.',
  },
  invoice_not_payable: {
    fr: "Ce document n'est pas à payer en ligne : il est payé, prélevé, annulé, ou c'est un avoir.",
    en: 'This document is not to be paid online: it is paid, debited, cancelled, or a credit note.',
  },
  invalid_signature: {
    fr: "La notification n'est pas signée par ce prestataire de paiement.",
    en: 'The notification is not signed by this provider.',
  },
  incomplete_answers: {
    fr: 'Il manque des réponses à cette demande : demandez-les à la famille.',
    en: 'This request lacks answers: ask the family for them.',
  },
  request_decided: { fr: 'Cette demande a déjà été traitée.', en: 'This request was already decided.' },
  missing_attachments: {
    fr: 'Il manque un justificatif demandé pour cette demande.',
    en: 'A document this request needs is missing.',
  },
  invalid_attachment: {
    fr: "Ce document n'est pas l'un des vôtres, ou n'existe plus.",
    en: 'This document is not one of yours, or no longer exists.',
  },
  attachment_already_used: {
    fr: 'Ce document a déjà été envoyé avec une autre demande : déposez-le à nouveau.',
    en: 'This document was already sent with another request: upload it again.',
  },
  too_many_pending_attachments: {
    fr: "Vous avez déjà trop de documents en attente d'envoi : joignez-les d'abord à une demande.",
    en: 'You already have too many documents not sent with a request: send them with a request first.',
  },
  too_many_files: { fr: 'Envoyez un seul fichier à la fois.', en: 'Send one file per upload.' },
  file_missing: { fr: 'Aucun fichier reçu.', en: 'No file was received.' },
  empty_file: { fr: 'Le fichier est vide.', en: 'The file is empty.' },
  file_too_large: { fr: 'Le fichier est trop volumineux.', en: 'The file is too large.' },
  unsupported_file_type: {
    fr: 'Seuls les documents PDF, JPEG et PNG sont acceptés.',
    en: 'Only PDF, JPEG and PNG documents are accepted.',
  },
  invalid_attachment_type: {
    fr: "Le type de document indiqué n'est pas valide.",
    en: 'The document type must be one attachment type key.',
  },
  unknown_attachment_type: {
    fr: "Aucune demande de la commune n'attend ce type de document.",
    en: 'No request category asks for documents of this type.',
  },
  service_unavailable: {
    fr: 'Le service est momentanément indisponible : réessayez dans un instant.',
    en: 'The service is busy or restarting: try again in a moment.',
  },
  return_url_not_allowed: {
    fr: "L'adresse de retour après paiement n'est pas un site enregistré par la commune.",
    en: 'The return address is not one of the sites the collectivity registered.',
  },
  attachment_quota_exceeded: {
    fr: 'Votre foyer a atteint la taille maximale de documents déposés.',
    en: 'Your household has reached its storage limit for documents.',
  },
  server_busy: {
    fr: 'Beaucoup de connexions en même temps : réessayez dans quelques secondes.',
    en: 'Many sign-ins at once: try again in a few seconds.',
  },
  month_not_over: {
    fr: "Ce mois n'est pas terminé : il ne peut pas encore être facturé.",
    en: 'This month is not over: it cannot be invoiced yet.',
  },
  billing_anomalies: {
    fr: "Des jours du mois sont à régler avant de facturer (voir l'aperçu).",
    en: 'Some days of the month must be settled before invoicing (see the preview).',
  },
  invoice_not_creditable: {
    fr: 'Seule une facture émise, payée ou non, et pas encore entièrement créditée peut recevoir un avoir.',
    en: 'Only an issued invoice, paid or not, and not fully credited yet, can be credited.',
  },
  invoice_line_already_credited: {
    fr: 'Une des lignes choisies a déjà été créditée par un avoir : chaque ligne ne se crédite qu’une fois.',
    en: 'One of the lines chosen was credited already: each line is credited once at most.',
  },
  attendance_conflict: {
    fr: 'Un autre agent a pointé cet enfant entre-temps : vérifiez son pointage avant de le changer.',
    en: 'Another agent marked this child in the meantime: check their mark before changing it.',
  },
  not_booked: {
    fr: "Cet enfant n'est pas attendu ce jour-là : on ne peut l'ajouter que présent.",
    en: 'This child is not expected that day: they can only be added as present.',
  },
  not_waitlisted: {
    fr: "Cet enfant n'est plus sur la liste d'attente : rechargez la liste.",
    en: 'This child is no longer on the waiting list: reload the list.',
  },
  day_full: {
    fr: 'Aucune place n’est libre ce jour-là : confirmez le dépassement de la capacité pour inscrire cet enfant quand même.',
    en: 'No place is free that day: confirm going over capacity to give this child a place anyway.',
  },
  already_agent: {
    fr: 'Cette personne est déjà agent de la commune.',
    en: 'This person is already an agent of the collectivity.',
  },
  last_admin: {
    fr: 'La commune doit garder au moins un administrateur.',
    en: 'The collectivity must keep at least one admin.',
  },
  guardian_active: {
    fr: 'Ce responsable a déjà activé son compte.',
    en: 'This guardian has already activated their account.',
  },
  guardian_without_email: {
    fr: "Ce responsable n'a pas d'adresse e-mail : ajoutez-la avant de l'inviter.",
    en: 'This guardian has no email address: add one before inviting them.',
  },
  already_member: {
    fr: 'Votre compte est déjà lié à cette commune.',
    en: 'Your account already belongs to this collectivity.',
  },
  join_request_pending: {
    fr: "Une demande d'adhésion à cette commune est déjà en cours.",
    en: 'A request to join this collectivity is already pending.',
  },
  join_request_decided: {
    fr: "Cette demande d'adhésion a déjà été traitée.",
    en: 'This join request has already been decided.',
  },
  internal_error: {
    fr: "Une erreur s'est produite de notre côté. Indiquez l'identifiant de la requête si vous nous contactez.",
    en: 'Something went wrong on our side. Quote the request id if you contact us.',
  },
};

/**
 * The detail of a problem in `language`: the throw site's own text when it gave one in that
 * language (a `LocalText`, or a plain string, which is English), else the code's text.
 */
export function problemDetail(code: ErrorCode, detail: string | LocalText, language: Language): string {
  if (typeof detail !== 'string') return detail[language];
  return language === 'en' ? detail : PROBLEM_TEXTS[code].fr;
}
