// The fixture of every route of the contract, shared by the access matrix and the contract fuzzer.
//
// ADDING AN ENDPOINT: add ONE line to `FIXTURES` below, keyed "METHOD /path" as in the contract,
// giving the path params (and a body/query if the route needs one to reach an object); set
// `victim: true` when the call names an object of the victim's household, so that a parent of
// another household is tried too. A public route goes in `PUBLIC` with the reason instead.
// A route in neither makes access-matrix.test.ts fail.
import type { AccessFixture } from './access-fixture.js';

export interface Call {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** The call names an object of the victim's household: a parent of another household must be refused too. */
  victim?: boolean;
}
export type Fixture = (f: AccessFixture) => Call;

/** Public routes, not in the matrix, each with why anyone may call it. */
export const PUBLIC: Record<string, string> = {
  'GET /healthz': 'liveness probe of the load balancer; says nothing about anyone',
  'GET /v1/embedding-check': 'lets a town check its site may embed the widgets; reads only allowed origins',
  'GET /.well-known/jwks.json': 'public keys that verify access tokens, public by nature',
  'POST /v1/auth/login': 'signing in: the credentials are the proof',
  'POST /v1/auth/refresh': 'the refresh token in the body is the proof',
  'POST /v1/auth/logout': 'revokes the refresh token given in the body',
  'GET /v1/auth/invitations/:token': 'the invitation secret in the path is the proof',
  'POST /v1/auth/activate': 'the invitation secret in the body is the proof',
  'POST /v1/auth/password-reset': 'asks for a reset email; answers the same whether the address exists',
  'POST /v1/auth/password-reset/confirm': 'the reset secret in the body is the proof',
  'POST /v1/me/email/confirm': 'the confirmation secret in the body is the proof',
  'GET /v1/collectivities/:c': "a town's public face (name, logo, services) shown before signing in",
  'POST /v1/payments/:provider/notify':
    "the payment provider's notification; its signature, or PayFiP's own lookup of the idOp, is the proof",
  'GET /ical/:feed': "a household's calendar feed: the feed's secret in the path is the proof (revocable)",
};

export const FIXTURES: Record<string, Fixture> = {
  // Any signed-in account.
  'POST /v1/me/password': () => ({ body: { currentPassword: 'x', newPassword: 'y' } }),
  'GET /v1/me': () => ({}),
  'POST /v1/me/email': () => ({ body: { email: 'nouveau@test.example', password: 'x' } }),
  'POST /v1/collectivities/:c/join-requests': () => ({ body: {} }),
  'GET /v1/collectivities/:c/join-requests': () => ({}),
  // Parents.
  'GET /v1/collectivities/:c/household': () => ({}),
  'PATCH /v1/collectivities/:c/household': () => ({ body: {} }),
  'GET /v1/collectivities/:c/household/guardians': () => ({}),
  'GET /v1/collectivities/:c/household/export': () => ({}),
  'POST /v1/collectivities/:c/household/guardians': () => ({ body: {} }),
  'PATCH /v1/collectivities/:c/household/guardians/:id': (f) => ({ params: { id: f.guardianId }, body: {}, victim: true }),
  'GET /v1/collectivities/:c/children': () => ({}),
  'GET /v1/collectivities/:c/children/:id': (f) => ({ params: { id: f.childId }, victim: true }),
  'GET /v1/collectivities/:c/services': () => ({}),
  'GET /v1/collectivities/:c/children/:id/calendar': (f) => ({
    params: { id: f.childId },
    query: { from: f.day, to: f.day },
    victim: true,
  }),
  'GET /v1/collectivities/:c/bookings': () => ({}),
  'GET /v1/collectivities/:c/calendar-feed': () => ({}),
  'POST /v1/collectivities/:c/calendar-feed': () => ({}),
  'DELETE /v1/collectivities/:c/calendar-feed': () => ({}),
  'GET /v1/collectivities/:c/cart': () => ({}),
  'POST /v1/collectivities/:c/cart/lines': (f) => ({
    body: { lines: [{ childId: f.childId, activityId: f.activityId, action: 'book', dates: [f.day] }] },
    victim: true,
  }),
  'DELETE /v1/collectivities/:c/cart/lines/:id': (f) => ({ params: { id: f.cartLineId }, victim: true }),
  'DELETE /v1/collectivities/:c/cart': () => ({}),
  'POST /v1/collectivities/:c/cart/checkout': () => ({ body: {} }),
  'GET /v1/collectivities/:c/payments/:id': (f) => ({ params: { id: f.paymentId }, victim: true }),
  'GET /v1/collectivities/:c/invoices': () => ({}),
  'GET /v1/collectivities/:c/invoices/:id': (f) => ({ params: { id: f.invoiceId }, victim: true }),
  'GET /v1/collectivities/:c/invoices/:id/pdf': (f) => ({ params: { id: f.invoiceId }, victim: true }),
  'POST /v1/collectivities/:c/invoices/:id/pay': (f) => ({ params: { id: f.invoiceId }, body: {}, victim: true }),
  'POST /v1/collectivities/:c/attachments': () => ({ body: {} }),
  'GET /v1/collectivities/:c/attachments/:id': (f) => ({ params: { id: f.attachmentId }, victim: true }),
  'GET /v1/collectivities/:c/request-categories': () => ({}),
  'GET /v1/collectivities/:c/requests': () => ({}),
  'GET /v1/collectivities/:c/requests/:id': (f) => ({ params: { id: f.requestId }, victim: true }),
  'POST /v1/collectivities/:c/requests': () => ({ body: {} }),
  'POST /v1/collectivities/:c/requests/:id/messages': (f) => ({
    params: { id: f.requestId },
    body: { body: 'Bonjour, une précision.' },
    victim: true,
  }),
  // The back office.
  'POST /v1/collectivities/:c/admin/households': () => ({ body: {} }),
  'GET /v1/collectivities/:c/admin/late-cancellations': () => ({}),
  'POST /v1/collectivities/:c/admin/late-cancellations/:id/decision': (f) => ({
    params: { id: f.bookingId },
    body: { decision: 'accept' },
  }),
  'GET /v1/collectivities/:c/admin/day-list': (f) => ({ query: { date: f.day } }),
  'GET /v1/collectivities/:c/admin/billing-runs': () => ({}),
  'POST /v1/collectivities/:c/admin/billing-runs': () => ({ body: { month: '2020-01', dryRun: true } }),
  'GET /v1/collectivities/:c/admin/billing-runs/:id': () => ({ params: { id: crypto.randomUUID() } }),
  'GET /v1/collectivities/:c/admin/invoices': () => ({}),
  'GET /v1/collectivities/:c/admin/invoices/:id': () => ({ params: { id: crypto.randomUUID() } }),
  'POST /v1/collectivities/:c/admin/invoices/:id/credit': () => ({ params: { id: crypto.randomUUID() }, body: { reason: 'x' } }),
  'GET /v1/collectivities/:c/admin/waitlists': () => ({}),
  'POST /v1/collectivities/:c/admin/waitlists/:id/promotion': (f) => ({ params: { id: f.bookingId }, body: {} }),
  'GET /v1/collectivities/:c/admin/roll-call/activities': () => ({}),
  'GET /v1/collectivities/:c/admin/roll-call': (f) => ({ query: { date: f.day, activity: f.activityId } }),
  'PUT /v1/collectivities/:c/admin/roll-call/marks/:markId': () => ({
    params: { markId: '6f1c1a52-27c4-4c8e-9a51-3b1f0c3d2e10' },
    body: {},
  }),
  'GET /v1/collectivities/:c/admin/kitchen/meal-counts': (f) => ({ query: { from: f.day } }),
  'GET /v1/collectivities/:c/admin/kitchen/day-sheet': (f) => ({ query: { date: f.day } }),
  'GET /v1/collectivities/:c/admin/diet-groups': () => ({}),
  'GET /v1/collectivities/:c/admin/exports/bookings.csv': (f) => ({ query: { from: f.day, to: f.day } }),
  'GET /v1/collectivities/:c/admin/exports/attendance.csv': (f) => ({ query: { from: f.day, to: f.day } }),
  'GET /v1/collectivities/:c/admin/exports/meal-counts.csv': (f) => ({ query: { from: f.day, to: f.day } }),
  'POST /v1/collectivities/:c/admin/diet-groups': () => ({ body: {} }),
  'PUT /v1/collectivities/:c/admin/children/:id/diet-group': (f) => ({ params: { id: f.childId }, body: {} }),
  'GET /v1/collectivities/:c/admin/services': () => ({}),
  'POST /v1/collectivities/:c/admin/services': () => ({ body: { name: 'Cantine', kind: 'canteen' } }),
  'PATCH /v1/collectivities/:c/admin/services/:id': (f) => ({ params: { id: f.serviceId }, body: { name: 'X' } }),
  'GET /v1/collectivities/:c/admin/sites': () => ({}),
  'POST /v1/collectivities/:c/admin/sites': () => ({ body: { name: 'École', kind: 'school' } }),
  'PATCH /v1/collectivities/:c/admin/sites/:id': (f) => ({ params: { id: f.siteId }, body: { name: 'X' } }),
  'GET /v1/collectivities/:c/admin/activities': () => ({}),
  'GET /v1/collectivities/:c/admin/activities/:id': (f) => ({ params: { id: f.activityId } }),
  'POST /v1/collectivities/:c/admin/activities': () => ({ body: {} }),
  'PATCH /v1/collectivities/:c/admin/activities/:id': (f) => ({ params: { id: f.activityId }, body: { capacity: 1 } }),
  'GET /v1/collectivities/:c/admin/closures': () => ({}),
  'POST /v1/collectivities/:c/admin/closures': () => ({ body: {} }),
  'PATCH /v1/collectivities/:c/admin/closures/:id': (f) => ({ params: { id: f.closureId }, body: {} }),
  'DELETE /v1/collectivities/:c/admin/closures/:id': (f) => ({ params: { id: f.closureId } }),
  'GET /v1/collectivities/:c/admin/households': () => ({}),
  'GET /v1/collectivities/:c/admin/households/:id': (f) => ({ params: { id: f.householdId } }),
  'PATCH /v1/collectivities/:c/admin/households/:id': (f) => ({ params: { id: f.householdId }, body: {} }),
  // An empty body: the allowed roles are refused by validation (400), never anonymise the fixture.
  'POST /v1/collectivities/:c/admin/households/:id/anonymise': (f) => ({ params: { id: f.householdId }, body: {} }),
  'POST /v1/collectivities/:c/admin/households/:id/guardians': (f) => ({ params: { id: f.householdId }, body: {} }),
  'PATCH /v1/collectivities/:c/admin/households/:id/guardians/:guardianId': (f) => ({
    params: { id: f.householdId, guardianId: f.guardianId },
    body: {},
  }),
  'POST /v1/collectivities/:c/admin/households/:id/guardians/:guardianId/invite': (f) => ({
    params: { id: f.householdId, guardianId: f.guardianId },
  }),
  'POST /v1/collectivities/:c/admin/households/:id/children': (f) => ({ params: { id: f.householdId }, body: {} }),
  'PATCH /v1/collectivities/:c/admin/households/:id/children/:childId': (f) => ({
    params: { id: f.householdId, childId: f.childId },
    body: {},
  }),
  'POST /v1/collectivities/:c/admin/households/:id/quotients': (f) => ({ params: { id: f.householdId }, body: {} }),
  'POST /v1/collectivities/:c/admin/households/:id/notes': (f) => ({ params: { id: f.householdId }, body: {} }),
  'GET /v1/collectivities/:c/admin/households/:id/mandate': (f) => ({ params: { id: f.householdId } }),
  'POST /v1/collectivities/:c/admin/households/:id/mandate': (f) => ({ params: { id: f.householdId }, body: {} }),
  'DELETE /v1/collectivities/:c/admin/households/:id/mandate': (f) => ({ params: { id: f.householdId } }),
  'GET /v1/collectivities/:c/admin/direct-debits/creditor': () => ({}),
  'PUT /v1/collectivities/:c/admin/direct-debits/creditor': () => ({ body: {} }),
  'GET /v1/collectivities/:c/admin/direct-debits/:month': () => ({ params: { month: '2026-01' } }),
  'POST /v1/collectivities/:c/admin/direct-debits': () => ({ body: {} }),
  'GET /v1/collectivities/:c/admin/direct-debits/:month/pain.008': () => ({ params: { month: '2026-01' } }),
  'GET /v1/collectivities/:c/admin/enrolments': () => ({}),
  'POST /v1/collectivities/:c/admin/enrolments': () => ({ body: {} }),
  'PATCH /v1/collectivities/:c/admin/enrolments/:id': (f) => ({ params: { id: f.enrolmentId }, body: {} }),
  'DELETE /v1/collectivities/:c/admin/enrolments/:id': (f) => ({ params: { id: f.enrolmentId } }),
  'GET /v1/collectivities/:c/admin/agents': () => ({}),
  'POST /v1/collectivities/:c/admin/agents': () => ({ body: {} }),
  'PATCH /v1/collectivities/:c/admin/agents/:id': (f) => ({ params: { id: f.agentMembershipId }, body: { role: 'kitchen' } }),
  'DELETE /v1/collectivities/:c/admin/agents/:id': (f) => ({ params: { id: f.agentMembershipId } }),
  'POST /v1/collectivities/:c/admin/imports': () => ({ body: {} }),
  'GET /v1/collectivities/:c/admin/imports/:id': (f) => ({ params: { id: f.importJobId } }),
  'GET /v1/collectivities/:c/admin/imports': () => ({}),
  'GET /v1/collectivities/:c/admin/join-requests': () => ({}),
  'GET /v1/collectivities/:c/admin/audit-log': (f) => ({ query: { health: 'true', child: f.childId } }),
  'POST /v1/collectivities/:c/admin/join-requests/:id/accept': (f) => ({ params: { id: f.joinRequestId }, body: {} }),
  'POST /v1/collectivities/:c/admin/join-requests/:id/refuse': (f) => ({
    params: { id: f.joinRequestId },
    body: { reason: 'Non' },
  }),
  'GET /v1/collectivities/:c/admin/payments': () => ({ query: { status: 'held' } }),
  'POST /v1/collectivities/:c/admin/payments/:id/resolve': (f) => ({
    params: { id: f.paymentId },
    body: { decision: 'refuse', reason: 'Montant non conforme' },
  }),
  'GET /v1/collectivities/:c/admin/overdue-invoices': () => ({}),
  'GET /v1/collectivities/:c/admin/attachments/:id': (f) => ({ params: { id: f.attachmentId } }),
  'GET /v1/collectivities/:c/admin/request-categories': () => ({}),
  'POST /v1/collectivities/:c/admin/request-categories': () => ({ body: {} }),
  'PATCH /v1/collectivities/:c/admin/request-categories/:id': (f) => ({ params: { id: f.categoryId }, body: {} }),
  'GET /v1/collectivities/:c/admin/requests': () => ({}),
  'GET /v1/collectivities/:c/admin/requests/:id': (f) => ({ params: { id: f.requestId } }),
  'POST /v1/collectivities/:c/admin/requests/:id/assign': (f) => ({ params: { id: f.requestId }, body: {} }),
  'POST /v1/collectivities/:c/admin/requests/:id/messages': (f) => ({ params: { id: f.requestId }, body: { body: 'x' } }),
  'POST /v1/collectivities/:c/admin/requests/:id/needs-info': (f) => ({ params: { id: f.requestId }, body: {} }),
  'POST /v1/collectivities/:c/admin/requests/:id/decision': (f) => ({ params: { id: f.requestId }, body: {} }),
};
