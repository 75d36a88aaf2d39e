import { adminPayments } from '@foyer/sdk/contract';
import type { AppDeps } from '../../deps.js';
import { type Route, type RouteDoc, route } from '../../lib/route.js';
import { agentScope, requireCollectivity } from '../../lib/scope.js';
import { listPayments, resolvePayment } from './held-payments.js';
import { listOverdueInvoices } from './overdue-invoices.js';

const agents: Pick<RouteDoc, 'tags' | 'access'> = { tags: ['Agent: payments'], access: 'agent' };

/** Reconciliation: payments held for an agent, their resolution, and overdue invoices. */
export function adminPaymentRoutes(deps: AppDeps): Route[] {
  return [
    route(
      adminPayments.listPayments,
      {
        summary: 'List payments (held ones by default)',
        description:
          '`held`: a provider confirmed another amount than the one asked (`amount_mismatch`, with `confirmedCents`), or a payment after its deadline that it cannot refund (`paid_late`). Nothing was booked or settled for them.',
        ...agents,
      },
      async ({ query }, c) => ({ payments: await listPayments(deps.db, agentScope(c).collectivityId, query.status) }),
    ),
    route(
      adminPayments.resolvePayment,
      {
        summary: 'Accept or refuse a held payment',
        description:
          '`accept` counts the money as paid (the invoice is settled, or the days still held are booked); `refuse` closes it (the régie refunds outside Foyer) and frees the days. Audited with the reason. 409 `conflict` when it is not held.',
        ...agents,
      },
      async ({ params, body }, c) => {
        const scope = agentScope(c);
        return resolvePayment(deps, scope.collectivityId, scope.accountId, params.id, body);
      },
    ),
    route(
      adminPayments.listOverdueInvoices,
      {
        summary: 'Invoices unpaid past their due date',
        description:
          'Issued invoices whose due date is before today in the town’s time zone, longest overdue first. An invoice in a direct-debit collection is not overdue: the family reads it as debited.',
        ...agents,
      },
      async (_input, c) => ({ invoices: await listOverdueInvoices(deps.db, requireCollectivity(c), deps.clock.now()) }),
    ),
  ];
}
