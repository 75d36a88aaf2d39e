import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/lib/logger.js';
import { agentWithRole } from './agent-builders.js';
import { C, mandateForm, newHousehold } from './direct-debit-support.js';
import { startTestApp, type TestApp } from './harness.js';

// IBANs are personal data: recorded, refused, revealed or exported, they never reach the logs.

const lines: string[] = [];
let t: TestApp;

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

describe('IBANs and the logs', () => {
  it('are never written, whatever the agent does with a mandate', async () => {
    const collectivityId = (
      await t.deps.db.selectFrom('collectivities').select('id').where('slug', '=', 'ville-de-demo').executeTakeFirstOrThrow()
    ).id;
    const agent = await agentWithRole(t, 'agent');
    const householdId = await newHousehold(t, collectivityId);
    const form = mandateForm();
    const url = `${C}/admin/households/${householdId}/mandate`;
    const refused = { ...form, iban: `${form.iban.slice(0, -1)}${form.iban.endsWith('0') ? '1' : '0'}` };
    expect((await t.request('POST', url, { token: agent.token, body: refused })).status).toBe(400);
    expect((await t.request('POST', url, { token: agent.token, body: form })).status).toBe(201);
    expect((await t.request('GET', `${url}?reveal=true`, { token: agent.token })).status).toBe(200);
    expect((await t.request('DELETE', url, { token: agent.token })).status).toBe(200);
    const all = lines.join('');
    expect(all.length).toBeGreaterThan(0);
    for (const iban of [form.iban, refused.iban]) {
      expect(all).not.toContain(iban.slice(4));
      expect(all).not.toContain(`${iban.slice(4, 8)} ${iban.slice(8, 12)}`);
    }
  });
});
