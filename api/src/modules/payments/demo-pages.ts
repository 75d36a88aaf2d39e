import type { Hono } from 'hono';
import type { AppDeps } from '../../deps.js';
import type { AppEnv } from '../../lib/app-env.js';

/** The demo provider's hosted payment page, `/pay/demo/:id`. */
export function mountDemoPaymentPages(_app: Hono<AppEnv>, _deps: AppDeps): void {}
