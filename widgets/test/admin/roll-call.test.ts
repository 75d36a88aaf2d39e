import { createClient } from '@foyer/sdk';
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand, setViewport } from '@web/test-runner-commands';
import type { FoyerAdminRollCall } from '../../src/admin/roll-call/roll-call.component.js';
import { describeCell } from '../../src/calendar/cell-view.js';
import { child, familyDays } from '../days.js';
import { DEMO, testApi, text, waitForText } from '../helpers.js';
import { adminClient, mountSignedIn, section } from './admin-helpers.js';

const ANIMATOR = 'animator.demo@example.org';

/** Alvaro's first booked canteen day ahead: the day the animator takes the roll call of. */
async function rollCallDay(): Promise<{ date: string; activityId: string; alvaro: string }> {
  const family = await familyDays();
  const alvaro = child(family, 'Alvaro');
  const canteen = alvaro.activities.find((a) => a.service === 'Restauration scolaire');
  const cell = alvaro.cells.find((c) => c.activityId === canteen?.id && c.status === 'booked' && c.date > family.today);
  if (!cell) throw new Error('Alvaro has no booked canteen day ahead');
  return { date: cell.date, activityId: cell.activityId, alvaro: alvaro.id };
}

function rows(rollCall: FoyerAdminRollCall): HTMLLIElement[] {
  return [...(rollCall.shadowRoot?.querySelectorAll<HTMLLIElement>('li.child') ?? [])];
}

function tap(row: HTMLLIElement | undefined, label: string): void {
  const button = [...(row?.querySelectorAll('button') ?? [])].find((b) => b.textContent?.trim() === label);
  if (!button) throw new Error(`no ${label} button in ${row?.textContent?.replace(/\s+/g, ' ')}`);
  button.click();
}

const offline = (value: boolean) => executeServerCommand('foyer-offline', { offline: value });

describe('<foyer-admin-roll-call>', () => {
  afterEach(async () => {
    await offline(false);
    window.history.replaceState(null, '', window.location.pathname);
  });

  it('an animator marks a day on a tablet with the network cut halfway; every mark arrives once and the parent sees them', async () => {
    const day = await rollCallDay();
    await setViewport({ width: 768, height: 1024 });
    window.history.replaceState(null, '', '#pointage');
    const { app } = await mountSignedIn(ANIMATOR);
    await waitUntil(() => app.shadowRoot?.querySelector('foyer-admin-roll-call'), 'no roll call section');
    const rollCall = section<FoyerAdminRollCall>(app, 'foyer-admin-roll-call');
    await waitUntil(() => rollCall.activities.length > 0, 'the activities did not load', { timeout: 10_000 });
    const date = rollCall.shadowRoot?.querySelector<HTMLInputElement>('#date');
    const activity = rollCall.shadowRoot?.querySelector<HTMLSelectElement>('#activity');
    if (!date || !activity) throw new Error('no day or activity field');
    activity.value = day.activityId;
    activity.dispatchEvent(new Event('change'));
    date.value = day.date;
    date.dispatchEvent(new Event('change'));
    await waitUntil(
      () => rollCall.rollCall?.date === day.date && rollCall.rollCall.activity.id === day.activityId,
      'the day did not load',
      {
        timeout: 10_000,
      },
    );
    await rollCall.updateComplete;
    const children = rollCall.rollCall?.children ?? [];
    expect(children.length).to.be.greaterThan(2);
    // Animators see the health marks; targets are a finger's size.
    expect(rollCall.rollCall?.healthVisible).to.equal(true);
    for (const button of rollCall.shadowRoot?.querySelectorAll('button') ?? []) {
      const box = button.getBoundingClientRect();
      if (box.width > 0) expect(Math.min(box.width, box.height)).to.be.at.least(44);
    }
    await expect(rollCall).to.be.accessible();
    await executeServerCommand('foyer-screenshot', { selector: 'foyer-admin-roll-call', file: 'roll-call-tablet.png' });

    // Online: the first child is absent.
    const alvaroIndex = children.findIndex((c) => c.child.id === day.alvaro);
    const firstOther = children.findIndex((_c, i) => i !== alvaroIndex);
    tap(rows(rollCall)[firstOther], 'Absent');
    await waitForText(rollCall, 'Tous les pointages sont envoyés.');

    // The network is cut: "all present", then the first child's absence is justified.
    await offline(true);
    rollCall.shadowRoot?.querySelector<HTMLButtonElement>('button.primary')?.click();
    tap(rows(rollCall)[firstOther], 'Absent justifié');
    const kept = children.length; // one "present" per other child, and the correction
    await waitForText(rollCall, `${kept} pointage(s) non envoyé(s)`);
    await new Promise((r) => setTimeout(r, 3500)); // a retry fails while offline; nothing is lost
    await waitForText(rollCall, `${kept} pointage(s) non envoyé(s)`);
    await expect(rollCall).to.be.accessible();

    // Back online: the kept marks go, each once.
    await offline(false);
    await waitForText(rollCall, 'Tous les pointages sont envoyés.', 20_000);
    const stored = (await executeServerCommand('foyer-attendance-marks', { activityId: day.activityId, date: day.date })) as {
      childId: string;
      attendance: string;
      version: number;
    }[];
    const first = children[firstOther]?.child.id;
    expect(stored.filter((m) => m.childId === first).map((m) => m.attendance)).to.deep.equal([
      'absent_unjustified',
      'absent_justified',
    ]);
    for (const c of children) {
      if (c.child.id === first) continue;
      expect(stored.filter((m) => m.childId === c.child.id).map((m) => `${m.attendance} v${m.version}`)).to.deep.equal([
        'present v1',
      ]);
    }
    expect(stored).to.have.length(children.length + 1);

    const admin = await adminClient();
    const after = await admin.admin.rollCall.get({ date: day.date, activity: day.activityId });
    expect(after.children.find((c) => c.child.id === first)).to.include({ attendance: 'absent_justified', version: 2 });
    expect(after.children.filter((c) => c.attendance === 'present')).to.have.length(children.length - 1);

    // The parent's calendar shows the mark.
    const { url } = await testApi();
    const parent = createClient({ baseUrl: url, collectivity: 'ville-de-demo' });
    await parent.auth.login({ email: DEMO.parent, password: DEMO.password });
    const calendar = await parent.calendar.get(day.alvaro, { from: day.date, to: day.date });
    const cell = calendar.cells.find((c) => c.activityId === day.activityId);
    expect(cell?.attendance).to.equal('present');
    // What the family's calendar widget writes in that day's cell.
    if (cell) expect(describeCell(cell, null, 'Europe/Paris').state).to.equal('présent');
    await parent.auth.logout();
    expect(text(rollCall)).to.contain('pointé(s) sur');
  });

  it('shows a mark another agent made meanwhile as a conflict, and replaces it only when asked', async () => {
    const day = await rollCallDay();
    window.history.replaceState(null, '', '#pointage');
    const { app } = await mountSignedIn(ANIMATOR);
    await waitUntil(() => app.shadowRoot?.querySelector('foyer-admin-roll-call'), 'no roll call section');
    const rollCall = section<FoyerAdminRollCall>(app, 'foyer-admin-roll-call');
    await waitUntil(() => rollCall.activities.length > 0, 'the activities did not load', { timeout: 10_000 });
    rollCall.activity = day.activityId;
    rollCall.date = day.date;
    const activity = rollCall.shadowRoot?.querySelector<HTMLSelectElement>('#activity');
    if (!activity) throw new Error('no activity field');
    activity.value = day.activityId;
    activity.dispatchEvent(new Event('change'));
    await waitUntil(
      () => rollCall.rollCall?.date === day.date && rollCall.rollCall.activity.id === day.activityId,
      'the day did not load',
      {
        timeout: 10_000,
      },
    );
    await rollCall.updateComplete;
    const index = rollCall.rollCall?.children.findIndex((c) => c.child.id === day.alvaro) ?? -1;
    const seen = rollCall.rollCall?.children[index];
    if (!seen) throw new Error('Alvaro is not expected');

    // An admin marks Alvaro on another device after the animator's screen loaded.
    const admin = await adminClient();
    const other = seen.attendance === 'absent_unjustified' ? 'absent_justified' : 'absent_unjustified';
    await admin.admin.rollCall.mark(crypto.randomUUID(), {
      childId: day.alvaro,
      activityId: day.activityId,
      date: day.date,
      attendance: other,
      seenVersion: seen.version,
    });
    const mine = seen.attendance === 'present' ? 'absent_justified' : 'present';
    tap(rows(rollCall)[index], mine === 'present' ? 'Présent' : 'Absent justifié');
    await waitForText(rollCall, 'vous aviez pointé');
    expect(rollCall.shadowRoot?.querySelector('.conflict')?.getAttribute('role')).to.equal('alert');
    await expect(rollCall).to.be.accessible();
    let now = await admin.admin.rollCall.get({ date: day.date, activity: day.activityId });
    expect(now.children.find((c) => c.child.id === day.alvaro)?.attendance).to.equal(other);

    [...(rollCall.shadowRoot?.querySelectorAll<HTMLButtonElement>('.conflict button') ?? [])]
      .find((b) => b.textContent?.trim() === 'Remplacer par le mien')
      ?.click();
    await waitUntil(async () => {
      now = await admin.admin.rollCall.get({ date: day.date, activity: day.activityId });
      return now.children.find((c) => c.child.id === day.alvaro)?.attendance === mine;
    }, 'the replacement did not arrive');
    expect(rollCall.shadowRoot?.querySelector('.conflict')).to.equal(null);
  });
});
