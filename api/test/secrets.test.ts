import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestApp, type TestApp } from './harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/** The outbox entries of emails to `email`. */
async function outboxTo(email: string) {
  const rows = await t.deps.db.selectFrom('outbox').select(['payload', 'sent_at']).where('topic', '=', 'email').execute();
  return rows.filter((row) => (row.payload as { to?: string }).to === email);
}

describe('emailed tokens', () => {
  it('travel in the fragment of the link, never in its query', async () => {
    await t.request('POST', '/v1/auth/password-reset', { body: { email: DEMO.parent } });
    await t.deliverEmails();
    const link = new URL(t.mailbox.latestTo(DEMO.parent)!.text.match(/https?:\/\/\S+/)![0]);
    expect(link.search).toBe('');
    expect(new URLSearchParams(link.hash.slice(1)).get('foyer-reset')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  });

  it('are gone from the outbox once the email is delivered', async () => {
    await t.request('POST', '/v1/auth/password-reset', { body: { email: DEMO.parent2 } });
    const [queued] = await outboxTo(DEMO.parent2);
    expect(JSON.stringify(queued?.payload)).toContain('foyer-reset=');
    await t.deliverEmails();
    const token = new URLSearchParams(
      new URL(t.mailbox.latestTo(DEMO.parent2)!.text.match(/https?:\/\/\S+/)![0]).hash.slice(1),
    ).get('foyer-reset')!;
    const rows = await outboxTo(DEMO.parent2);
    expect(rows.every((row) => row.sent_at !== null)).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0]?.payload).toMatchObject({ to: DEMO.parent2, scrubbed: true });
  });
});
