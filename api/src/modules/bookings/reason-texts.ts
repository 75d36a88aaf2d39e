import type { BookingReason } from '@foyer/sdk/contract';

/**
 * What each booking reason code says to a parent, in French (the default) and English: the
 * API's one table of them (the widgets have theirs, in their own localisation).
 */
export const REASON_TEXTS: Record<BookingReason, { fr: string; en: string }> = {
  weekday: { fr: "L'activité n'a pas lieu ce jour de la semaine.", en: 'The activity does not run on this day of the week.' },
  public_holiday: { fr: 'Jour férié.', en: 'Public holiday.' },
  school_holiday: { fr: 'Vacances scolaires.', en: 'School holidays.' },
  calendar_unknown: {
    fr: "Le calendrier scolaire n'est pas encore connu pour ce jour : réservation impossible pour l'instant.",
    en: 'The school calendar for this day is not known yet: it cannot be booked for now.',
  },
  closure: { fr: 'Fermeture exceptionnelle.', en: 'Exceptional closure.' },
  outside_session: { fr: "Hors des périodes d'ouverture.", en: 'Outside the opening periods.' },
  outside_season: { fr: "Hors de la période d'inscription de l'activité.", en: "Outside the activity's season." },
  not_enrolled: {
    fr: "L'enfant n'est pas inscrit à cette activité à cette date.",
    en: 'The child is not enrolled in this activity on this date.',
  },
  deadline_passed: { fr: 'Le délai de réservation est dépassé.', en: 'The booking deadline has passed.' },
  registration_not_open: { fr: 'Les réservations ne sont pas encore ouvertes.', en: 'Bookings are not open yet.' },
  registration_closed: { fr: 'Les réservations sont closes.', en: 'Bookings are closed.' },
  full: { fr: "Il n'y a plus de place ce jour-là.", en: 'There are no places left on this day.' },
  session_limit: {
    fr: "L'enfant a déjà le nombre maximal de jours de cette période.",
    en: 'The child already has the most days this period allows.',
  },
  activity_closed: { fr: "L'activité n'est plus proposée.", en: 'The activity is no longer offered.' },
  already_booked: { fr: 'Ce jour est déjà réservé.', en: 'This day is already booked.' },
  not_booked: { fr: "Ce jour n'est pas réservé.", en: 'This day is not booked.' },
  payment_pending: { fr: 'Ce jour attend son paiement.', en: 'This day is waiting for its payment.' },
  day_passed: { fr: 'Ce jour est passé.', en: 'This day has passed.' },
  credited: { fr: 'Le montant payé est crédité à la famille.', en: 'The amount paid is credited to the family.' },
};

/** The text of a booking reason code, in French unless asked otherwise. */
export const reasonText = (reason: BookingReason, language: 'fr' | 'en' = 'fr'): string => REASON_TEXTS[reason][language];
