import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from './app-env.js';
import { clientAddress, NO_TRUSTED_PROXY, parseTrustedProxies, type TrustedProxies } from './client-address.js';

/** The address Foyer would throttle for a request from `peer` carrying `forwarded`. */
async function seenAddress(trusted: TrustedProxies, peer: string, forwarded?: string): Promise<string> {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => c.text(clientAddress(c, trusted)));
  const headers: Record<string, string> = forwarded ? { 'x-forwarded-for': forwarded } : {};
  const res = await app.request('/', { headers }, { incoming: { socket: { remoteAddress: peer } } });
  return res.text();
}

describe('client address behind trusted proxies', () => {
  it('ignores X-Forwarded-For when no proxy is trusted', async () => {
    expect(await seenAddress(NO_TRUSTED_PROXY, '198.51.100.7', '203.0.113.1')).toBe('198.51.100.7');
  });

  it('with one hop, takes what our proxy appended, never the client-chosen left-most entry', async () => {
    const oneHop = parseTrustedProxies('1');
    expect(await seenAddress(oneHop, '10.0.0.2', '6.6.6.6, 203.0.113.9')).toBe('203.0.113.9');
    expect(await seenAddress(oneHop, '10.0.0.2', '203.0.113.9')).toBe('203.0.113.9');
  });

  it('with two hops, skips both of our proxies', async () => {
    expect(await seenAddress(parseTrustedProxies('2'), '10.0.0.3', '6.6.6.6, 203.0.113.9, 10.0.0.2')).toBe('203.0.113.9');
  });

  it('with a CIDR list, takes the right-most address outside it', async () => {
    const networks = parseTrustedProxies('10.0.0.0/8, 192.168.1.1, ::1');
    expect(await seenAddress(networks, '10.1.2.3', '6.6.6.6, 203.0.113.9, 192.168.1.1')).toBe('203.0.113.9');
    expect(await seenAddress(networks, '::ffff:10.1.2.3', '203.0.113.10')).toBe('203.0.113.10');
    // A caller reaching Foyer directly is not one of our proxies: its header is not believed.
    expect(await seenAddress(networks, '198.51.100.7', '203.0.113.9')).toBe('198.51.100.7');
  });

  it('refuses a malformed list at start', () => {
    expect(() => parseTrustedProxies('10.0.0.0/33')).toThrow(/prefix/);
    expect(() => parseTrustedProxies('proxy.local')).toThrow(/not an IP/);
  });
});
