import { type ClientErrorCode, type ErrorCode, FoyerError } from '@foyer/sdk';
import { msg } from '@lit/localize';

/**
 * What each error means for a parent, in the page's language: every code of the contract (the
 * type makes a new code without its text a compile error) and the SDK's own.
 */
/** Codes only the back office meets: their texts come with foyer-admin.js (admin/shared/admin-errors.ts), not with foyer.js. */
export type AdminErrorCode =
  | 'already_agent'
  | 'month_not_over'
  | 'billing_anomalies'
  | 'invoice_not_creditable'
  | 'invoice_line_already_credited'
  | 'attendance_conflict'
  | 'not_booked'
  | 'not_waitlisted'
  | 'day_full'
  | 'last_admin'
  | 'guardian_active'
  | 'guardian_without_email'
  | 'join_request_decided';

const LEADS: Record<Exclude<ErrorCode | ClientErrorCode, AdminErrorCode>, () => string> = {
  network_error: () => msg('Le service est injoignable : vérifiez votre connexion puis réessayez.'),
  invalid_response: () => msg('Le service a répondu de façon inattendue : rechargez la page.'),
  http_error: () => msg('Le service est momentanément indisponible : réessayez dans un instant.'),
  bad_request: () => msg('La demande envoyée est invalide : rechargez la page puis réessayez.'),
  validation_failed: () => msg('Certaines informations ne sont pas valides : vérifiez les champs signalés.'),
  malformed_json: () => msg('La demande envoyée est invalide : rechargez la page puis réessayez.'),
  malformed_multipart: () => msg("L'envoi du fichier a été interrompu : envoyez-le à nouveau."),
  unsupported_media_type: () => msg("Ce type d'envoi n'est pas accepté."),
  payload_too_large: () => msg('Les informations envoyées sont trop volumineuses.'),
  invalid_cursor: () => msg('La liste a changé : rechargez la page.'),
  not_found: () => msg("Vous n'avez pas accès à ces informations dans cette commune."),
  unauthenticated: () => msg('Votre session a expiré : reconnectez-vous.'),
  token_expired: () => msg('Votre session a expiré : reconnectez-vous.'),
  forbidden: () => msg("Vous n'avez pas accès à ces informations dans cette commune."),
  invalid_credentials: () => msg('Adresse e-mail ou mot de passe incorrect.'),
  too_many_requests: () => msg('Trop de tentatives : patientez un peu avant de réessayer.'),
  invalid_token: () => msg("Ce lien n'est plus valable."),
  refresh_token_reused: () => msg('Votre session a été fermée par sécurité : reconnectez-vous.'),
  password_too_common: () => msg('Ce mot de passe est trop courant : choisissez-en un autre.'),
  same_email: () => msg('Cette adresse est déjà votre identifiant.'),
  email_taken: () => msg('Cette adresse est déjà utilisée par un autre compte.'),
  email_is_login: () => msg('Cette adresse sert à se connecter : changez-la depuis les réglages du compte.'),
  conflict: () => msg('Une autre modification a eu lieu en même temps : rechargez puis réessayez.'),
  idempotency_key_required: () => msg('La demande envoyée est invalide : rechargez la page puis réessayez.'),
  idempotency_key_mismatch: () => msg('Le panier a changé pendant la validation : validez-le à nouveau.'),
  idempotency_key_in_use: () => msg('La même validation est encore en cours : patientez un instant puis réessayez.'),
  too_many_guardians: () => msg('Le foyer a déjà le nombre maximal de responsables.'),
  child_missing: () => msg("L'enfant concerné n'est plus dans le foyer."),
  not_bookable: () => msg('Ce jour ne peut pas être réservé.'),
  cart_empty: () => msg('Le panier est vide : ajoutez des jours avant de valider.'),
  cart_too_large: () => msg('Le panier est plein : validez-le avant d’ajouter d’autres jours.'),
  invalid_signature: () => msg('Le paiement n’a pas pu être confirmé : contactez votre mairie.'),
  invoice_not_payable: () => msg('Cette facture n’est plus à payer : elle est payée, prélevée ou annulée.'),
  incomplete_answers: () => msg('Il manque des réponses à cette demande.'),
  request_decided: () => msg('Cette demande a déjà été traitée.'),
  missing_attachments: () => msg('Il manque un justificatif demandé.'),
  invalid_attachment: () => msg("Ce document n'est plus disponible : déposez-le à nouveau."),
  attachment_already_used: () => msg('Ce document a déjà été envoyé avec une autre demande : déposez-le à nouveau.'),
  too_many_pending_attachments: () => msg("Trop de documents attendent d'être envoyés : joignez-les d'abord à une demande."),
  too_many_files: () => msg('Envoyez un seul fichier à la fois.'),
  file_missing: () => msg('Aucun fichier reçu : choisissez un fichier.'),
  empty_file: () => msg('Le fichier est vide.'),
  file_too_large: () => msg('Le fichier est trop volumineux.'),
  unsupported_file_type: () => msg('Seuls les documents PDF, JPEG et PNG sont acceptés.'),
  invalid_attachment_type: () => msg("Ce type de document n'est pas valide."),
  unknown_attachment_type: () => msg("Aucune demande n'attend ce type de document."),
  service_unavailable: () => msg('Le service est momentanément indisponible : réessayez dans un instant.'),
  return_url_not_allowed: () => msg('L’adresse de retour n’est pas un site de la commune : contactez votre mairie.'),
  attachment_quota_exceeded: () => msg('Votre foyer a atteint la taille maximale de documents déposés.'),
  server_busy: () => msg('Beaucoup de connexions en même temps : réessayez dans quelques secondes.'),
  already_member: () => msg('Votre compte est déjà lié à cette commune.'),
  join_request_pending: () => msg('Une demande d’adhésion à cette commune est déjà en cours.'),
  internal_error: () => msg('Une erreur est survenue de notre côté : réessayez plus tard.'),
};

/** Texts added by another bundle (the back office's codes). */
const added = new Map<string, () => string>();

/** Adds the texts of codes a bundle of its own meets (the back office's). */
export function addErrorTexts(texts: Record<string, () => string>): void {
  for (const [code, text] of Object.entries(texts)) added.set(code, text);
}

/** The text of `code` for a parent, in the page's language; undefined for a code this version does not know. */
export function errorText(code: string): string | undefined {
  if (Object.hasOwn(LEADS, code)) return LEADS[code as keyof typeof LEADS]();
  return added.get(code)?.();
}

/**
 * What to show for a failed call: the code's text in the page's language, and the API's own
 * message when it says more (which day, which field).
 */
export function errorMessage(error: unknown): string {
  if (error instanceof FoyerError) {
    const known = errorText(error.code);
    const detail = error.message;
    if (!known) return detail || msg('Une erreur est survenue.');
    return detail && detail !== known ? `${known} (${detail})` : known;
  }
  return msg('Une erreur est survenue.');
}
