import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, newActivity } from './admin-test-support.js';
import { DEMO, startTestApp, type TestApp } from './harness.js';

let t: TestApp;
let admin: string;
let code: string;
beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.login(DEMO.agent)).accessToken;
  const { activityId } = await newActivity(t, admin);
  const activity = await t.request('GET', `${ADMIN}/activities/${activityId}`, { token: admin });
  code = activity.body.code;
});
afterAll(() => t.close());

const HEADER =
  'id_famille;nom_foyer;quotient_familial;responsable_prenom;responsable_nom;responsable_email;enfant_prenom;enfant_nom;enfant_naissance;ecole;classe;activite';

const csv = (lines: string[]) => [HEADER, ...lines].join('\r\n');
const base64 = (text: string | Uint8Array) => Buffer.from(text).toString('base64');

async function runImport(content: string, options: { dryRun?: boolean; sendInvitations?: boolean } = {}) {
  const started = await t.request('POST', `${ADMIN}/imports`, {
    token: admin,
    body: { content, filename: 'familles.csv', ...options },
  });
  expect(started.status).toBe(202);
  for (let i = 0; i < 200; i++) {
    const job = await t.request('GET', `${ADMIN}/imports/${started.body.id}`, { token: admin });
    if (job.body.status !== 'running') return job.body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('import did not finish');
}

describe('importing families', () => {
  it('lists every error of a dry run by line and column, and writes nothing', async () => {
    const file = csv([
      `F1;Famille Arnaud;450;Julie;Arnaud;julie.arnaud@example.org;Tom;Arnaud;12/03/2018;École Pasteur;CE1;${code}`,
      'F2;Famille Bernard;abc;Marc;Bernard;pas-un-email;Léa;Bernard;31/02/2019;;;INCONNU',
      ';Famille Sans Id;;Anne;X;;;;;;;',
      'F1;Famille Arnaud;;Paul;Arnaud;;;;;;;',
    ]);
    const job = await runImport(base64(file), { dryRun: true });
    expect(job).toMatchObject({ status: 'done', dryRun: true, encoding: 'utf-8', rows: 4, percent: 100 });
    expect(job.report.errors.map((e: { line: number; column: string | null }) => [e.line, e.column])).toEqual([
      [3, 'quotient_familial'],
      [3, 'responsable_email'],
      [3, 'enfant_naissance'],
      [4, 'id_famille'],
      [5, 'id_famille'],
    ]);
    expect(job.report.errors[0].message).toBe('le quotient familial doit être un nombre entier de 0 à 100000');
    expect(job.report).toMatchObject({ families: 3, failed: 3, created: 0 });
    const found = await t.request('GET', `${ADMIN}/households?q=arnaud`, { token: admin });
    expect(found.body.total).toBe(0);
  });

  it('imports families with children and enrolments, invites, and updates them on a second import', async () => {
    const file = csv([
      `A-001;Famille Arnaud;450;Julie;Arnaud;julie.arnaud@example.org;Tom;Arnaud;12/03/2018;École Pasteur;CE1;${code}`,
      'A-001;;;Paul;Arnaud;paul.arnaud@example.org;Zoé;Arnaud;2020-09-30;École Pasteur;PS;',
      `A-002;Famille Besson;;Karim;Besson;karim.besson@example.org;Inès;Besson;01/01/2017;École Pasteur;CM1;${code}`,
      'A-003;Famille Colin;1200;Sophie;Colin;;;;;;;',
    ]);
    const job = await runImport(base64(`\uFEFF${file}`), { sendInvitations: true });
    expect(job.report).toMatchObject({ families: 3, created: 3, updated: 0, failed: 0, invitationsSent: 3, errors: [] });
    const found = await t.request('GET', `${ADMIN}/households?q=arnaud`, { token: admin });
    const file1 = await t.request('GET', `${ADMIN}/households/${found.body.items[0].id}`, { token: admin });
    expect(file1.body).toMatchObject({ externalId: 'A-001', familyQuotient: 450 });
    expect(file1.body.guardians.map((g: { account: string }) => g.account)).toEqual(['invited', 'invited']);
    const tom = file1.body.children.find((c: { firstName: string }) => c.firstName === 'Tom');
    expect(tom.enrolments).toEqual([expect.objectContaining({ school: 'École Pasteur', schoolClass: 'CE1' })]);
    await t.deliverEmails();
    expect(t.mailbox.latestTo('karim.besson@example.org')?.subject).toContain('Activez votre espace famille');

    const again = await runImport(
      base64(
        csv([
          `A-001;Famille Arnaud-Roux;300;Julie;Arnaud;julie.arnaud@example.org;Tom;Arnaud;12/03/2018;École Pasteur;CE2;${code}`,
        ]),
      ),
    );
    expect(again.report).toMatchObject({ created: 0, updated: 1 });
    const updated = await t.request('GET', `${ADMIN}/households/${found.body.items[0].id}`, { token: admin });
    expect(updated.body).toMatchObject({ name: 'Famille Arnaud-Roux', familyQuotient: 300 });
    expect(updated.body.children).toHaveLength(2);
    expect(updated.body.guardians).toHaveLength(2);
  });

  it('reads Windows-1252 and refuses another encoding', async () => {
    const latin = Buffer.from(csv(['W-1;Famille Lefèvre;;Hélène;Lefèvre;;Loïc;Lefèvre;05/05/2016;;;']), 'latin1');
    const job = await runImport(latin.toString('base64'), { dryRun: true });
    expect(job).toMatchObject({ encoding: 'windows-1252', report: { created: 1, errors: [] } });
    const utf16 = Buffer.from(`\uFEFF${csv(['W-2;Famille X;;A;B;;;;;;;'])}`, 'utf16le');
    const refused = await runImport(utf16.toString('base64'), { dryRun: true });
    expect(refused.report.errors).toEqual([
      { line: 1, column: null, message: expect.stringContaining('ni en UTF-8 ni en Windows-1252'), externalId: null },
    ]);
  });

  it('reads the documented example file without an error', async () => {
    const example = await readFile(new URL('../../docs/familles-exemple.csv', import.meta.url));
    const job = await runImport(example.toString('base64'), { dryRun: true });
    expect(job.report).toMatchObject({ families: 3, created: 3, failed: 0, errors: [] });
  });

  it('refuses unknown columns and a file without id_famille', async () => {
    const job = await runImport(base64('famille;nom\n1;X'), { dryRun: true });
    expect(job.report.errors.map((e: { column: string }) => e.column)).toEqual(['famille', 'nom', 'id_famille']);
  });
});
