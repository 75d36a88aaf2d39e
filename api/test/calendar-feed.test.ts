import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeText, foldLine } from '../src/lib/icalendar.js';
import { DEMO, startTestApp, type TestApp } from './harness.js';
import { addDays, todayOf } from './test-days.js';

const C = '/v1/collectivities/ville-de-demo';
let t: TestApp;
let parent: string;
let parent2: string;

beforeAll(async () => {
  t = await startTestApp();
  parent = (await t.login(DEMO.parent)).accessToken;
  parent2 = (await t.login(DEMO.parent2)).accessToken;
});
afterAll(() => t.close());

/** The path of a feed address (the test app answers paths, not the public origin). */
const pathOf = (url: string) => new URL(url).pathname;

async function createFeed(token = parent): Promise<{ url: string; webcalUrl: string; createdAt: string }> {
  const res = await t.request('POST', `${C}/calendar-feed`, { token });
  expect(res.status).toBe(201);
  return res.body;
}

/** The live bookings of the household of `email` in the feed's window, straight from the database. */
async function liveBookingIds(email: string): Promise<string[]> {
  const today = todayOf(t);
  const rows = await t.deps.db
    .selectFrom('bookings as b')
    .innerJoin('memberships as m', (j) =>
      j.onRef('m.collectivity_id', '=', 'b.collectivity_id').onRef('m.household_id', '=', 'b.household_id'),
    )
    .innerJoin('accounts as a', 'a.id', 'm.account_id')
    .innerJoin('collectivities as co', 'co.id', 'b.collectivity_id')
    .select('b.id')
    .where('a.email', '=', email)
    .where('co.slug', '=', 'ville-de-demo')
    .where('b.status', 'in', ['booked', 'pending_payment', 'waitlisted', 'cancel_requested'])
    .where('b.date', '>=', addDays(today, -31))
    .where('b.date', '<=', addDays(today, 366))
    .execute();
  return rows.map((r) => r.id).sort();
}

describe('calendar feed', () => {
  it('gives a parent a secret webcal address whose feed a real iCalendar parser reads: their children’s booked days', async () => {
    expect((await t.request('GET', `${C}/calendar-feed`, { token: parent })).body).toEqual({ active: false, createdAt: null });
    const feed = await createFeed();
    expect(feed.webcalUrl).toMatch(/^webcal:\/\/.+\/ical\/[A-Za-z0-9_-]{64}\.ics$/);
    expect(feed.url).toBe(feed.webcalUrl.replace(/^webcal:/, new URL(t.deps.config.publicUrl).protocol));
    expect((await t.request('GET', `${C}/calendar-feed`, { token: parent })).body).toEqual({
      active: true,
      createdAt: feed.createdAt,
    });

    // Only the hash is stored: the token appears nowhere in the database.
    const token = pathOf(feed.url).slice('/ical/'.length, -'.ics'.length);
    const stored = await t.deps.db.selectFrom('calendar_feeds').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(token);

    const res = await t.fetch(pathOf(feed.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
    const text = await res.text();

    // RFC 5545 framing that ical.js tolerates but Outlook does not: CRLF lines of at most 75 octets.
    expect(text.endsWith('\r\n')).toBe(true);
    for (const line of text.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(text.replaceAll('\r\n', '')).not.toContain('\n');

    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toBeTruthy();
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Ville de Démo — Foyer');
    expect(calendar.getFirstPropertyValue('x-wr-timezone')).toBe('Europe/Paris');
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const expected = await liveBookingIds(DEMO.parent);
    expect(expected.length).toBeGreaterThan(0);
    expect(events.map((e) => e.uid.split('@')[0]).sort()).toEqual(expected);
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);

    // One booking, checked field by field against the database.
    const first = events[0];
    if (!first) throw new Error('no event');
    const booking = await t.deps.db
      .selectFrom('bookings as b')
      .innerJoin('children as ch', 'ch.id', 'b.child_id')
      .innerJoin('activities as a', 'a.id', 'b.activity_id')
      .innerJoin('sites as s', 's.id', 'a.site_id')
      .select(['b.date', 'ch.first_name', 'a.name as activity', 's.name as site'])
      .where('b.id', '=', first.uid.split('@')[0] ?? '')
      .executeTakeFirstOrThrow();
    expect(first.summary).toBe(`${booking.first_name} : ${booking.activity}`);
    expect(first.location).toBe(booking.site);
    expect(first.startDate.isDate).toBe(true);
    expect(first.startDate.toString()).toBe(booking.date);
    expect(first.endDate.toString()).toBe(addDays(booking.date, 1));
    const stamp = first.component.getFirstPropertyValue('dtstamp') as ICAL.Time;
    expect(stamp.toJSDate().toISOString()).toBe(new Date(Math.floor(t.clock.now().getTime() / 1000) * 1000).toISOString());

    // A second copy has the same UIDs (apps update rather than duplicate), and 304 with its ETag.
    const etag = res.headers.get('etag');
    expect(etag).toBeTruthy();
    expect((await t.fetch(pathOf(feed.url), { headers: { 'If-None-Match': etag ?? '' } })).status).toBe(304);
  });

  it('shows only the household’s own children', async () => {
    const mine = await createFeed(parent);
    const theirs = await createFeed(parent2);
    const uids = async (url: string) =>
      new ICAL.Component(ICAL.parse(await (await t.fetch(pathOf(url))).text()))
        .getAllSubcomponents('vevent')
        .map((v) => String(v.getFirstPropertyValue('uid')).split('@')[0])
        .sort();
    expect(await uids(mine.url)).toEqual(await liveBookingIds(DEMO.parent));
    expect(await uids(theirs.url)).toEqual(await liveBookingIds(DEMO.parent2));
  });

  it('stops answering (404) once replaced or revoked, and a made-up token is 404 too', async () => {
    const old = await createFeed();
    const current = await createFeed();
    expect((await t.fetch(pathOf(old.url))).status).toBe(404);
    expect((await t.fetch(pathOf(current.url))).status).toBe(200);

    expect((await t.request('DELETE', `${C}/calendar-feed`, { token: parent })).status).toBe(204);
    const revoked = await t.request('GET', pathOf(current.url));
    expect(revoked.status).toBe(404);
    expect(revoked.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(revoked.body.detail).toMatch(/lien d'agenda/);
    expect((await t.request('GET', `${C}/calendar-feed`, { token: parent })).body.active).toBe(false);

    expect((await t.fetch(`/ical/${'A'.repeat(64)}.ics`)).status).toBe(404);
    expect((await t.fetch('/ical/not-a-feed')).status).toBe(400);
  });

  it('needs a parent of the collectivity to create one', async () => {
    expect((await t.request('POST', `${C}/calendar-feed`)).status).toBe(401);
    const agent = (await t.login(DEMO.agent)).accessToken;
    expect((await t.request('POST', `${C}/calendar-feed`, { token: agent })).status).toBe(403);
  });
});

describe('iCalendar text', () => {
  it('escapes commas, semicolons, backslashes and new lines, and folds without cutting a character', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const long = `SUMMARY:${'é'.repeat(80)}`;
    const folded = foldLine(long);
    for (const line of folded.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(folded.replaceAll('\r\n ', '')).toBe(long);
  });
});
