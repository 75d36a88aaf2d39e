import type { adminBilling, EndpointOutput } from '@foyer/sdk/contract';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { notFound } from '../../lib/api-error.js';

type BillingRun = EndpointOutput<typeof adminBilling.getBillingRun>;
type BillingRunSummary = EndpointOutput<typeof adminBilling.listBillingRuns>['runs'][number];

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/** The collectivity's billing runs, latest month first. */
export async function listBillingRuns(db: Db, collectivityId: string): Promise<{ runs: BillingRunSummary[] }> {
  const rows = await db
    .selectFrom('billing_runs')
    .select(['id', 'month', 'status', 'issued_at', 'invoice_count', 'total_cents'])
    .where('collectivity_id', '=', collectivityId)
    .orderBy('month', 'desc')
    .execute();
  return {
    runs: rows.map((r) => ({
      id: r.id,
      month: r.month,
      status: r.status,
      issuedAt: iso(r.issued_at),
      invoiceCount: r.invoice_count,
      totalCents: r.total_cents,
    })),
  };
}

/**
 * An issued run as stored: its totals, per activity from its invoices' lines. The anomalies
 * met when it was issued are not kept (the days stay in the bookings for anyone to look at).
 */
export async function billingRunView(db: Db, collectivityId: string, runId: string): Promise<BillingRun> {
  const run = await db
    .selectFrom('billing_runs')
    .select(['id', 'month', 'status', 'issued_at', 'invoice_count', 'total_cents'])
    .where('collectivity_id', '=', collectivityId)
    .where('id', '=', runId)
    .executeTakeFirst();
  if (!run) throw notFound('billing run');
  const [activities, due] = await Promise.all([
    db
      .selectFrom('invoice_lines as l')
      .innerJoin('invoices as i', (j) =>
        j.onRef('i.collectivity_id', '=', 'l.collectivity_id').onRef('i.id', '=', 'l.invoice_id'),
      )
      .innerJoin('activities as a', (j) =>
        j.onRef('a.collectivity_id', '=', 'l.collectivity_id').onRef('a.id', '=', 'l.activity_id'),
      )
      .select(['a.id', 'a.name', sql<number>`count(*)::int`.as('days'), sql<number>`sum(l.total_cents)::int`.as('total')])
      .where('l.collectivity_id', '=', collectivityId)
      .where('i.billing_run_id', '=', runId)
      .groupBy(['a.id', 'a.name'])
      .orderBy('a.name')
      .execute(),
    db
      .selectFrom('invoices')
      .select(sql<string | null>`min(due_date)::text`.as('due'))
      .where('collectivity_id', '=', collectivityId)
      .where('billing_run_id', '=', runId)
      .executeTakeFirst(),
  ]);
  return {
    id: run.id,
    month: run.month,
    status: 'issued',
    issuedAt: iso(run.issued_at),
    dueDate: due?.due ?? null,
    invoiceCount: run.invoice_count,
    lineCount: activities.reduce((sum, a) => sum + Number(a.days), 0),
    totalCents: run.total_cents,
    activities: activities.map((a) => ({
      activity: { id: a.id, name: a.name },
      days: Number(a.days),
      totalCents: Number(a.total),
    })),
    households: [],
    anomalies: [],
    alreadyIssued: false,
  };
}
