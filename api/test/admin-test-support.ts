import { addDays } from '../src/domain/index.js';
import type { TestApp } from './harness.js';
import { TEST_TODAY } from './test-database.js';

export const ADMIN = '/v1/collectivities/ville-de-demo/admin';

/** An activity as an admin fills the form, open all year round from a month ago. */
export function activityForm(serviceId: string, siteId: string, overrides: Record<string, unknown> = {}) {
  return {
    serviceId,
    siteId,
    code: `ACT-${crypto.randomUUID().slice(0, 6)}`,
    name: 'Restauration scolaire — école Pasteur',
    weekdays: [1, 2, 3, 4, 5],
    schoolHolidays: 'open',
    seasonFrom: addDays(TEST_TODAY, -30),
    seasonTo: addDays(TEST_TODAY, 365),
    capacity: 120,
    bookingDeadline: { kind: 'calendar_days', days: 2, time: '10:00' },
    cancellationDeadline: { kind: 'calendar_days', days: 2, time: '10:00' },
    paymentMode: 'postpaid',
    pricing: {
      tiers: [
        { maxQuotient: 600, amountCents: 150 },
        { maxQuotient: null, amountCents: 420 },
      ],
      nonResidentAmountCents: 610,
    },
    ...overrides,
  };
}

/** A service, a site and an activity of the demo town, created through the back office. */
export async function newActivity(t: TestApp, admin: string, overrides: Record<string, unknown> = {}) {
  const service = await t.request('POST', `${ADMIN}/services`, { token: admin, body: { name: 'Cantine', kind: 'canteen' } });
  const site = await t.request('POST', `${ADMIN}/sites`, { token: admin, body: { name: 'École Pasteur', kind: 'school' } });
  const activity = await t.request('POST', `${ADMIN}/activities`, {
    token: admin,
    body: activityForm(service.body.id, site.body.id, overrides),
  });
  if (activity.status !== 201) throw new Error(`activity: ${JSON.stringify(activity.body)}`);
  return { serviceId: service.body.id as string, siteId: site.body.id as string, activityId: activity.body.id as string };
}

/** The activation token of the latest invitation emailed to `email`. */
export async function invitationTokenFor(t: TestApp, email: string): Promise<string> {
  await t.deliverEmails();
  const mail = t.mailbox.latestTo(email);
  const link = mail?.text.match(/https?:\/\/\S+/)?.[0];
  if (!link) throw new Error(`no invitation for ${email}`);
  const token = new URLSearchParams(new URL(link).hash.slice(1)).get('foyer-invitation');
  if (!token) throw new Error(`no invitation token in ${link}`);
  return token;
}
