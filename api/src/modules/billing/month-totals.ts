import type { adminBilling, EndpointOutput } from '@foyer/sdk/contract';
import { BLOCKING_ANOMALIES, type HouseholdInvoiceDraft } from '../../domain/index.js';
import type { HouseholdMonth, MonthActivity } from './month-data.js';

type BillingRun = EndpointOutput<typeof adminBilling.runBilling>;

/**
 * The month's figures as households are drafted one batch after another: totals per activity
 * and per household, days billed, and the anomalies with the names an agent needs. Only these
 * sums are kept, never the lines, so memory does not grow with the month.
 */
export class MonthTotals {
  readonly activities = new Map<string, { days: number; totalCents: number }>();
  readonly households: BillingRun['households'] = [];
  readonly anomalies: BillingRun['anomalies'] = [];
  invoiceCount = 0;
  lineCount = 0;
  totalCents = 0;

  constructor(private readonly activityInfo: ReadonlyMap<string, MonthActivity>) {}

  /** Adds one household's draft; `invoice` is the one issued for it, if any. */
  add(household: HouseholdMonth, draft: HouseholdInvoiceDraft, invoice: { id: string; number: string } | null = null): void {
    for (const anomaly of draft.anomalies) {
      const child = household.children.get(anomaly.childId);
      this.anomalies.push({
        kind: anomaly.kind,
        blocking: BLOCKING_ANOMALIES.includes(anomaly.kind),
        bookingId: anomaly.bookingId,
        date: anomaly.date,
        child: { id: anomaly.childId, firstName: child?.firstName ?? '', lastName: child?.lastName ?? '' },
        household: { id: household.id, name: household.name },
        activity: { id: anomaly.activityId, name: this.activityInfo.get(anomaly.activityId)?.name ?? '' },
      });
    }
    if (draft.lines.length === 0) return;
    for (const line of draft.lines) {
      const sum = this.activities.get(line.activityId) ?? { days: 0, totalCents: 0 };
      sum.days += 1;
      sum.totalCents += line.totalCents;
      this.activities.set(line.activityId, sum);
    }
    this.households.push({
      household: { id: household.id, name: household.name },
      days: draft.lines.length,
      totalCents: draft.totalCents,
      invoice,
    });
    this.invoiceCount += 1;
    this.lineCount += draft.lines.length;
    this.totalCents += draft.totalCents;
  }

  /** Whether some day is left unbilled or in doubt. */
  get blocked(): boolean {
    return this.anomalies.some((a) => a.blocking);
  }

  /** The totals per activity, by name. */
  activityTotals(): BillingRun['activities'] {
    return [...this.activities.entries()]
      .map(([id, sum]) => ({ activity: { id, name: this.activityInfo.get(id)?.name ?? '' }, ...sum }))
      .sort((a, b) => a.activity.name.localeCompare(b.activity.name, 'fr'));
  }
}
