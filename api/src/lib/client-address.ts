import type { Context } from 'hono';
import type { AppEnv } from './app-env.js';

interface NodeBindings {
  incoming?: { socket?: { remoteAddress?: string } };
}

/**
 * The caller's IP address, for throttling. `X-Forwarded-For` is trusted only when the
 * operator says a proxy of theirs sets it; otherwise anyone could pick their own address.
 */
export function clientAddress(c: Context<AppEnv>, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  return (c.env as NodeBindings | undefined)?.incoming?.socket?.remoteAddress ?? 'unknown';
}
