import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/lib/logger.js';
import { DEMO, startTestApp, type TestApp } from './harness.js';

let t: TestApp;
const lines: string[] = [];
beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  t = await startTestApp({ logger: createLogger('debug', sink) });
});
afterAll(() => t.close());

describe('logs', () => {
  it('write one JSON line per request with its id, and no password or token', async () => {
    const session = await t.login(DEMO.parent);
    await t.request('POST', '/v1/auth/refresh', { body: { refreshToken: session.refreshToken } });
    await t.request('POST', '/v1/auth/refresh', { body: { refreshToken: session.refreshToken } });
    await t.request('GET', '/v1/auth/invitations/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    const all = lines.join('');
    expect(lines.length).toBeGreaterThanOrEqual(4);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(all).toContain('"route":"/v1/auth/login"');
    expect(all).toContain('"route":"/v1/auth/invitations/:token"');
    expect(all).not.toContain(DEMO.password);
    expect(all).not.toContain(session.accessToken);
    expect(all).not.toContain(session.refreshToken);
    expect(all).not.toContain('AAAAAAAAAAAAAAAAAAAA');
  });
});
