import { expect, waitUntil } from '@open-wc/testing';
import type { FoyerAdminAuditLog } from '../../src/admin/audit/audit-log.component.js';
import { familyDays } from '../days.js';
import { $, text } from '../helpers.js';
import { adminClient, mountSignedIn, section } from './admin-helpers.js';

describe('<foyer-admin-audit-log>', () => {
  afterEach(() => window.history.replaceState(null, '', window.location.pathname));

  it("shows the admin who saw a child's health data, and when, and filters the log", async () => {
    // An agent opens a day's list: the allergies and care plans of the children booked that day.
    const family = await familyDays();
    const booked = family.children
      .flatMap((c) => c.cells.map((cell) => ({ child: c, cell })))
      .find(({ cell }) => cell.status === 'booked');
    if (!booked) throw new Error('no booked day in the demo family');
    const client = await adminClient();
    await client.admin.dayList.get({ date: booked.cell.date, activity: booked.cell.activityId });

    window.history.replaceState(null, '', '#journal');
    const { app } = await mountSignedIn();
    await waitUntil(() => app.shadowRoot?.querySelector('foyer-admin-audit-log'), 'no audit log section');
    const log = section<FoyerAdminAuditLog>(app, 'foyer-admin-audit-log');
    await waitUntil(() => log.entries.state === 'ready', 'the log did not load', { timeout: 10_000 });
    await log.updateComplete;
    const rows = [...(log.shadowRoot?.querySelectorAll('tbody tr') ?? [])].map((tr) => tr.textContent ?? '');
    const read = rows.find((row) => row.includes(booked.child.firstName));
    expect(read).to.contain('a consulté des données de santé');
    expect(read).to.contain('agent.demo@example.org');
    expect(read).to.contain('Liste du jour du');
    await expect(log).to.be.accessible();

    // Every action, not only health reads.
    $<HTMLInputElement>(log, '#audit-health').checked = false;
    $<HTMLFormElement>(log, 'form').requestSubmit();
    await waitUntil(() => log.entries.state === 'ready' && !log.entries.query.health, 'the filter did not apply');
    expect(text(log)).to.contain("Journal d'audit");
    await expect(log).to.be.accessible();
  });
});
