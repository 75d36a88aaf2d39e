import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoFamily, demoFamily } from './demo-family.js';
import { DEMO, startTestApp, type TestApp } from './harness.js';
import { cancellable, daysWhere, parisInstant } from './test-days.js';

/**
 * A family says why a child will be absent (sick, family reason, other) when it cancels a booked
 * day. Before the activity's cancellation deadline (as the app's clock says) the day is
 * cancelled; the same morning, it is a late absence left to agents, who see its reason in the
 * day's list.
 */

const C = '/v1/collectivities/ville-de-demo';
let t: TestApp;
let family: DemoFamily;
let parent: string;

beforeAll(async () => {
  t = await startTestApp();
  family = await demoFamily(t);
  parent = (await t.login(DEMO.parent)).accessToken;
});
afterAll(() => t.close());

async function reportAbsence(date: string, absence: string, key: string) {
  const added = await t.request('POST', `${C}/cart/lines`, {
    token: parent,
    body: {
      lines: [{ childId: family.alvaro, activityId: family.activity.canteenFerry, action: 'cancel', dates: [date], absence }],
    },
  });
  expect(added.status, JSON.stringify(added.body)).toBe(200);
  expect(added.body.cart.lines[0]).toMatchObject({ date, action: 'cancel', absence });
  return t.request('POST', `${C}/cart/checkout`, { token: parent, body: {}, headers: { 'idempotency-key': key } });
}

const bookingOn = (date: string) =>
  t.deps.db
    .selectFrom('bookings')
    .select(['status', 'absence'])
    .where('child_id', '=', family.alvaro)
    .where('activity_id', '=', family.activity.canteenFerry)
    .where('date', '=', date)
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();

describe('absence with a reason', () => {
  it('cancels in time with its reason, and the same morning records a late absence agents see', async () => {
    const [early, morning] = await daysWhere(t, parent, family.alvaro, family.activity.canteenFerry, cancellable, { count: 2 });
    const inTime = early?.date ?? '';
    const sameMorning = morning?.date ?? '';

    const first = await reportAbsence(inTime, 'family', 'absence-in-time-1');
    expect(first.status).toBe(200);
    expect(first.body.lines[0]).toMatchObject({ outcome: 'cancelled' });
    expect(await bookingOn(inTime)).toEqual({ status: 'cancelled', absence: 'family' });

    // The morning of the other day, past the cancellation deadline: the clock decides.
    t.clock.set(parisInstant(sameMorning, '07:45'));
    parent = (await t.login(DEMO.parent)).accessToken;
    const late = await reportAbsence(sameMorning, 'sick', 'absence-late-1');
    expect(late.status).toBe(200);
    expect(late.body.lines[0]).toMatchObject({ outcome: 'cancel_requested', reason: 'deadline_passed' });
    expect(await bookingOn(sameMorning)).toEqual({ status: 'cancel_requested', absence: 'sick' });

    const agent = (await t.login(DEMO.agent)).accessToken;
    const list = await t.request('GET', `${C}/admin/day-list?date=${sameMorning}&activity=${family.activity.canteenFerry}`, {
      token: agent,
    });
    expect(list.status).toBe(200);
    const entry = list.body.entries.find((e: { child: { id: string } }) => e.child.id === family.alvaro);
    expect(entry).toMatchObject({ status: 'cancel_requested', absence: 'sick' });
  });

  it('refuses a reason outside the list', async () => {
    const res = await t.request('POST', `${C}/cart/lines`, {
      token: parent,
      body: {
        lines: [
          {
            childId: family.alvaro,
            activityId: family.activity.canteenFerry,
            action: 'cancel',
            dates: ['2030-01-07'],
            absence: 'bored',
          },
        ],
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
  });
});
