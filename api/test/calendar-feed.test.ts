import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeText, foldLine } from '../src/lib/icalendar.js';
import { newActivity } from './admin-test-support.js';
import { DEMO, startTestApp, type TestApp } from './harness.js';
import { addDays, parisInstant, todayOf, weekdayOf } from './test-days.js';

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
      .select(['b.date', 'ch.first_name', 'a.name as activity', 'a.starts_at', 'a.ends_at', 's.name as site'])
      .where('b.id', '=', first.uid.split('@')[0] ?? '')
      .executeTakeFirstOrThrow();
    expect(first.summary).toBe(`${booking.first_name} : ${booking.activity}`);
    expect(first.location).toBe(booking.site);
    // The demo's activities have times: the event is at them, Paris time, written in UTC.
    if (!booking.starts_at || !booking.ends_at) throw new Error('a demo activity without times');
    expect(first.startDate.isDate).toBe(false);
    expect(first.startDate.zone.tzid).toBe('UTC');
    expect(first.startDate.toJSDate().toISOString()).toBe(parisInstant(booking.date, booking.starts_at));
    expect(first.endDate.toJSDate().toISOString()).toBe(parisInstant(booking.date, booking.ends_at));
    expect(text).not.toContain('TZID');
    const stamp = first.component.getFirstPropertyValue('dtstamp') as ICAL.Time;
    expect(stamp.toJSDate().toISOString()).toBe(new Date(Math.floor(t.clock.now().getTime() / 1000) * 1000).toISOString());

    // A second copy has the same UIDs (apps update rather than duplicate), and 304 with its ETag.
    const etag = res.headers.get('etag');
    expect(etag).toBeTruthy();
    expect((await t.fetch(pathOf(feed.url), { headers: { 'If-None-Match': etag ?? '' } })).status).toBe(304);
  });

  it('puts a day at its activity’s Paris times across the clock change, and a day without times all day', async () => {
    const staff = (await t.login(DEMO.agent)).accessToken;
    const timed = await newActivity(t, staff, { startsAt: '07:30', endsAt: '08:20' });
    const allDay = await newActivity(t, staff);
    const child = await t.deps.db
      .selectFrom('bookings as b')
      .innerJoin('memberships as m', (j) =>
        j.onRef('m.collectivity_id', '=', 'b.collectivity_id').onRef('m.household_id', '=', 'b.household_id'),
      )
      .innerJoin('accounts as a', 'a.id', 'm.account_id')
      .select(['b.collectivity_id', 'b.household_id', 'b.child_id'])
      .where('a.email', '=', DEMO.parent)
      .executeTakeFirstOrThrow();

    // The next change of the clocks (last Sunday of March or October) and the school days around it.
    let sunday = addDays(todayOf(t), 2);
    while (!(weekdayOf(sunday) === 7 && /-(03|10)-(2[5-9]|3[01])$/.test(sunday))) sunday = addDays(sunday, 1);
    const friday = addDays(sunday, -2);
    const monday = addDays(sunday, 1);
    const book = async (activityId: string, date: string) =>
      (
        await t.deps.db
          .insertInto('bookings')
          .values({ ...child, activity_id: activityId, date, status: 'booked', price_cents: 150, created_at: t.clock.now() })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const before = await book(timed.activityId, friday);
    const after = await book(timed.activityId, monday);
    const whole = await book(allDay.activityId, monday);

    const feed = await createFeed();
    const events = new ICAL.Component(ICAL.parse(await (await t.fetch(pathOf(feed.url))).text()))
      .getAllSubcomponents('vevent')
      .map((v) => new ICAL.Event(v));
    const event = (id: string) => {
      const found = events.find((e) => e.uid.startsWith(`${id}@`));
      if (!found) throw new Error(`no event for booking ${id}`);
      return found;
    };
    const instants = (e: ICAL.Event) => [e.startDate.toJSDate().toISOString(), e.endDate.toJSDate().toISOString()];
    // Paris is UTC+2 in summer and UTC+1 in winter: 07:30 moves by an hour in UTC across the change.
    const utc = (date: string, time: string, offsetHours: number) =>
      new Date(Date.parse(`${date}T${time}:00Z`) - offsetHours * 3_600_000).toISOString();
    const [offsetBefore, offsetAfter] = sunday.slice(5, 7) === '03' ? [1, 2] : [2, 1];
    expect(instants(event(before))).toEqual([utc(friday, '07:30', offsetBefore), utc(friday, '08:20', offsetBefore)]);
    expect(instants(event(after))).toEqual([utc(monday, '07:30', offsetAfter), utc(monday, '08:20', offsetAfter)]);

    const day = event(whole);
    expect(day.startDate.isDate).toBe(true);
    expect(day.startDate.toString()).toBe(monday);
    expect(day.endDate.toString()).toBe(addDays(monday, 1));
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
