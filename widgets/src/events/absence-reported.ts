import type { AbsenceReason } from '@foyer/sdk/contract';

/** What `foyer-absence-reported` carries: the day, the reason given, and whether it was late. */
export interface AbsenceReportedDetail {
  childId: string;
  activityId: string;
  date: string;
  absence: AbsenceReason;
  /** Past the activity's cancellation deadline: agents decide (a certificate may help). */
  late: boolean;
}

/**
 * A parent put a booked day's absence in the cart, with its reason. Fired by `<foyer-calendar>`;
 * bubbles and crosses shadow roots. For a sick child, the town's page can open its
 * `<foyer-request-form>` on the certificate category, with the child chosen (`category`,
 * `child` attributes), so that the absence is justified.
 */
export class FoyerAbsenceReportedEvent extends CustomEvent<AbsenceReportedDetail> {
  static readonly type = 'foyer-absence-reported';
  constructor(detail: AbsenceReportedDetail) {
    super(FoyerAbsenceReportedEvent.type, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'foyer-absence-reported': FoyerAbsenceReportedEvent;
  }
}
