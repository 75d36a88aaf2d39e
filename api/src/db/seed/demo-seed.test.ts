import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, OpenDatabase } from '../database.js';
import { DEMO_ACTIVITY_CODES } from './demo-catalog.js';
import { DEMO, seedDemo } from './demo-seed.js';
import {
  accountId,
  bookingsOnClosedDays,
  collectivityId,
  PASSWORD_HASH,
  PUBLIC_URL,
  rowCounts,
  seededDatabase,
} from './seed-test-support.js';

describe('seedDemo on 27 November 2026', () => {
  let database: OpenDatabase;
  let db: Db;
  let seeded: boolean;

  beforeAll(async () => {
    ({ database, seeded } = await seededDatabase('2026-11-27'));
    db = database.db;
  }, 60_000);
  afterAll(() => database?.close());

  it('seeds an empty database', () => {
    expect(seeded).toBe(true);
  });

  it('creates Ville de Démo and Saint-Exemple, embeddable from the public URL and localhost', async () => {
    const towns = await db.selectFrom('collectivities').selectAll().orderBy('slug').execute();
    expect(towns.map((t) => [t.slug, t.name, t.school_holiday_zone, t.time_zone])).toEqual([
      ['saint-exemple', 'Saint-Exemple', 'A', 'Europe/Paris'],
      ['ville-de-demo', 'Ville de Démo', 'C', 'Europe/Paris'],
    ]);
    const demo = towns[1];
    expect(demo?.embedding_origins).toEqual([PUBLIC_URL, 'http://localhost:8787', 'http://127.0.0.1:8787']);
    expect(demo?.portal_url).toBe(`${PUBLIC_URL}/`);
    expect(demo?.branding).toEqual({ primaryColor: '#000091' });
  });

  it('stores the logins (two parents, one agent per role) with the given password hash, verified', async () => {
    const accounts = await db.selectFrom('accounts').selectAll().execute();
    expect(accounts.map((a) => a.email).sort()).toEqual(
      [DEMO.agent, DEMO.kitchen, DEMO.animator, DEMO.parent, DEMO.parent2].sort(),
    );
    const roles = await db
      .selectFrom('memberships')
      .innerJoin('accounts', 'accounts.id', 'memberships.account_id')
      .select(['accounts.email', 'memberships.role'])
      .where('memberships.kind', '=', 'agent')
      .execute();
    expect(roles.map((r) => [r.email, r.role]).sort()).toEqual(
      [
        [DEMO.agent, 'admin'],
        [DEMO.animator, 'animator'],
        [DEMO.kitchen, 'kitchen'],
      ].sort(),
    );
    for (const account of accounts) {
      expect(account.password_hash).toBe(PASSWORD_HASH);
      expect(account.email_verified_at).toBeInstanceOf(Date);
      expect(account.display_name).not.toBe('');
    }
  });

  it('makes the demo parent a guardian in both towns, with the switcher directory to match', async () => {
    const parent = await accountId(db, DEMO.parent);
    const memberships = await db
      .selectFrom('memberships')
      .innerJoin('collectivities', 'collectivities.id', 'memberships.collectivity_id')
      .innerJoin('households', (join) =>
        join
          .onRef('households.collectivity_id', '=', 'memberships.collectivity_id')
          .onRef('households.id', '=', 'memberships.household_id'),
      )
      .select(['collectivities.slug', 'memberships.kind', 'households.name'])
      .where('memberships.account_id', '=', parent)
      .orderBy('collectivities.slug')
      .execute();
    expect(memberships).toEqual([
      { slug: DEMO.collectivities.second, kind: 'parent', name: 'Famille Sanchez-Cordoves' },
      { slug: DEMO.collectivities.demo, kind: 'parent', name: 'Famille Sanchez-Cordoves' },
    ]);
    const directory = await db
      .selectFrom('account_collectivities')
      .select('collectivity_id')
      .where('account_id', '=', parent)
      .execute();
    expect(directory).toHaveLength(2);
    const guardians = await db.selectFrom('guardians').select('first_name').where('account_id', '=', parent).execute();
    expect(guardians.map((g) => g.first_name)).toEqual(['Maria', 'Maria']);
  });

  it('gives every membership its directory row', async () => {
    const missing = await db
      .selectFrom('memberships')
      .leftJoin('account_collectivities', (join) =>
        join
          .onRef('account_collectivities.account_id', '=', 'memberships.account_id')
          .onRef('account_collectivities.collectivity_id', '=', 'memberships.collectivity_id'),
      )
      .select('memberships.id')
      .where('account_collectivities.account_id', 'is', null)
      .execute();
    expect(missing).toEqual([]);
  });

  it('makes the agent an admin of Ville de Démo only', async () => {
    const agent = await accountId(db, DEMO.agent);
    const memberships = await db
      .selectFrom('memberships')
      .select(['collectivity_id', 'kind', 'role', 'household_id'])
      .where('account_id', '=', agent)
      .execute();
    expect(memberships).toEqual([
      { collectivity_id: await collectivityId(db, DEMO.collectivities.demo), kind: 'agent', role: 'admin', household_id: null },
    ]);
  });

  it('runs the leisure centre prepaid, 24 places, with a waiting list, in the holidays of the school year', async () => {
    const leisure = await db
      .selectFrom('activities')
      .selectAll()
      .where('code', '=', DEMO_ACTIVITY_CODES.leisureDay)
      .executeTakeFirstOrThrow();
    expect(leisure).toMatchObject({
      name: 'ALSH JOURNÉE',
      capacity: 24,
      payment_mode: 'prepaid',
      waitlist: true,
      hold_minutes: 20,
      school_holidays: 'only',
      weekdays: [1, 2, 3, 4, 5],
      max_days_per_child_per_session: 15,
      refund_on_cancel: true,
      season_from: '2026-09-01',
      season_to: '2027-08-31',
      booking_deadline: { kind: 'previous_week', weekday: 4, time: '12:00' },
      cancellation_deadline: { kind: 'calendar_days', days: 7, time: '12:00' },
    });
    expect(leisure.registration_opens_at).toBeNull();
    expect(leisure.sessions.at(-1)?.opensAt).toBe('2027-06-01T06:00:00.000Z');
    expect(leisure.sessions.map((s) => `${s.name} ${s.from}`)).toEqual([
      'Vacances de la Toussaint 2026-10-18',
      'Vacances de Noël 2026-12-20',
      "Vacances d'hiver 2027-02-07",
      'Vacances de printemps 2027-04-04',
      "Vacances d'été 2027-07-04",
    ]);
    expect(leisure.sessions.at(-1)?.to).toBe('2027-08-31');
  });

  it('closes the canteens on Wednesdays and in the school holidays, billed at month end', async () => {
    const canteens = await db
      .selectFrom('activities')
      .select(['name', 'weekdays', 'school_holidays', 'payment_mode', 'capacity', 'booking_deadline', 'pricing'])
      .where('name', '=', 'REPAS')
      .execute();
    expect(canteens).toHaveLength(3);
    for (const canteen of canteens) {
      expect(canteen).toMatchObject({
        weekdays: [1, 2, 4, 5],
        school_holidays: 'closed',
        payment_mode: 'postpaid',
        capacity: null,
      });
    }
    const demoCanteen = await db
      .selectFrom('activities')
      .select(['booking_deadline', 'pricing'])
      .where('code', '=', DEMO_ACTIVITY_CODES.canteenFerry)
      .executeTakeFirstOrThrow();
    expect(demoCanteen.booking_deadline).toEqual({ kind: 'calendar_days', days: 2, time: '10:00' });
    expect(demoCanteen.pricing).toEqual({
      currency: 'EUR',
      tiers: [
        { maxQuotient: 500, amountCents: 100 },
        { maxQuotient: 800, amountCents: 220 },
        { maxQuotient: 1200, amountCents: 340 },
        { maxQuotient: null, amountCents: 460 },
      ],
      nonResidentAmountCents: 590,
    });
  });

  it('closes the school sites for a training day ahead and the Ascension bridge', async () => {
    const closures = await db.selectFrom('closures').select(['from_date', 'to_date', 'reason']).orderBy('from_date').execute();
    expect(closures.map((c) => `${c.from_date} ${c.reason}`)).toEqual([
      '2026-12-18 Journée pédagogique',
      "2027-05-07 Pont de l'Ascension",
      "2027-05-07 Pont de l'Ascension",
    ]);
  });

  it('gives Lucia her allergy, care plan and authorised grandmother', async () => {
    const lucia = await db.selectFrom('children').selectAll().where('first_name', '=', 'Lucia').executeTakeFirstOrThrow();
    expect(lucia).toMatchObject({
      last_name: 'SANCHEZ-CORDOVES',
      birth_date: '2021-06-02',
      school: 'École maternelle Les Tilleuls',
      school_class: 'Grande section',
      allergies: ['arachide'],
      care_plan: true,
      care_plan_notes: 'Trousse PAI dans le bureau de la direction',
      authorised_pickups: [{ name: 'Carmen Ruiz', relationship: 'grand-mère', phone: '06 12 34 56 78' }],
    });
  });

  it('enrols the Sanchez-Cordoves children for the whole school year', async () => {
    const enrolments = await db
      .selectFrom('enrolments')
      .innerJoin('children', (join) =>
        join
          .onRef('children.collectivity_id', '=', 'enrolments.collectivity_id')
          .onRef('children.id', '=', 'enrolments.child_id'),
      )
      .innerJoin('activities', (join) =>
        join
          .onRef('activities.collectivity_id', '=', 'enrolments.collectivity_id')
          .onRef('activities.id', '=', 'enrolments.activity_id'),
      )
      .select(['children.first_name', 'activities.code', 'enrolments.from_date', 'enrolments.to_date'])
      .where('children.last_name', '=', 'SANCHEZ-CORDOVES')
      .orderBy('children.first_name')
      .orderBy('activities.code')
      .execute();
    expect(enrolments.map((e) => `${e.first_name} ${e.code}`)).toEqual([
      'Alvaro ALSH-JOURNEE',
      'Alvaro GARDERIE-MATIN-FERRY',
      'Alvaro GARDERIE-SOIR-FERRY',
      'Alvaro REPAS-FERRY',
      'Lucia ALSH-JOURNEE',
      'Lucia GARDERIE-SOIR-TILLEULS',
      'Lucia REPAS-TILLEULS',
      'Mateo REPAS',
    ]);
    for (const enrolment of enrolments) expect([enrolment.from_date, enrolment.to_date]).toEqual(['2026-09-01', '2027-08-31']);
  });

  it('books every day on one of its activity weekdays', async () => {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from bookings b
      join activities a on a.collectivity_id = b.collectivity_id and a.id = b.activity_id
      where not (extract(isodow from b.date)::int = any (a.weekdays))`.execute(db);
    expect(rows[0]?.n).toBe(0);
  });

  it('books only days the API itself would open', async () => {
    expect(await bookingsOnClosedDays(db)).toEqual([]);
  });

  it('records four weeks of canteen attendance for the demo children, with three absences', async () => {
    const meals = await db
      .selectFrom('bookings')
      .innerJoin('households', (join) =>
        join
          .onRef('households.collectivity_id', '=', 'bookings.collectivity_id')
          .onRef('households.id', '=', 'bookings.household_id'),
      )
      .innerJoin('activities', (join) =>
        join
          .onRef('activities.collectivity_id', '=', 'bookings.collectivity_id')
          .onRef('activities.id', '=', 'bookings.activity_id'),
      )
      .select(['bookings.date', 'bookings.attendance', 'bookings.absence_reason', 'bookings.price_cents'])
      .where('households.name', '=', 'Famille Sanchez-Cordoves')
      .where('activities.name', '=', 'REPAS')
      .execute();
    const past = meals.filter((m) => m.date < '2026-11-27');
    const ahead = meals.filter((m) => m.date >= '2026-11-27');
    expect(past.length).toBeGreaterThanOrEqual(25);
    expect(past.every((m) => m.attendance !== null)).toBe(true);
    expect(past.filter((m) => m.attendance === 'absent_justified').map((m) => m.absence_reason)).toEqual(['Malade', 'Malade']);
    expect(past.filter((m) => m.attendance === 'absent_unjustified')).toHaveLength(1);
    expect(ahead).toHaveLength(10);
    expect(ahead.every((m) => m.attendance === null)).toBe(true);
    // Quotient 720 is in the "up to 800" tier.
    expect(new Set(meals.map((m) => m.price_cents))).toEqual(new Set([220]));
  });

  it('fills the next holiday session up to, never beyond, its capacity, within 15 days per child', async () => {
    const leisure = await db
      .selectFrom('activities')
      .select('id')
      .where('code', '=', DEMO_ACTIVITY_CODES.leisureDay)
      .executeTakeFirstOrThrow();
    const perDay = await db
      .selectFrom('bookings')
      .select(['date', (eb) => eb.fn.countAll<number>().as('n')])
      .where('activity_id', '=', leisure.id)
      .where('status', '=', 'booked')
      .groupBy('date')
      .orderBy('date')
      .execute();
    expect(perDay.map((d) => d.date)).toEqual([
      '2026-12-21',
      '2026-12-22',
      '2026-12-23',
      '2026-12-24',
      '2026-12-28',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
    ]);
    expect(perDay.slice(0, 3).map((d) => Number(d.n))).toEqual([22, 24, 23]);
    expect(Math.max(...perDay.map((d) => Number(d.n)))).toBe(24);
    const perChild = await sql<{ n: number }>`
      select count(*)::int as n from bookings where activity_id = ${leisure.id} group by child_id order by n desc limit 1`.execute(
      db,
    );
    expect(perChild.rows[0]?.n).toBeLessThanOrEqual(15);
    const unpaid = await db
      .selectFrom('bookings')
      .select('id')
      .where('activity_id', '=', leisure.id)
      .where('payment_id', 'is', null)
      .execute();
    expect(unpaid).toEqual([]);
  });

  it('shows the demo family an accepted request with its thread and document, and one waiting', async () => {
    const requests = await db
      .selectFrom('requests')
      .innerJoin('request_categories', (join) =>
        join
          .onRef('request_categories.collectivity_id', '=', 'requests.collectivity_id')
          .onRef('request_categories.id', '=', 'requests.category_id'),
      )
      .select(['requests.id', 'requests.status', 'request_categories.title', 'request_categories.effect'])
      .orderBy('requests.created_at')
      .execute();
    expect(requests.map((r) => [r.title, r.status])).toEqual([
      ["Autorisation de récupération d'un enfant", 'accepted'],
      ['Autre demande', 'submitted'],
    ]);
    const accepted = requests[0]?.id ?? '';
    const messages = await db
      .selectFrom('request_messages')
      .select('author_kind')
      .where('request_id', '=', accepted)
      .orderBy('created_at')
      .execute();
    expect(messages.map((m) => m.author_kind)).toEqual(['agent', 'parent']);
    const attachment = await db
      .selectFrom('attachments')
      .innerJoin('attachment_blobs', (join) =>
        join
          .onRef('attachment_blobs.collectivity_id', '=', 'attachments.collectivity_id')
          .onRef('attachment_blobs.storage_key', '=', 'attachments.storage_key'),
      )
      .select(['attachments.attachment_type', 'attachments.size_bytes', 'attachment_blobs.content'])
      .where('attachments.request_id', '=', accepted)
      .executeTakeFirstOrThrow();
    expect(attachment.attachment_type).toBe('identity');
    expect(attachment.content.byteLength).toBe(attachment.size_bytes);
    expect(new TextDecoder().decode(attachment.content.slice(0, 8))).toBe('%PDF-1.4');
  });

  it('offers the four request categories with their forms and required documents', async () => {
    const categories = await db
      .selectFrom('request_categories')
      .select(['title', 'effect', 'attachment_types', 'fields'])
      .orderBy('position')
      .execute();
    expect(categories.map((c) => [c.title, c.effect, c.attachment_types.filter((a) => a.required).map((a) => a.key)])).toEqual([
      ["Autorisation de récupération d'un enfant", 'pickup', ['identity']],
      ["Changement d'adresse", 'address', ['proof_of_address']],
      ['Allergie alimentaire / PAI', 'allergy', ['medical_certificate']],
      ['Autre demande', null, []],
    ]);
    expect(categories[0]?.fields).toEqual([
      { key: 'child', type: 'child', label: 'Enfant', required: true },
      { key: 'person', type: 'text', label: 'Personne autorisée', required: true },
      { key: 'from', type: 'date', label: 'À partir du', required: true },
    ]);
  });

  it('does nothing the second time', async () => {
    const before = await rowCounts(db);
    const again = await seedDemo(db, { today: '2026-11-28', passwordHash: 'other', publicUrl: PUBLIC_URL });
    expect(again).toEqual({ seeded: false });
    expect(await rowCounts(db)).toEqual(before);
  });
});
