import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runFoyer } from './foyer-cli.js';
import { databaseUrl, TEST_NOW, TEST_TODAY, withAdmin } from './test-database.js';

// Each run is a real Node process compiling the CLI: slow on a busy machine.
vi.setConfig({ testTimeout: 300_000 });

const url = process.env.DATABASE_URL;
const name = `foyer_cli_billing_${process.pid}`;
let dir: string;
let env: Record<string, string>;

/** The month before the one holding the test day: over, so it may be issued. */
function previousMonth(date: string): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'foyer-cli-billing-'));
  if (url) {
    await withAdmin(url, (sql) =>
      sql.unsafe(`drop database if exists ${name} with (force)`).then(() => sql.unsafe(`create database ${name}`)),
    );
    env = { DATABASE_URL: databaseUrl(url, name) };
  } else {
    env = { FOYER_DATA_DIR: join(dir, 'data') };
  }
  Object.assign(env, { FOYER_PUBLIC_URL: 'https://foyer.example.org', NODE_ENV: 'test', FOYER_TEST_NOW: TEST_NOW });
  expect((await runFoyer(['migrate'], env)).code).toBe(0);
  expect((await runFoyer(['collectivity', 'create', 'ville-exemple', "Ville d'Exemple", '--zone', 'A'], env)).code).toBe(0);
});
afterAll(async () => {
  if (url) await withAdmin(url, (sql) => sql.unsafe(`drop database if exists ${name} with (force)`));
  await rm(dir, { recursive: true, force: true });
});

describe('foyer billing', () => {
  const month = previousMonth(TEST_TODAY);
  const billing = (verb: string, m: string, ...more: string[]) =>
    runFoyer(['billing', verb, '--month', m, '--collectivity', 'ville-exemple', ...more], env);

  it('previews a month as JSON, writing nothing', async () => {
    const preview = await billing('preview', month, '--json');
    expect(preview.code).toBe(0);
    expect(preview.json()).toMatchObject({ ok: true, month, status: 'preview', invoiceCount: 0, totalCents: 0 });
  });

  it('issues a month once, and answers the same run the second time', async () => {
    const first = await billing('issue', month, '--json');
    expect(first.code).toBe(0);
    expect(first.json()).toMatchObject({ ok: true, month, status: 'issued', alreadyIssued: false });
    const again = await billing('issue', month, '--json');
    expect(again.json()).toMatchObject({ id: first.json().id, alreadyIssued: true });
  });

  it('exits 5 for a month not over, 1 for a malformed month, 2 for an unknown town', async () => {
    const early = await billing('issue', TEST_TODAY.slice(0, 7), '--json');
    expect(early.code).toBe(5);
    expect(early.json().error.code).toBe('month_not_over');
    expect((await billing('preview', '2027-13')).code).toBe(1);
    const unknown = await runFoyer(['billing', 'preview', '--month', month, '--collectivity', 'nulle-part', '--json'], env);
    expect(unknown.code).toBe(2);
    const help = await runFoyer(['billing', 'issue', '--help'], env);
    expect(help.stdout).toContain('--leave-anomalies-unbilled');
  });
});
