import type { adminBilling, EndpointOutput } from '@foyer/sdk/contract';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { unnestRows } from '../../db/unnest-rows.js';
import type { AppDeps } from '../../deps.js';
import {
  type BilledReason,
  billableFrom,
  documentNumbers,
  draftHouseholdInvoice,
  dueDate,
  INVOICE_PREFIX,
  localDateOf,
  monthIsOver,
  monthRange,
} from '../../domain/index.js';
import { ApiError } from '../../lib/api-error.js';
import { billingRunView } from './billing-run-view.js';
import { INVOICE_LINE_TYPES } from './invoice-line-columns.js';
import { invoiceNoticeEmail } from './invoice-notice-email.js';
import { householdMonths, postpaidActivities } from './month-data.js';
import { MonthTotals } from './month-totals.js';

type BillingRun = EndpointOutput<typeof adminBilling.runBilling>;

const REASON_LABELS: Record<BilledReason, string> = {
  booked: '',
  absence_unjustified: ' (absence non justifiée)',
  walk_in: ' (sans réservation)',
  late_cancellation_refused: ' (annulation tardive refusée)',
};

/**
 * Issues `month`'s invoices, all or nothing, once: one invoice per household with billable
 * days, numbered in the collectivity's `FA-YYYY-` series without gaps, each with a notice
 * email in the outbox. A lock on the month makes a second run started meanwhile wait, then
 * answer the run the first one issued; the `(collectivity, month)` unique constraint stays as
 * the last guard. Blocking anomalies refuse the run (409) unless `leaveAnomaliesUnbilled`.
 */
export async function issueBillingRun(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  input: {
    collectivity: { id: string; name: string; timeZone: string };
    accountId: string | null;
    month: string;
    leaveAnomaliesUnbilled: boolean;
  },
): Promise<BillingRun> {
  const { collectivity, month } = input;
  const cid = collectivity.id;
  const now = deps.clock.now();
  const today = localDateOf(now, collectivity.timeZone);
  if (!monthIsOver(month, today)) {
    const from = billableFrom(month);
    throw new ApiError(
      422,
      'month_not_over',
      from
        ? {
            fr: `Le mois ${month} n'est pas terminé : il peut être facturé à partir du ${from}.`,
            en: `The month ${month} is not over: it can be invoiced from ${from}.`,
          }
        : {
            fr: `Le mois ${month} n'est jamais terminé : il ne peut pas être facturé.`,
            en: `The month ${month} never ends: it cannot be invoiced.`,
          },
    );
  }
  return deps.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtextextended(${`${cid}|billing-run|${month}`}, 0))`.execute(trx);
    const existing = await trx
      .selectFrom('billing_runs')
      .select('id')
      .where('collectivity_id', '=', cid)
      .where('month', '=', month)
      .executeTakeFirst();
    if (existing) return { ...(await billingRunView(trx, cid, existing.id)), alreadyIssued: true };

    const run = await trx
      .insertInto('billing_runs')
      .values({ collectivity_id: cid, month, status: 'issuing', issued_by: input.accountId, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const year = today.slice(0, 4);
    let last = await lastNumber(trx, cid, year);
    const due = dueDate(today);
    const { from, to } = monthRange(month);
    const activities = await postpaidActivities(trx, cid);
    const totals = new MonthTotals(activities);

    for await (const batch of prefetched(householdMonths(trx, cid, month, [...activities.keys()]))) {
      const invoices: InvoiceRow[] = [];
      const lines: LineRow[] = [];
      for (const household of batch) {
        const draft = draftHouseholdInvoice(household.priced, activities, household.bookings);
        if (draft.lines.length === 0) {
          totals.add(household, draft);
          continue;
        }
        const [number] = documentNumbers(INVOICE_PREFIX, year, last, 1) as [string];
        last += 1;
        const id = crypto.randomUUID();
        totals.add(household, draft, { id, number });
        invoices.push({
          collectivity_id: cid,
          id,
          household_id: household.id,
          kind: 'invoice',
          number,
          period_from: from,
          period_to: to,
          issued_at: now,
          due_date: due,
          status: 'issued',
          total_cents: draft.totalCents,
          created_at: now,
          billing_run_id: run.id,
        });
        for (const line of draft.lines) {
          const child = household.children.get(line.childId);
          lines.push({
            invoice_id: id,
            booking_id: line.bookingId,
            label: `${activities.get(line.activityId)?.name ?? ''} — ${child?.firstName ?? ''} — ${frenchShortDate(line.date)}${REASON_LABELS[line.reason]}`,
            quantity: line.quantity,
            unit_cents: line.unitCents,
            total_cents: line.totalCents,
            child_id: line.childId,
            activity_id: line.activityId,
            date: line.date,
            reason: line.reason,
          });
        }
      }
      await writeBatch(trx, cid, invoices, lines);
      await queueNotices(trx, { collectivityId: cid, collectivityName: collectivity.name, month, due, now }, invoices);
    }

    if (totals.blocked && !input.leaveAnomaliesUnbilled) {
      const count = totals.anomalies.filter((a) => a.blocking).length;
      // Thrown inside the transaction: nothing of this run is kept, no number is used.
      throw new ApiError(
        409,
        'billing_anomalies',
        {
          fr: `${count} jour(s) à régler avant de facturer ${month} (voir l'aperçu).`,
          en: `${count} day(s) to settle before invoicing ${month} (see the preview).`,
        },
        { extra: { anomalies: totals.anomalies.filter((a) => a.blocking).slice(0, 100) } },
      );
    }
    await trx
      .updateTable('billing_runs')
      .set({ status: 'issued', invoice_count: totals.invoiceCount, total_cents: totals.totalCents, issued_at: now })
      .where('collectivity_id', '=', cid)
      .where('id', '=', run.id)
      .execute();
    await trx
      .insertInto('audit_log')
      .values({
        collectivity_id: cid,
        actor_account_id: input.accountId,
        at: now,
        action: 'billing_run.issued',
        object_type: 'billing_run',
        object_id: run.id,
        details: JSON.stringify({ month, invoiceCount: totals.invoiceCount, totalCents: totals.totalCents }),
      })
      .execute();
    return {
      id: run.id,
      month,
      status: 'issued',
      issuedAt: now.toISOString(),
      dueDate: totals.invoiceCount > 0 ? due : null,
      invoiceCount: totals.invoiceCount,
      lineCount: totals.lineCount,
      totalCents: totals.totalCents,
      activities: totals.activityTotals(),
      households: totals.households,
      anomalies: totals.anomalies,
      alreadyIssued: false,
    };
  });
}

interface InvoiceRow {
  collectivity_id: string;
  id: string;
  household_id: string;
  kind: 'invoice';
  number: string;
  period_from: string;
  period_to: string;
  issued_at: Date;
  due_date: string;
  status: 'issued';
  total_cents: number;
  created_at: Date;
  billing_run_id: string;
}

interface LineRow {
  invoice_id: string;
  booking_id: string;
  label: string;
  quantity: number;
  unit_cents: number;
  total_cents: number;
  child_id: string;
  activity_id: string;
  date: string;
  reason: BilledReason;
}

/**
 * The batches of `source`, each asked for as soon as the previous one is handed out: the
 * database reads the next households (queued on the same connection) while this process
 * drafts and writes the current ones.
 */
async function* prefetched<T>(source: AsyncGenerator<T>): AsyncGenerator<T> {
  let next = source.next();
  // A failure surfaces when awaited below; never as an unhandled rejection meanwhile.
  next.catch(() => undefined);
  while (true) {
    const current = await next;
    if (current.done) return;
    next = source.next();
    next.catch(() => undefined);
    yield current.value;
  }
}

/** "11/01/2027": the line says its day without a date formatter per line (a run writes hundreds of thousands). */
function frenchShortDate(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/**
 * The last number of the year's invoice series, under a lock held to the end of the
 * transaction: no other run (or other writer of the series) numbers until this one commits or
 * rolls back, so numbers follow each other without gaps in the order they are issued.
 */
async function lastNumber(trx: Db, collectivityId: string, year: string): Promise<number> {
  const series = `${INVOICE_PREFIX}-${year}-`;
  await sql`select pg_advisory_xact_lock(hashtextextended(${`${collectivityId}|invoice-number|${series}`}, 0))`.execute(trx);
  const row = await trx
    .selectFrom('invoices')
    .select(sql<number | null>`max(cast(split_part(number, '-', 3) as integer))`.as('last'))
    .where('collectivity_id', '=', collectivityId)
    .where('number', 'like', `${series}%`)
    .executeTakeFirst();
  return Number(row?.last ?? 0);
}

/** Lines per statement: one array parameter per column, whatever the count. */
const LINE_CHUNK = 20_000;

async function writeBatch(trx: Db, collectivityId: string, invoices: InvoiceRow[], lines: LineRow[]): Promise<void> {
  if (invoices.length === 0) return;
  const invoiceRows = unnestRows(invoices, {
    collectivity_id: 'uuid',
    id: 'uuid',
    household_id: 'uuid',
    kind: 'text',
    number: 'text',
    period_from: 'date',
    period_to: 'date',
    issued_at: 'timestamptz',
    due_date: 'date',
    status: 'text',
    total_cents: 'int4',
    created_at: 'timestamptz',
    billing_run_id: 'uuid',
  });
  await trx.insertInto('invoices').columns(invoiceRows.columns).expression(invoiceRows.select).execute();
  for (let start = 0; start < lines.length; start += LINE_CHUNK) {
    const chunk = unnestRows(lines.slice(start, start + LINE_CHUNK), INVOICE_LINE_TYPES);
    // The collectivity is one value for the whole run: a constant column, not an array of copies.
    await trx
      .insertInto('invoice_lines')
      .columns(['collectivity_id', ...chunk.columns])
      .expression(sql`select ${collectivityId}::uuid, u.* from (${chunk.select}) as u`)
      .execute();
  }
}

/** One notice per invoice and guardian address, in the outbox of the same transaction. */
async function queueNotices(
  trx: Db,
  context: { collectivityId: string; collectivityName: string; month: string; due: string; now: Date },
  invoices: InvoiceRow[],
): Promise<void> {
  if (invoices.length === 0) return;
  const guardians = await trx
    .selectFrom('guardians')
    .select(['household_id', 'email'])
    .where('collectivity_id', '=', context.collectivityId)
    .where(sql<boolean>`household_id = any(${invoices.map((i) => i.household_id)}::uuid[])`)
    .where('email', 'is not', null)
    .orderBy('email')
    .execute();
  const emails = new Map<string, Map<string, string>>();
  for (const { household_id, email } of guardians) {
    if (!email) continue;
    const seen = emails.get(household_id) ?? new Map<string, string>();
    if (!seen.has(email.toLowerCase())) seen.set(email.toLowerCase(), email);
    emails.set(household_id, seen);
  }
  const rows = invoices.flatMap((invoice) =>
    [...(emails.get(invoice.household_id)?.values() ?? [])].map((to) => ({
      collectivity_id: context.collectivityId,
      topic: 'email',
      payload: JSON.stringify(
        invoiceNoticeEmail({
          to,
          collectivityName: context.collectivityName,
          month: context.month,
          number: invoice.number,
          totalCents: invoice.total_cents,
          dueDate: context.due,
        }),
      ),
      // One notice per invoice and address, even if the outbox is drained twice.
      dedupe_key: `invoice-notice:${invoice.id}:${to.toLowerCase()}`,
      created_at: context.now,
      available_at: context.now,
    })),
  );
  if (rows.length === 0) return;
  const outbox = unnestRows(rows, {
    collectivity_id: 'uuid',
    topic: 'text',
    payload: 'text::jsonb',
    dedupe_key: 'text',
    created_at: 'timestamptz',
    available_at: 'timestamptz',
  });
  await trx.insertInto('outbox').columns(outbox.columns).expression(outbox.select).execute();
}
