import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand, setViewport } from '@web/test-runner-commands';
import type { FoyerAdminKitchen } from '../../src/admin/kitchen/kitchen.component.js';
import { apiToday } from '../days.js';
import { text } from '../helpers.js';
import { mountSignedIn, section } from './admin-helpers.js';

const KITCHEN = 'kitchen.demo@example.org';

describe('<foyer-admin-kitchen>', () => {
  afterEach(() => window.history.replaceState(null, '', window.location.pathname));

  it("shows the kitchen two weeks of meals per site, as a chart with its table, and a printable day's sheet", async () => {
    await setViewport({ width: 1024, height: 1000 });
    window.history.replaceState(null, '', '#cuisine');
    const { app } = await mountSignedIn(KITCHEN);
    await waitUntil(() => app.shadowRoot?.querySelector('foyer-admin-kitchen'), 'no kitchen section');
    const kitchen = section<FoyerAdminKitchen>(app, 'foyer-admin-kitchen');
    await waitUntil(() => kitchen.counts && kitchen.sheet, 'the counts did not load', { timeout: 10_000 });
    await kitchen.updateComplete;
    const counts = kitchen.counts;
    if (!counts) throw new Error('no counts');
    expect(counts.from).to.equal(await apiToday());
    expect(counts.sites.length).to.be.at.least(2);
    const charts = kitchen.shadowRoot?.querySelectorAll('figure.chart svg') ?? [];
    expect(charts.length).to.equal(counts.sites.length);
    // The figures a screen reader reads are the chart's: one row a day, the same totals.
    const firstTable = kitchen.shadowRoot?.querySelector('table.data');
    const firstSite = counts.sites[0];
    expect(firstTable?.querySelectorAll('tbody tr').length).to.equal(14);
    expect([...(firstTable?.querySelectorAll('tbody td:first-of-type') ?? [])].map((td) => Number(td.textContent))).to.deep.equal(
      firstSite?.days.map((d) => d.total),
    );
    expect(text(kitchen)).to.contain('Fiche cuisine du');
    await expect(kitchen).to.be.accessible();
    await executeServerCommand('foyer-screenshot', { selector: 'foyer-admin-kitchen .forecast', file: 'kitchen-chart.png' });
    await executeServerCommand('foyer-screenshot', {
      selector: 'foyer-admin-kitchen .sheet',
      file: 'kitchen-day-sheet.png',
      media: 'print',
    });
  });
});
