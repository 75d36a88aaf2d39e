import type { BookingReason } from '@foyer/sdk';
import { msg } from '@lit/localize';

/**
 * What each booking reason code says to a parent: the widgets' one table of them, used by the
 * calendar's marks, the period booking's summary and the cart. French is the source locale.
 */
function texts(): Record<BookingReason, string> {
  return {
    weekday: msg("pas d'activité ce jour-là"),
    public_holiday: msg('jour férié'),
    school_holiday: msg('vacances scolaires'),
    calendar_unknown: msg('calendrier scolaire pas encore connu'),
    closure: msg('fermeture exceptionnelle'),
    outside_session: msg("hors des périodes d'ouverture"),
    outside_season: msg('hors saison'),
    not_enrolled: msg("enfant non inscrit à l'activité"),
    deadline_passed: msg('délai de réservation dépassé'),
    registration_not_open: msg('réservations pas encore ouvertes'),
    registration_closed: msg('réservations closes'),
    full: msg('complet'),
    session_limit: msg('nombre maximal de jours de la période atteint'),
    activity_closed: msg("l'activité n'est plus proposée"),
    already_booked: msg('déjà réservé'),
    not_booked: msg('pas réservé'),
    payment_pending: msg('paiement en attente'),
    day_passed: msg('jour passé'),
    credited: msg('remboursé en avoir'),
  };
}

/** The text of a booking reason code, in the page's language; an unknown code as it is. */
export function reasonText(code: string): string {
  const table: Record<string, string> = texts();
  return table[code] ?? code;
}
