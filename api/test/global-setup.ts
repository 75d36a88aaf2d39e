import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { type Db, openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { DEMO, seedDemo } from '../src/db/seed/demo-seed.js';
import { installFixtureSchoolCalendar } from '../src/db/seed/school-calendar-fixture.js';
import { Passwords } from '../src/modules/auth/passwords.js';
import { databaseUrl, TEMPLATE_DATABASE, TEST_PASSWORDS, TEST_TODAY, withAdmin } from './test-database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PostgreSQL: the template database every test file copies. */
    templateDatabase: string;
    /** PGlite: a gzipped data directory, migrated and seeded, that every test file loads. */
    pgliteSnapshot: string;
  }
}

async function prepare(db: Db): Promise<void> {
  await migrateToLatest(db);
  // Past the shipped school calendar, an invented TEST FIXTURE fills the missing years.
  const fixture = await installFixtureSchoolCalendar(db, TEST_TODAY);
  if (fixture.length > 0) process.stderr.write(`school calendar: TEST FIXTURE imported for ${fixture.join(', ')}\n`);
  const passwords = new Passwords(TEST_PASSWORDS);
  const passwordHash = await passwords.hash(DEMO.password).finally(() => passwords.close());
  await seedDemo(db, { today: TEST_TODAY, passwordHash, publicUrl: 'http://localhost:8787' });
}

/**
 * Migrates and seeds one database for the whole run; each test file then starts from a copy
 * (a PostgreSQL template, or a PGlite snapshot), so files never see each other's writes.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const url = process.env.DATABASE_URL;
  if (url) {
    await withAdmin(url, async (sql) => {
      await sql.unsafe(`drop database if exists ${TEMPLATE_DATABASE} with (force)`);
      await sql.unsafe(`create database ${TEMPLATE_DATABASE}`);
    });
    const opened = await openDatabase({ kind: 'postgres', url: databaseUrl(url, TEMPLATE_DATABASE), poolSize: 2 });
    await prepare(opened.db);
    await opened.close();
    project.provide('templateDatabase', TEMPLATE_DATABASE);
    project.provide('pgliteSnapshot', '');
    return async () => {
      await withAdmin(url, (sql) => sql.unsafe(`drop database if exists ${TEMPLATE_DATABASE} with (force)`));
    };
  }
  const opened = await openDatabase({ kind: 'pglite', dataDir: undefined });
  await prepare(opened.db);
  if (!opened.pglite) throw new Error('PGlite expected');
  const dump = await opened.pglite.dumpDataDir('gzip');
  await opened.close();
  const dir = await mkdtemp(join(tmpdir(), 'foyer-test-'));
  const file = join(dir, 'snapshot.tar.gz');
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteSnapshot', file);
  project.provide('templateDatabase', '');
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
