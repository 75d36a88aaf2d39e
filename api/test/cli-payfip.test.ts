import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runFoyer } from './foyer-cli.js';
import { databaseUrl, withAdmin } from './test-database.js';

// Each run is a real Node process compiling the CLI: slow on a busy machine.
vi.setConfig({ testTimeout: 300_000 });

const url = process.env.DATABASE_URL;
const name = `foyer_cli_payfip_${process.pid}`;
let dir: string;
let env: Record<string, string>;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'foyer-cli-payfip-'));
  if (url) {
    await withAdmin(url, (sql) =>
      sql.unsafe(`drop database if exists ${name} with (force)`).then(() => sql.unsafe(`create database ${name}`)),
    );
    env = { DATABASE_URL: databaseUrl(url, name) };
  } else {
    env = { FOYER_DATA_DIR: join(dir, 'data') };
  }
  env.FOYER_PUBLIC_URL = 'https://foyer.example.org';
  expect((await runFoyer(['migrate'], env)).code).toBe(0);
  expect((await runFoyer(['collectivity', 'create', 'ville-exemple', "Ville d'Exemple", '--zone', 'A'], env)).code).toBe(0);
});
afterAll(async () => {
  if (url) await withAdmin(url, (sql) => sql.unsafe(`drop database if exists ${name} with (force)`));
  await rm(dir, { recursive: true, force: true });
});

describe('foyer payfip set', () => {
  it('sets a town’s PayFiP contract with the documented addresses, and refuses a client number that is not 6 digits', async () => {
    const set = await runFoyer(['payfip', 'set', 'ville-exemple', '012345', '--saisie', 'X', '--json'], env);
    expect(set.code).toBe(0);
    expect(set.json()).toMatchObject({
      collectivity: 'ville-exemple',
      numcli: '012345',
      saisie: 'X',
      serviceUrl: 'https://www.payfip.gouv.fr/tpa/services/securite',
      pageUrl: 'https://www.payfip.gouv.fr/tpa/paiementws.web',
      active: true,
    });

    const bad = await runFoyer(['payfip', 'set', 'ville-exemple', '12AB', '--saisie', 'W'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('6 chiffres');

    const off = await runFoyer(['payfip', 'set', 'ville-exemple', '012345', '--off'], env);
    expect(off.code).toBe(0);
    expect(off.stdout).toContain('no longer sends payments to it');
    expect(off.stdout).toContain('activation mode');
  });
});
