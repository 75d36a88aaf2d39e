import type { calendar } from '@foyer/sdk';
import { msg, str } from '@lit/localize';
import { instant } from '../shared/format.js';
import type { CartLine } from '../shared/store.js';

export type Cell = calendar.CalendarCell;

/** How a day shows: one of the legend's marks. */
export type CellKind =
  | 'booked'
  | 'bookable'
  | 'waitlist'
  | 'pending-book'
  | 'pending-cancel'
  | 'pending-payment'
  | 'waitlisted'
  | 'cancel-requested'
  | 'closed'
  | 'deadline'
  | 'full'
  | 'present'
  | 'absent-justified'
  | 'absent'
  | 'none';

/** What a click on the day does: add a booking or a cancellation to the cart, or take the cart's change back. */
export type CellAction = 'book' | 'cancel' | 'remove' | null;

export interface CellView {
  kind: CellKind;
  action: CellAction;
  /** The state in words, for the cell's accessible name and the status line. */
  state: string;
  /** Why the day cannot be booked, when it cannot. */
  reason: string | null;
}

const GLYPHS: Record<CellKind, string> = {
  booked: '✓',
  bookable: '□',
  waitlist: '○',
  'pending-book': '+',
  'pending-cancel': '−',
  'pending-payment': '€',
  waitlisted: '⋯',
  'cancel-requested': '?',
  closed: '✕',
  deadline: '⊘',
  full: '●',
  present: 'P',
  'absent-justified': 'J',
  absent: 'A',
  none: '',
};

export function glyph(kind: CellKind): string {
  return GLYPHS[kind];
}

/** The legend, in the order the marks are explained under the calendar. */
export function legend(): { kind: CellKind; text: string }[] {
  return [
    { kind: 'booked', text: msg('Réservé') },
    { kind: 'bookable', text: msg('Réservable') },
    { kind: 'pending-book', text: msg('Réservation dans le panier') },
    { kind: 'pending-cancel', text: msg('Annulation dans le panier') },
    { kind: 'pending-payment', text: msg('En attente de paiement') },
    { kind: 'waitlist', text: msg("Complet : liste d'attente possible") },
    { kind: 'waitlisted', text: msg("Sur liste d'attente") },
    { kind: 'cancel-requested', text: msg('Annulation demandée') },
    { kind: 'closed', text: msg('Fermé') },
    { kind: 'deadline', text: msg('Délai dépassé') },
    { kind: 'full', text: msg('Complet') },
    { kind: 'present', text: msg('Présent') },
    { kind: 'absent-justified', text: msg('Absent (justifié)') },
    { kind: 'absent', text: msg('Absent') },
  ];
}

/** Why a day is closed or cannot be booked, for people. */
export function reasonText(cell: Cell, timeZone: string): string | null {
  const label = cell.label ? ` (${cell.label})` : '';
  switch (cell.reason) {
    case null:
      return null;
    case 'weekday':
      return msg("pas d'activité ce jour-là");
    case 'public_holiday':
      return msg('jour férié') + label;
    case 'school_holiday':
      return msg('vacances scolaires') + label;
    case 'calendar_unknown':
      return msg('calendrier scolaire pas encore connu');
    case 'closure':
      return msg('fermeture exceptionnelle') + label;
    case 'outside_session':
      return msg("hors des périodes d'ouverture");
    case 'outside_season':
      return msg('hors saison');
    case 'not_enrolled':
      return msg("l'enfant n'est pas inscrit à cette activité");
    case 'deadline_passed':
      return cell.bookingDeadline
        ? msg(str`délai de réservation dépassé (jusqu'au ${instant(cell.bookingDeadline, timeZone)})`)
        : msg('délai de réservation dépassé');
    case 'registration_not_open':
      return msg('les réservations ne sont pas encore ouvertes');
    case 'registration_closed':
      return msg('les réservations sont closes');
    case 'full':
      return msg('complet');
    case 'session_limit':
      return msg('nombre maximal de jours de la période atteint');
    default:
      return cell.reason;
  }
}

const CLOSED_REASONS = new Set([
  'weekday',
  'public_holiday',
  'school_holiday',
  'calendar_unknown',
  'closure',
  'outside_session',
  'outside_season',
]);

/**
 * How one day of one activity shows, given the cart's change for it (if any): the change in
 * the cart wins, then attendance on past days, then the booking, then whether it can be booked.
 */
export function describeCell(cell: Cell, pending: Pick<CartLine, 'action'> | null, timeZone: string): CellView {
  const reason = reasonText(cell, timeZone);
  if (pending) {
    return pending.action === 'book'
      ? { kind: 'pending-book', action: 'remove', state: msg('réservation dans le panier'), reason: null }
      : { kind: 'pending-cancel', action: 'remove', state: msg('annulation dans le panier'), reason: null };
  }
  switch (cell.attendance) {
    case 'present':
      return { kind: 'present', action: null, state: msg('présent'), reason: null };
    case 'absent_justified':
      return { kind: 'absent-justified', action: null, state: msg('absent (justifié)'), reason: null };
    case 'absent_unjustified':
      return { kind: 'absent', action: null, state: msg('absent'), reason: null };
    default:
  }
  const cancel: CellAction = cell.canCancel || cell.canReportAbsence ? 'cancel' : null;
  switch (cell.status) {
    case 'booked':
      return { kind: 'booked', action: cancel, state: msg('réservé'), reason: null };
    case 'pending_payment':
      return { kind: 'pending-payment', action: null, state: msg('en attente de paiement'), reason: null };
    case 'waitlisted':
      return { kind: 'waitlisted', action: cancel, state: msg("sur liste d'attente"), reason: null };
    case 'cancel_requested':
      return { kind: 'cancel-requested', action: null, state: msg('annulation demandée'), reason: null };
    default:
  }
  if (cell.canBook) {
    return cell.waitlist
      ? { kind: 'waitlist', action: 'book', state: msg("complet, inscription sur liste d'attente possible"), reason: null }
      : { kind: 'bookable', action: 'book', state: msg('réservable'), reason: null };
  }
  if (cell.status === 'not_enrolled' || cell.reason === 'weekday' || cell.reason === 'not_enrolled') {
    return { kind: 'none', action: null, state: msg('non réservable'), reason };
  }
  if (cell.status === 'closed' || (cell.reason && CLOSED_REASONS.has(cell.reason))) {
    return { kind: 'closed', action: null, state: msg('fermé'), reason };
  }
  if (cell.status === 'full' || cell.reason === 'full') return { kind: 'full', action: null, state: msg('complet'), reason };
  return { kind: 'deadline', action: null, state: msg('non réservable'), reason };
}
