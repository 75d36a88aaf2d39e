// What the widget tests need from the API, bundled with esbuild when the test server starts
// (workspace sources inlined, npm packages left as imports).
export { serve } from '@hono/node-server';
export { loadConfig } from '../../../api/src/config.js';
export { installFixtureSchoolCalendar as installTestSchoolCalendar } from '../../../api/src/db/seed/school-calendar-fixture.js';
export { localDateOf } from '../../../api/src/domain/zoned-time.js';
export { ManualClock } from '../../../api/src/lib/clock.js';
export { createLogger } from '../../../api/src/lib/logger.js';
export { startFoyer } from '../../../api/src/main.js';
export { drainOutbox, emailHandler } from '../../../api/src/modules/mail/outbox-worker.js';
export { settlePayment } from '../../../api/src/modules/payments/settle-payment.js';
