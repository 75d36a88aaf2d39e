import { FoyerError } from '@foyer/sdk';
import { msg } from '@lit/localize';

/** A short lead, in the page's language, for the errors a parent can act on. */
function lead(error: FoyerError): string | undefined {
  switch (error.code) {
    case 'network_error':
      return msg('Le service est injoignable : vérifiez votre connexion puis réessayez.');
    case 'invalid_credentials':
      return msg('Adresse e-mail ou mot de passe incorrect.');
    case 'too_many_requests':
      return msg('Trop de tentatives : patientez un peu avant de réessayer.');
    case 'invalid_token':
      return msg("Ce lien n'est plus valable.");
    case 'not_bookable':
      return msg('Ce jour ne peut pas être réservé.');
    case 'unauthenticated':
    case 'token_expired':
      return msg('Votre session a expiré : reconnectez-vous.');
    case 'forbidden':
    case 'not_found':
      return msg("Vous n'avez pas accès à ces informations dans cette commune.");
    default:
      return undefined;
  }
}

/**
 * What to show for a failed call: a lead in the page's language when the case is known, and
 * always the API's own message, which says exactly what went wrong.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof FoyerError) {
    const known = lead(error);
    const detail = error.message;
    if (!known) return detail || msg('Une erreur est survenue.');
    return detail && detail !== known ? `${known} (${detail})` : known;
  }
  return msg('Une erreur est survenue.');
}
