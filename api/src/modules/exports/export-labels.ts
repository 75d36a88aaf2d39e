import type { Attendance, BookingStatus } from '../../domain/index.js';
import type { Language, LocalText } from '../../lib/problem-texts.js';

/** The column titles of each export, French first: what the spreadsheet's first line says. */
export const EXPORT_HEADERS = {
  bookings: {
    fr: ['Date', 'Site', 'Code activité', 'Activité', 'Foyer', 'Nom', 'Prénom', 'Statut', 'Prix (€)', 'Réservé le', 'Modifié le'],
    en: [
      'Date',
      'Site',
      'Activity code',
      'Activity',
      'Household',
      'Last name',
      'First name',
      'Status',
      'Price (€)',
      'Booked at',
      'Updated at',
    ],
  },
  attendance: {
    fr: ['Date', 'Site', 'Code activité', 'Activité', 'Foyer', 'Nom', 'Prénom', 'Présence', 'Sans réservation', 'Pointé le'],
    en: [
      'Date',
      'Site',
      'Activity code',
      'Activity',
      'Household',
      'Last name',
      'First name',
      'Attendance',
      'Without booking',
      'Marked at',
    ],
  },
  mealCounts: {
    fr: { fixed: ['Date', 'Site', 'Repas'], noGroup: 'Sans régime particulier' },
    en: { fixed: ['Date', 'Site', 'Meals'], noGroup: 'No particular diet' },
  },
} as const;

const STATUS: Record<BookingStatus, LocalText> = {
  booked: { fr: 'Réservé', en: 'Booked' },
  pending_payment: { fr: 'En attente de paiement', en: 'Awaiting payment' },
  waitlisted: { fr: "Liste d'attente", en: 'Waiting list' },
  cancel_requested: { fr: 'Annulation tardive à décider', en: 'Late cancellation to decide' },
  cancelled: { fr: 'Annulé', en: 'Cancelled' },
  expired: { fr: 'Expiré (non payé)', en: 'Expired (unpaid)' },
  refused: { fr: 'Paiement refusé', en: 'Payment refused' },
};

const ATTENDANCE: Record<Attendance | 'none', LocalText> = {
  present: { fr: 'Présent', en: 'Present' },
  absent_justified: { fr: 'Absent (justifié)', en: 'Absent (justified)' },
  absent_unjustified: { fr: 'Absent (non justifié)', en: 'Absent (unjustified)' },
  none: { fr: 'Non pointé', en: 'Not marked' },
};

const YES_NO: Record<'yes' | 'no', LocalText> = { yes: { fr: 'oui', en: 'yes' }, no: { fr: 'non', en: 'no' } };

export const statusLabel = (status: BookingStatus, language: Language) => STATUS[status][language];
export const attendanceLabel = (attendance: Attendance | null, language: Language) => ATTENDANCE[attendance ?? 'none'][language];
export const yesNo = (value: boolean, language: Language) => YES_NO[value ? 'yes' : 'no'][language];
