import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { lockDataDir } from '../src/db/data-dir-lock.js';
import { runFoyer } from './foyer-cli.js';
import { databaseUrl, TEST_NOW, withAdmin } from './test-database.js';

// Each run is a real Node process compiling the CLI: slow on a busy machine.
vi.setConfig({ testTimeout: 180_000 });

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'foyer-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('foyer --help', () => {
  it('lists the commands, the settings and the exit codes', async () => {
    const run = await runFoyer(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: foyer COMMAND');
    expect(run.stdout).toMatch(/^ {2}migrate +Bring the database schema/m);
    expect(run.stdout).toContain('DATABASE_URL');
    expect(run.stdout).toContain('3  database unavailable');
  });

  it('explains each command with its options', async () => {
    const run = await runFoyer(['migrate', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: foyer migrate [options]');
    expect(run.stdout).toContain('--json');
  });

  it('exits 1 on an unknown command or option, in words or in JSON', async () => {
    const unknown = await runFoyer(['teleport']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown command "teleport"');
    const option = await runFoyer(['migrate', '--fast', '--json']);
    expect(option.code).toBe(1);
    expect(option.json()).toMatchObject({ ok: false, error: { code: 'usage' } });
    const bare = await runFoyer([]);
    expect(bare.code).toBe(1);
    expect(bare.stderr).toContain('Commands:');
  });
});

describe('foyer migrate', () => {
  it('migrates an empty embedded database once, then has nothing to do', async () => {
    const env = { FOYER_DATA_DIR: join(dir, 'migrate') };
    const first = await runFoyer(['migrate', '--json'], env);
    expect(first.code).toBe(0);
    expect(first.json().applied).toContain('0001-domain-model');
    const again = await runFoyer(['migrate'], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('up to date');
  });

  it('says who holds the embedded database instead of opening it twice (exit 3)', async () => {
    const dataDir = join(dir, 'busy');
    const release = lockDataDir(dataDir, 'the Foyer server', new Date(TEST_NOW));
    try {
      const human = await runFoyer(['migrate'], { FOYER_DATA_DIR: dataDir });
      expect(human.code).toBe(3);
      expect(human.stderr).toContain(`the embedded database in ${dataDir} is in use by the Foyer server (pid ${process.pid}`);
      const json = await runFoyer(['migrate', '--json'], { FOYER_DATA_DIR: dataDir });
      expect(json.code).toBe(3);
      expect(json.json().error).toMatchObject({ code: 'database_busy', details: { holder: { pid: process.pid } } });
    } finally {
      release();
    }
    expect((await runFoyer(['migrate'], { FOYER_DATA_DIR: dataDir })).code).toBe(0);
  });

  it('exits 3 when the PostgreSQL server cannot be reached', async () => {
    const run = await runFoyer(['migrate', '--json'], { DATABASE_URL: 'postgres://foyer@127.0.0.1:1/foyer' });
    expect(run.code).toBe(3);
    expect(run.json().error.code).toBe('database_unavailable');
  });

  it.runIf(process.env.DATABASE_URL)('migrates an empty PostgreSQL database', async () => {
    const url = process.env.DATABASE_URL ?? '';
    const name = `foyer_cli_${process.pid}`;
    await withAdmin(url, (sql) =>
      sql.unsafe(`drop database if exists ${name} with (force)`).then(() => sql.unsafe(`create database ${name}`)),
    );
    try {
      const run = await runFoyer(['migrate', '--json'], { DATABASE_URL: databaseUrl(url, name) });
      expect(run.code).toBe(0);
      expect(run.json().applied).toContain('0006-outbox-clock');
    } finally {
      await withAdmin(url, (sql) => sql.unsafe(`drop database if exists ${name} with (force)`));
    }
  });
});

describe('foyer school-calendar import', () => {
  const row = (zones: string, population = '-') => ({
    description: 'Vacances de la Toussaint',
    population,
    start_date: '2030-10-19T00:00:00+02:00',
    end_date: '2030-11-04T00:00:00+01:00',
    location: 'Ajaccio',
    zones,
    annee_scolaire: '2030-2031',
  });

  it('imports a JSON export, says per zone the years covered, and is idempotent', async () => {
    const env = { FOYER_DATA_DIR: join(dir, 'import') };
    const file = join(dir, 'calendrier.json');
    await writeFile(file, JSON.stringify([row('Corse'), row('Corse', 'Enseignants'), row('Zone B')]));
    const first = await runFoyer(['school-calendar', 'import', file, '--json'], env);
    expect(first.code).toBe(0);
    const report = first.json();
    expect(report).toMatchObject({ ok: true, format: 'json', rows: 3, ignored: 1 });
    expect(report.imported).toEqual([
      { zone: 'B', schoolYears: ['2030-2031'], periods: 1 },
      { zone: 'corse', schoolYears: ['2030-2031'], periods: 1 },
    ]);
    // The shipped snapshot is there too (migrations load it), the imported year beside it.
    expect(report.coverage.find((c: { zone: string }) => c.zone === 'corse').schoolYears).toEqual(['2025-2026', '2030-2031']);
    const again = await runFoyer(['school-calendar', 'import', file], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('corse: 2025-2026, 2030-2031');
  });

  it('exits 2 and writes nothing for a bad file, 2 for a missing one, 1 without FILE', async () => {
    const env = { FOYER_DATA_DIR: join(dir, 'import-bad') };
    const file = join(dir, 'bad.csv');
    await writeFile(
      file,
      'description;population;start_date;end_date;location;zones;annee_scolaire\nNoël;-;2030-12-21;2031-01-06;x;Zone Z;2030-2031\n',
    );
    const bad = await runFoyer(['school-calendar', 'import', file, '--json'], env);
    expect(bad.code).toBe(2);
    expect(bad.json().error).toMatchObject({
      code: 'invalid_file',
      details: { problems: [{ line: 2, message: 'unknown zone "Zone Z"' }] },
    });
    const missing = await runFoyer(['school-calendar', 'import', join(dir, 'nope.csv')], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read');
    const usage = await runFoyer(['school-calendar', 'import'], env);
    expect(usage.code).toBe(1);
    const help = await runFoyer(['school-calendar', 'import', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: foyer school-calendar import FILE [options]');
    const group = await runFoyer(['school-calendar', '--help']);
    expect(group.stdout).toMatch(/school-calendar import +Import school holidays/);
  });
});
