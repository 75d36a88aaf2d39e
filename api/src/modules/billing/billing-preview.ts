import type { adminBilling, EndpointOutput } from '@foyer/sdk/contract';
import type { Db } from '../../db/database.js';
import { draftHouseholdInvoice } from '../../domain/index.js';
import { householdMonths, postpaidActivities } from './month-data.js';
import { MonthTotals } from './month-totals.js';

type BillingRun = EndpointOutput<typeof adminBilling.runBilling>;

/**
 * What issuing `month` would bill, writing nothing: totals per activity and per household,
 * the days billed and the anomalies to settle first.
 */
export async function previewBillingMonth(db: Db, collectivityId: string, month: string): Promise<BillingRun> {
  const activities = await postpaidActivities(db, collectivityId);
  const totals = new MonthTotals(activities);
  for await (const batch of householdMonths(db, collectivityId, month, [...activities.keys()])) {
    for (const household of batch) totals.add(household, draftHouseholdInvoice(household.priced, activities, household.bookings));
  }
  return {
    id: null,
    month,
    status: 'preview',
    issuedAt: null,
    dueDate: null,
    invoiceCount: totals.invoiceCount,
    lineCount: totals.lineCount,
    totalCents: totals.totalCents,
    activities: totals.activityTotals(),
    households: totals.households,
    anomalies: totals.anomalies,
    alreadyIssued: false,
  };
}
