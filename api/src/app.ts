import { adminImports } from '@foyer/sdk/contract';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { except } from 'hono/combine';
import { etag } from 'hono/etag';
import { secureHeaders } from 'hono/secure-headers';
import type { AppDeps } from './deps.js';
import type { AppEnv } from './lib/app-env.js';
import { cors } from './lib/cors.js';
import { idempotency } from './lib/idempotency.js';
import { jsonBodyLimit } from './lib/json-body-limit.js';
import { buildOpenApi } from './lib/openapi.js';
import { handleError, problemResponse } from './lib/problem.js';
import { requestContext } from './lib/request-context.js';
import { type Route, readInput, writeOutput } from './lib/route.js';
import { adminAgentRoutes } from './modules/admin-agents/admin-agents.routes.js';
import { adminAuditRoutes } from './modules/admin-audit/admin-audit.routes.js';
import { adminBookingRoutes } from './modules/admin-bookings/admin-bookings.routes.js';
import { adminCatalogRoutes } from './modules/admin-catalog/admin-catalog.routes.js';
import { adminFamilyRoutes } from './modules/admin-families/admin-families.routes.js';
import { adminPaymentRoutes } from './modules/admin-payments/admin-payments.routes.js';
import { attachmentRoutes } from './modules/attachments/attachment.routes.js';
import { ATTACHMENT_UPLOAD_PATH, attachmentBodyLimit } from './modules/attachments/upload-limit.js';
import { accessControl } from './modules/auth/access.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { mountBackOffice } from './modules/back-office/back-office.page.js';
import { billingRoutes } from './modules/billing/billing.routes.js';
import { bookingRoutes } from './modules/bookings/bookings.routes.js';
import { mountPromotionPaymentLinks } from './modules/bookings/promotion-payment-link.js';
import { calendarRoutes } from './modules/calendar/calendar.routes.js';
import { calendarFeedRoutes } from './modules/calendar-feed/calendar-feed.routes.js';
import { cartRoutes } from './modules/cart/cart.routes.js';
import { catalogRoutes } from './modules/catalog/catalog.routes.js';
import { collectivityRoutes } from './modules/collectivities/collectivity.routes.js';
import { directDebitRoutes } from './modules/direct-debit/direct-debit.routes.js';
import { exportRoutes } from './modules/exports/exports.routes.js';
import { adminHouseholdRoutes } from './modules/households/admin-households.routes.js';
import { householdRoutes } from './modules/households/household.routes.js';
import { importRoutes } from './modules/imports/imports.routes.js';
import { invoiceRoutes } from './modules/invoices/invoices.routes.js';
import { joinRequestRoutes } from './modules/join-requests/join-requests.routes.js';
import { kitchenRoutes } from './modules/kitchen/kitchen.routes.js';
import { mountDevMailbox } from './modules/mail/dev-mailbox.routes.js';
import { meRoutes } from './modules/me/me.routes.js';
import { mountDemoPaymentPages } from './modules/payments/demo-pages.js';
import { mountPayfip } from './modules/payments/payfip/index.js';
import { paymentRoutes } from './modules/payments/payment.routes.js';
import { privacyRoutes } from './modules/privacy/privacy.routes.js';
import { adminRequestRoutes } from './modules/requests/admin-request.routes.js';
import { requestRoutes } from './modules/requests/request.routes.js';
import { rollCallRoutes } from './modules/roll-call/roll-call.routes.js';
import { mountDocs } from './modules/system/docs.js';
import { measureRequests, mountOperations, widgetCaching } from './modules/system/operations.js';
import { systemRoutes, VERSION } from './modules/system/system.routes.js';

const IMPORT_PATH = adminImports.createImport.path;

/** Every contract route the API serves, in the order of the reference. */
export function apiRoutes(deps: AppDeps): Route[] {
  return [
    ...systemRoutes(deps),
    ...authRoutes(deps),
    ...meRoutes(deps),
    ...collectivityRoutes(deps),
    ...householdRoutes(deps),
    ...catalogRoutes(deps),
    ...calendarRoutes(deps),
    ...calendarFeedRoutes(deps),
    ...bookingRoutes(deps),
    ...cartRoutes(deps),
    ...paymentRoutes(deps),
    ...invoiceRoutes(deps),
    ...adminHouseholdRoutes(deps),
    ...privacyRoutes(deps),
    ...adminBookingRoutes(deps),
    ...rollCallRoutes(deps),
    ...kitchenRoutes(deps),
    ...billingRoutes(deps),
    ...exportRoutes(deps),
    ...adminCatalogRoutes(deps),
    ...adminFamilyRoutes(deps),
    ...directDebitRoutes(deps),
    ...adminAgentRoutes(deps),
    ...adminPaymentRoutes(deps),
    ...importRoutes(deps),
    ...joinRequestRoutes(deps),
    ...adminAuditRoutes(deps),
    ...attachmentRoutes(deps),
    ...requestRoutes(deps),
    ...adminRequestRoutes(deps),
  ];
}

/**
 * Builds the Foyer API from its dependencies. Nothing here opens sockets or reads the
 * environment: tests build it in-process with a real database and a clock they control.
 */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const routes = apiRoutes(deps);
  const checkContract = deps.config.env !== 'production';

  app.use('*', requestContext(deps.logger));
  measureRequests(app, deps);
  app.use('*', secureHeaders({ crossOriginResourcePolicy: false, crossOriginOpenerPolicy: false }));
  app.use('*', cors(deps.db, new URL(deps.config.publicUrl).origin));
  // Uploads have their own, larger limit; every other body is JSON and small.
  // Imports carry a whole town's families (base64 CSV): their own limit, 16 times the usual one.
  const limitJson = except([ATTACHMENT_UPLOAD_PATH, IMPORT_PATH], jsonBodyLimit(deps.config.bodyLimitBytes));
  // GET and HEAD carry no body: they skip the path matching of \`except\` (most requests are reads).
  app.use('/v1/*', (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitJson(c, next)));
  app.use(IMPORT_PATH, jsonBodyLimit(deps.config.bodyLimitBytes * 16));
  app.use(ATTACHMENT_UPLOAD_PATH, attachmentBodyLimit(deps.config));

  // Before the contract's routes: PayFiP's form-encoded notification must not reach the JSON one.
  mountPayfip(app, deps);
  const access = accessControl(deps);
  for (const r of routes) {
    app.on(
      r.endpoint.method,
      r.endpoint.path,
      access.resolveCollectivity,
      access.requireAccess(r.doc.access, r.endpoint.roles),
      ...(r.endpoint.idempotent ? [idempotency(deps, r.endpoint, r.doc.access)] : []),
      async function handle(c) {
        const input = await readInput(r.endpoint, c);
        return writeOutput(r.endpoint, c, await r.handler(input, c), checkContract);
      },
    );
  }

  let document: object | undefined;
  mountDocs(app, () => {
    document ??= buildOpenApi(routes, { version: VERSION, serverUrl: deps.config.publicUrl });
    return document;
  });
  mountOperations(app, deps);
  mountDemoPaymentPages(app, deps);
  mountPromotionPaymentLinks(app, deps);
  mountBackOffice(app, deps);
  if (deps.devMailbox) mountDevMailbox(app, deps.devMailbox);
  // The widgets' bundle (and its source map), for towns' pages: <script type="module" src="…/foyer.js">.
  if (deps.config.widgetsDir) {
    app.use('/foyer.js*', widgetCaching(), etag(), serveStatic({ root: deps.config.widgetsDir }));
  }
  if (deps.config.siteDir) app.use('/*', serveStatic({ root: deps.config.siteDir }));

  app.notFound((c) => problemResponse(c, 404, 'not_found', `No route ${c.req.method} ${c.req.path}.`));
  app.onError(handleError);
  return app;
}
