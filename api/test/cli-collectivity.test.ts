import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runFoyer } from './foyer-cli.js';
import { databaseUrl, withAdmin } from './test-database.js';

// Each run is a real Node process compiling the CLI: slow on a busy machine.
vi.setConfig({ testTimeout: 300_000 });

// A town goes live from an empty database: on PostgreSQL when the suite has one, else embedded.
const url = process.env.DATABASE_URL;
const name = `foyer_cli_town_${process.pid}`;
let dir: string;
let env: Record<string, string>;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'foyer-cli-town-'));
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
});
afterAll(async () => {
  if (url) await withAdmin(url, (sql) => sql.unsafe(`drop database if exists ${name} with (force)`));
  await rm(dir, { recursive: true, force: true });
});

describe('foyer collectivity, origin and agent commands', () => {
  it('creates a town, registers its website and invites its first admin', async () => {
    const created = await runFoyer(['collectivity', 'create', 'ville-exemple', "Ville d'Exemple", '--zone', 'A', '--json'], env);
    expect(created.code).toBe(0);
    expect(created.json()).toMatchObject({
      slug: 'ville-exemple',
      schoolHolidayZone: 'A',
      timeZone: 'Europe/Paris',
      alsaceMoselle: false,
    });

    const twice = await runFoyer(['collectivity', 'create', 'ville-exemple', 'Autre', '--zone', 'B', '--json'], env);
    expect(twice.code).toBe(2);
    expect(twice.json().error.code).toBe('slug_taken');
    const noZone = await runFoyer(['collectivity', 'create', 'autre-ville', 'Autre'], env);
    expect(noZone.code).toBe(1);

    const added = await runFoyer(['origin', 'add', 'ville-exemple', 'https://www.ville-exemple.fr', '--json'], env);
    expect(added.json()).toMatchObject({ slug: 'ville-exemple', origins: ['https://www.ville-exemple.fr'] });
    const withPath = await runFoyer(['origin', 'add', 'ville-exemple', 'https://www.ville-exemple.fr/enfance'], env);
    expect(withPath.code).toBe(2);
    expect(withPath.stderr).toContain('give only scheme://host[:port]');

    const invited = await runFoyer(['agent', 'invite', 'ville-exemple', 'dgs@ville-exemple.fr', '--json'], env);
    expect(invited.code).toBe(0);
    expect(invited.json()).toMatchObject({
      collectivity: 'ville-exemple',
      email: 'dgs@ville-exemple.fr',
      role: 'admin',
      status: 'invited',
    });
    const again = await runFoyer(
      ['agent', 'invite', 'ville-exemple', 'dgs@ville-exemple.fr', '--role', 'kitchen', '--json'],
      env,
    );
    expect(again.code).toBe(2);
    expect(again.json().error.code).toBe('already_agent');
    const unknownTown = await runFoyer(['agent', 'invite', 'nulle-part', 'x@example.org'], env);
    expect(unknownTown.code).toBe(2);
  });

  it('sets what the town’s invoices say of their issuer, and refuses a SIRET whose key is wrong', async () => {
    const created = await runFoyer(
      [
        ...['collectivity', 'create', 'ville-identite', 'Ville Identité', '--zone', 'C'],
        ...['--siret', '213 199 995 00019', '--address', '1 place de la Mairie', '--postal-code', '31990', '--city', 'Identité'],
        '--json',
      ],
      env,
    );
    expect(created.code).toBe(0);
    expect(created.json().identity).toEqual({
      postalAddress: { line1: '1 place de la Mairie', postalCode: '31990', city: 'Identité' },
      siret: '21319999500019',
      servicePhone: null,
      serviceEmail: null,
      publicAccountant: null,
    });

    const badKey = await runFoyer(['collectivity', 'set', 'ville-identite', '--siret', '21319999500018', '--json'], env);
    expect(badKey.code).toBe(2);
    expect(badKey.json().error.code).toBe('invalid_input');
    expect(badKey.json().error.message).toMatch(/^siret: .*check digit/);
    const badCreate = await runFoyer(['collectivity', 'create', 'ville-sans', 'Sans', '--zone', 'A', '--siret', '123'], env);
    expect(badCreate.code).toBe(2);
    expect(badCreate.stderr).toContain('siret: a SIRET is 14 digits');
    // Refused at creation: nothing was written.
    expect((await runFoyer(['origin', 'list', 'ville-sans'], env)).code).toBe(2);
    const badPostalCode = await runFoyer(['collectivity', 'set', 'ville-identite', '--postal-code', '3199'], env);
    expect(badPostalCode.code).toBe(2);
    expect(badPostalCode.stderr).toContain('postal-code: a French postal code is 5 digits');
    const noOption = await runFoyer(['collectivity', 'set', 'ville-identite'], env);
    expect(noOption.code).toBe(1);

    const set = await runFoyer(
      [
        ...['collectivity', 'set', 'ville-identite', '--address-line2', 'Hôtel de ville', '--phone', '+33 5 36 49 12 34'],
        ...['--email', 'enfance@ville-identite.example', '--accountant', 'Service de gestion comptable de Muret'],
      ],
      env,
    );
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('address: 1 place de la Mairie, Hôtel de ville, 31990 Identité');
    expect(set.stdout).toContain('SIRET: 213 199 995 00019');
    expect(set.stdout).toContain('phone: 05 36 49 12 34');
    expect(set.stdout).toContain('public accountant: Service de gestion comptable de Muret');

    const cleared = await runFoyer(['collectivity', 'set', 'ville-identite', '--address', '', '--phone', '', '--json'], env);
    expect(cleared.code).toBe(0);
    expect(cleared.json().identity).toEqual({
      postalAddress: null,
      siret: '21319999500019',
      servicePhone: null,
      serviceEmail: 'enfance@ville-identite.example',
      publicAccountant: 'Service de gestion comptable de Muret',
    });
    const halfAddress = await runFoyer(['collectivity', 'set', 'ville-identite', '--address', '2 rue Neuve'], env);
    expect(halfAddress.code).toBe(2);
    expect(halfAddress.stderr).toContain('address: a postal address needs --address, --postal-code and --city together');
  });

  it('lists and removes origins, and explains every command', async () => {
    const removed = await runFoyer(['origin', 'remove', 'ville-exemple', 'https://www.ville-exemple.fr'], env);
    expect(removed.code).toBe(0);
    const listed = await runFoyer(['origin', 'list', 'ville-exemple', '--json'], env);
    expect(listed.json().origins).toEqual([]);
    // The command a widget's "unknown collectivity" message sends the webmaster to.
    const towns = await runFoyer(['collectivity', 'list', '--json'], env);
    expect(towns.code).toBe(0);
    expect(towns.json().collectivities.map((c: { slug: string }) => c.slug)).toEqual(['ville-exemple', 'ville-identite']);
    const human = await runFoyer(['collectivity', 'list'], env);
    expect(human.stdout).toContain("ville-exemple  Ville d'Exemple (zone A");
    const help = await runFoyer(['agent', 'invite', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--role');
  });
});
