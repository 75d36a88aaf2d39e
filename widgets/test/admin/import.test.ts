import { expect, waitUntil } from '@open-wc/testing';
import type { FoyerAdminImport } from '../../src/admin/imports/import.component.js';
import { $, $$, chooseFile, text, waitForText } from '../helpers.js';
import { adminClient, mountSignedIn, section } from './admin-helpers.js';

const HEADER =
  'id_famille;nom_foyer;quotient_familial;responsable_prenom;responsable_nom;responsable_email;enfant_prenom;enfant_nom;enfant_naissance;ecole;classe;activite';

function csvFile(lines: string[]): File {
  return new File([[HEADER, ...lines].join('\r\n')], 'familles.csv', { type: 'text/csv' });
}

async function openImport(): Promise<FoyerAdminImport> {
  window.history.replaceState(null, '', '#import');
  const { app } = await mountSignedIn();
  await waitUntil(() => app.shadowRoot?.querySelector('foyer-admin-import'), 'no import section');
  return section<FoyerAdminImport>(app, 'foyer-admin-import');
}

function press(el: FoyerAdminImport, value: 'dry-run' | 'import'): void {
  $<HTMLButtonElement>(el, `button[value="${value}"]`).click();
}

describe('<foyer-admin-import>', () => {
  afterEach(() => window.history.replaceState(null, '', window.location.pathname));

  it('asks for a file, then lists every error of a dry run by line and column', async () => {
    const importer = await openImport();
    await expect(importer).to.be.accessible();
    press(importer, 'dry-run');
    await waitForText(importer, 'Choisissez le fichier CSV des familles.');
    await waitUntil(() => importer.shadowRoot?.activeElement?.id === 'file', 'focus did not go to the file');

    chooseFile(
      $<HTMLInputElement>(importer, '#file'),
      csvFile(['F9;Famille Bernard;abc;Marc;Bernard;pas-un-email;Léa;Bernard;31/02/2019;;;']),
    );
    press(importer, 'dry-run');
    await waitForText(importer, /Vérification : \d+ erreur\(s\) à corriger/, 20_000);
    const columns = $$(importer, 'tbody tr td:nth-child(2)').map((td) => td.textContent?.trim());
    expect(columns).to.include.members(['quotient_familial', 'responsable_email', 'enfant_naissance']);
    expect($$(importer, 'tbody tr td:first-child').every((td) => td.textContent?.trim() === '2')).to.equal(true);
    await waitUntil(() => importer.shadowRoot?.activeElement?.id === 'report-title', 'focus did not go to the report');
    await expect(importer).to.be.accessible();
  });

  it('imports families, showing a progress bar with the percentage and rows per second, then the report', async () => {
    const { admin } = await adminClient();
    const activity = (await admin.activities.list({})).activities[0];
    const importer = await openImport();
    importer.pollInterval = 20;
    const id = crypto.randomUUID().slice(0, 6);
    const rows = Array.from(
      { length: 3 },
      (_, i) =>
        `T${id}-${i};Famille Test ${id} ${i};${300 + i};Anne;Test${i};anne.${id}.${i}@example.org;Zoé;Test${i};01/02/2018;École Pasteur;CE1;${activity?.code ?? ''}`,
    );
    chooseFile($<HTMLInputElement>(importer, '#file'), csvFile(rows));
    press(importer, 'import');
    await waitUntil(() => importer.job !== null, 'the import did not start', { timeout: 10_000 });
    await waitForText(importer, 'Import terminé', 20_000);
    expect(importer.job?.report).to.include({ families: 3, created: 3, failed: 0 });
    expect(text(importer)).to.contain('Créées');
    await expect(importer).to.be.accessible();

    // A small file is done before the first poll: the running state as a long import shows it.
    const done = importer.job;
    if (!done) throw new Error('no job');
    importer.job = {
      ...done,
      status: 'running',
      percent: 42,
      processedFamilies: 4200,
      totalFamilies: 10_000,
      rowsPerSecond: 1234.4,
      report: null,
    };
    await importer.updateComplete;
    expect($<HTMLProgressElement>(importer, 'progress').value).to.equal(42);
    expect(text(importer)).to.contain('42 %');
    expect(text(importer)).to.match(/1\s234 lignes\/s/);
    await expect(importer).to.be.accessible();
  });
});
