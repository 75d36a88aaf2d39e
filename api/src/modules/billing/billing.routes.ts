import { adminBilling } from '@foyer/sdk/contract';
import type { AppDeps } from '../../deps.js';
import { localDateOf } from '../../domain/index.js';
import { type Route, route } from '../../lib/route.js';
import { agentScope, requireCollectivity } from '../../lib/scope.js';
import { previewBillingMonth } from './billing-preview.js';
import { billingRunView, listBillingRuns } from './billing-run-view.js';
import { creditInvoice } from './credit-invoice.js';
import { getInvoice, listInvoices } from './invoice-reads.js';
import { issueBillingRun } from './issue-billing-run.js';

export function billingRoutes(deps: AppDeps): Route[] {
  const tags = ['Agent: billing'];
  return [
    route(
      adminBilling.listBillingRuns,
      {
        summary: 'List billing runs',
        description: 'The months invoiced, latest first, with their counts and totals.',
        tags,
        access: 'agent',
      },
      async (_input, c) => listBillingRuns(deps.db, agentScope(c).collectivityId),
    ),
    route(
      adminBilling.runBilling,
      {
        summary: 'Preview or issue a month of postpaid billing',
        description:
          'With `dryRun: true`, answers what the month would bill (totals per activity and per household, anomalies) and writes nothing. Otherwise issues it once the month is over: one invoice per household, numbered without gaps, a notice emailed to each family, all or nothing. A month already issued answers its run (`alreadyIssued: true`) and issues nothing again. Blocking anomalies (undecided late cancellations, days without a price) answer 409 unless `leaveAnomaliesUnbilled` is true.',
        tags,
        access: 'agent',
      },
      async ({ body }, c) => {
        const collectivity = requireCollectivity(c);
        if (body.dryRun) return previewBillingMonth(deps.db, collectivity.id, body.month);
        return issueBillingRun(deps, {
          collectivity,
          accountId: agentScope(c).accountId,
          month: body.month,
          leaveAnomaliesUnbilled: body.leaveAnomaliesUnbilled ?? false,
        });
      },
    ),
    route(
      adminBilling.getBillingRun,
      {
        summary: 'One billing run',
        description: 'An issued month: its totals per activity and due date.',
        tags,
        access: 'agent',
      },
      async ({ params }, c) => billingRunView(deps.db, agentScope(c).collectivityId, params.id),
    ),
    route(
      adminBilling.listInvoices,
      {
        summary: 'List invoices and credit notes',
        description:
          'Latest number first, paginated. Filters: month, household, kind, status; `overdue=true` lists the unpaid invoices past their due date.',
        tags,
        access: 'agent',
      },
      async ({ query }, c) => {
        const collectivity = requireCollectivity(c);
        return listInvoices(deps.db, agentScope(c).collectivityId, query, localDateOf(deps.clock.now(), collectivity.timeZone));
      },
    ),
    route(
      adminBilling.getInvoice,
      {
        summary: 'One invoice',
        description: 'With its lines (child, activity, day, why) and the credit notes correcting it.',
        tags,
        access: 'agent',
      },
      async ({ params }, c) => getInvoice(deps.db, agentScope(c).collectivityId, params.id),
    ),
    route(
      adminBilling.creditInvoice,
      {
        summary: 'Credit an invoice, fully or partly, by a credit note',
        description:
          'Issues a credit note (`AV-…`, its own gapless series) referencing the invoice, with the reason given: for the invoice lines in `lines` (*avoir partiel*), or without `lines` for every line not credited yet. Each line is credited once at most (409 `invoice_line_already_credited`); lines not of this invoice answer 400. The invoice itself is never changed: it records what was credited (`creditedCents`, `remainingCents`); an unpaid one fully credited is cancelled. A paid or collected invoice may be credited too: the credit note is then owed to the household (`creditBalance`), which the town refunds or deducts outside Foyer. 409 `invoice_not_creditable` for a credit note, a cancelled invoice or one fully credited.',
        tags,
        access: 'agent',
      },
      async ({ params, body }, c) =>
        creditInvoice(deps, {
          collectivity: requireCollectivity(c),
          accountId: agentScope(c).accountId,
          invoiceId: params.id,
          reason: body.reason,
          ...(body.lines ? { lineIds: body.lines } : {}),
        }),
    ),
  ];
}
