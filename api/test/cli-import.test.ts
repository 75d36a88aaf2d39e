import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../src/config.js';
import { type Db, openDatabase } from '../src/db/database.js';
import { addDays } from '../src/domain/index.js';
import { runFoyer } from './foyer-cli.js';
import { databaseUrl, TEST_NOW, TEST_TODAY, withAdmin } from './test-database.js';

// Each run is a real Node process compiling the CLI: slow on a busy machine.
vi.setConfig({ testTimeout: 300_000 });

// A town goes live from the command line: on PostgreSQL when the suite has one, else embedded.
const url = process.env.DATABASE_URL;
const name = `foyer_cli_import_${process.pid}`;
const SLUG = 'ville-exemple';
const ROOT = new URL('../../', import.meta.url);
const EXAMPLE = fileURLToPath(new URL('docs/familles-exemple.csv', ROOT));
let dir: string;
let env: Record<string, string>;

/** Opens the town's database between two commands (the embedded one takes one process at a time). */
async function withDb<T>(work: (db: Db, collectivityId: string) => Promise<T>): Promise<T> {
  const database = await openDatabase(loadConfig(env).database);
  try {
    const { id } = await database.db.selectFrom('collectivities').select('id').where('slug', '=', SLUG).executeTakeFirstOrThrow();
    return await work(database.db, id);
  } finally {
    await database.close();
  }
}

/** The town's rows an import writes, counted. */
const counts = () =>
  withDb(async (db, cid) => {
    const count = async (table: 'households' | 'guardians' | 'children' | 'enrolments' | 'outbox') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .where('collectivity_id', '=', cid)
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      households: await count('households'),
      guardians: await count('guardians'),
      children: await count('children'),
      enrolments: await count('enrolments'),
      outbox: await count('outbox'),
    };
  });

/** The canteen activities docs/familles-exemple.csv enrols children in: the CLI has no catalog command. */
async function prepareCatalog(): Promise<void> {
  await withDb(async (db, cid) => {
    const service = await db
      .insertInto('services')
      .values({ collectivity_id: cid, name: 'Restauration scolaire', kind: 'canteen', description: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [code, school] of [
      ['REPAS-FERRY', 'École élémentaire Jules Ferry'],
      ['REPAS-TILLEULS', 'École maternelle Les Tilleuls'],
    ] as const) {
      const site = await db
        .insertInto('sites')
        .values({ collectivity_id: cid, name: school, kind: 'school', address: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('activities')
        .values({
          collectivity_id: cid,
          service_id: service.id,
          site_id: site.id,
          code,
          name: `Cantine — ${school}`,
          weekdays: [1, 2, 4, 5],
          school_holidays: 'closed',
          sessions: '[]',
          season_from: addDays(TEST_TODAY, -30),
          season_to: addDays(TEST_TODAY, 300),
          capacity: null,
          booking_deadline: JSON.stringify({ kind: 'calendar_days', days: 2, time: '10:00' }),
          cancellation_deadline: JSON.stringify({ kind: 'calendar_days', days: 2, time: '10:00' }),
          registration_opens_at: null,
          registration_closes_at: null,
          payment_mode: 'postpaid',
          pricing: JSON.stringify({ tiers: [{ maxQuotient: null, amountCents: 420 }], nonResidentAmountCents: 610 }),
          max_days_per_child_per_session: null,
          archived_at: null,
        })
        .execute();
    }
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'foyer-cli-import-'));
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
  expect((await runFoyer(['collectivity', 'create', SLUG, "Ville d'Exemple", '--zone', 'A'], env)).code).toBe(0);
  await prepareCatalog();
});
afterAll(async () => {
  if (url) await withAdmin(url, (sql) => sql.unsafe(`drop database if exists ${name} with (force)`));
  await rm(dir, { recursive: true, force: true });
});

const HEADER =
  'id_famille;nom_foyer;quotient_familial;responsable_prenom;responsable_nom;responsable_email;enfant_prenom;enfant_nom;enfant_naissance;ecole;classe;activite';

async function csvFile(fileName: string, lines: string[], encoding: 'utf8' | 'latin1' = 'utf8'): Promise<string> {
  const path = join(dir, fileName);
  await writeFile(path, Buffer.from([HEADER, ...lines].join('\r\n'), encoding));
  return path;
}

describe('foyer import', () => {
  it('lists every error of the file by line and column, exits 2 and writes nothing', async () => {
    const path = await csvFile('erreurs.csv', [
      'E-1;Famille Arnaud;450;Julie;Arnaud;julie@example.org;Tom;Arnaud;12/03/2018;;;REPAS-FERRY',
      'E-2;Famille Besson;abc;Karim;Besson;pas-un-email;Inès;Besson;01/01/2017;;;INCONNU',
    ]);
    for (const dryRun of [['--dry-run'], []]) {
      const run = await runFoyer(['import', SLUG, path, ...dryRun], env);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain('3 error(s), nothing imported');
      expect(run.stderr).toContain('ligne 3, colonne quotient_familial : le quotient familial doit être un nombre entier');
      expect(run.stderr).toContain('ligne 3, colonne responsable_email');
      expect(run.stderr).toContain('ligne 3, colonne activite');
    }
    const json = await runFoyer(['import', SLUG, path, '--json'], env);
    expect(json.code).toBe(2);
    expect(json.json().error.code).toBe('invalid_file');
    expect(json.json().error.details.errors.map((e: { line: number; column: string }) => [e.line, e.column])).toEqual([
      [3, 'quotient_familial'],
      [3, 'responsable_email'],
      [3, 'activite'],
    ]);
    expect((await counts()).households).toBe(0);
  });

  it('says what the example file would create in a dry run, writing nothing', async () => {
    // A relative path is read from the working folder, as an operator types it.
    const dry = await runFoyer(['import', SLUG, 'docs/familles-exemple.csv', '--dry-run'], env, fileURLToPath(ROOT));
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('no error, nothing written');
    expect(dry.stdout).toContain('families: 3 to create, 0 to update, 0 rejected');
    expect((await counts()).households).toBe(0);
  });

  it('imports the example file with a report and progress, then updates it without duplicates', async () => {
    const first = await runFoyer(['import', SLUG, EXAMPLE], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('families: 3 created, 0 updated, 0 rejected');
    expect(first.stdout).toContain('guardians added: 4');
    expect(first.stdout).toContain('children added: 4');
    expect(first.stdout).toContain('enrolments written: 3');
    expect(first.stdout).toContain('invitations queued: 0');
    // Not a terminal: a plain progress line per 10 %.
    expect(first.stderr).toMatch(/import: 100 % {2}3\/3 families {2}\d+ rows\/s/);
    const written = { households: 3, guardians: 4, children: 4, enrolments: 3, outbox: 0 };
    expect(await counts()).toEqual(written);

    const again = await runFoyer(['import', SLUG, EXAMPLE, '--json'], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toBe('');
    expect(again.json()).toMatchObject({
      ok: true,
      collectivity: SLUG,
      dryRun: false,
      encoding: 'utf-8',
      rows: 4,
      families: 3,
      created: 0,
      updated: 3,
      failed: 0,
      invitationsSent: 0,
      errors: [],
      written: { guardians: 0, children: 0, enrolments: 3 },
    });
    expect(await counts()).toEqual(written);
  });

  it('reads a Windows-1252 file with accents and queues the invitations with --invite', async () => {
    const path = await csvFile(
      'excel.csv',
      [
        'W-1;Famille Lefèvre;;Hélène;Lefèvre;helene.lefevre@example.org;Zoé;Lefèvre;30/09/2020;École maternelle Les Tilleuls;PS;REPAS-TILLEULS',
        'W-1;;;François;Lefèvre;francois.lefevre@example.org;;;;;;',
      ],
      'latin1',
    );
    expect((await readFile(path)).includes(Buffer.from('Hélène', 'utf8'))).toBe(false);
    const before = await counts();
    const run = await runFoyer(['import', SLUG, path, '--invite', '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json()).toMatchObject({
      encoding: 'windows-1252',
      sendInvitations: true,
      created: 1,
      invitationsSent: 2,
      written: { guardians: 2, children: 1, enrolments: 1 },
    });
    expect((await counts()).outbox).toBe(before.outbox + 2);
    const names = await withDb(async (db, cid) => ({
      household: await db
        .selectFrom('households')
        .select('name')
        .where('collectivity_id', '=', cid)
        .where('external_id', '=', 'W-1')
        .executeTakeFirstOrThrow(),
      guardians: await db
        .selectFrom('guardians')
        .select(['first_name', 'email'])
        .where('collectivity_id', '=', cid)
        .where('last_name', '=', 'Lefèvre')
        .orderBy('first_name')
        .execute(),
    }));
    expect(names.household.name).toBe('Famille Lefèvre');
    expect(names.guardians).toEqual([
      { first_name: 'François', email: 'francois.lefevre@example.org' },
      { first_name: 'Hélène', email: 'helene.lefevre@example.org' },
    ]);
  });

  it('refuses an unknown town, a missing file and missing arguments', async () => {
    const unknown = await runFoyer(['import', 'nulle-part', EXAMPLE, '--json'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.json().error.message).toContain('no collectivity has the slug "nulle-part"');
    const missing = await runFoyer(['import', SLUG, join(dir, 'absent.csv')], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read');
    const usage = await runFoyer(['import'], env);
    expect(usage.code).toBe(1);
    const help = await runFoyer(['import', '--help'], env);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: foyer import SLUG FILE [options]');
  });
});
