import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../src/domain/index.js';
import { agentWithRole } from './agent-builders.js';
import { type DemoFamily, demoFamily } from './demo-family.js';
import { DEMO, startTestApp, type TestApp } from './harness.js';
import { TEST_TODAY } from './test-database.js';

const C = '/v1/collectivities/ville-de-demo';
/** Two months each side of the test clock: the seed's history and its coming days. */
const FROM = addDays(TEST_TODAY, -60);
const TO = addDays(TEST_TODAY, 60);
const PERIOD = `from=${FROM}&to=${TO}`;

let t: TestApp;
let family: DemoFamily;
let agent: string;

beforeAll(async () => {
  t = await startTestApp();
  family = await demoFamily(t);
  agent = (await t.login(DEMO.agent)).accessToken;
});
afterAll(() => t.close());

/** A CSV file read back the way RFC 4180 says, independently of the writer: records of fields. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') {
      record.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field !== '' || record.length > 0) throw new Error(`the file does not end with CRLF: ${JSON.stringify(record)}`);
  return records;
}

async function download(path: string, token = agent, headers: Record<string, string> = {}) {
  const res = await t.fetch(`${C}/admin/exports/${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { res, bytes, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
}

async function count(query: ReturnType<typeof sql<{ n: string }>>): Promise<number> {
  const { rows } = await query.execute(t.deps.db);
  return Number(rows[0]?.n);
}

describe('bookings export', () => {
  it('opens in a French spreadsheet: BOM, semicolons, CRLF, one line per booking of the period', async () => {
    // Cancellations, four per booking of the period: thousands of rows, many alike on one day.
    await sql`insert into bookings (collectivity_id, household_id, child_id, activity_id, date, status, price_cents, created_at)
      select b.collectivity_id, b.household_id, b.child_id, b.activity_id, b.date, 'cancelled', b.price_cents, ${t.clock.now()}
      from bookings b cross join generate_series(1, 4)
      where b.collectivity_id = ${family.collectivityId} and b.date between ${FROM} and ${TO}`.execute(t.deps.db);
    const { res, bytes, text } = await download(`bookings.csv?${PERIOD}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="ville-de-demo-bookings-${FROM}-${TO}.csv"`);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header).toEqual([
      'Date',
      'Site',
      'Code activité',
      'Activité',
      'Foyer',
      'Nom',
      'Prénom',
      'Statut',
      'Prix (€)',
      'Réservé le',
      'Modifié le',
    ]);
    const expected = await count(
      sql`select count(*) as n from bookings where collectivity_id = ${family.collectivityId} and date between ${FROM} and ${TO}`,
    );
    expect(expected).toBeGreaterThan(2000);
    expect(rows).toHaveLength(expected);
    for (const row of rows) expect(row).toHaveLength(header?.length ?? 0);
    expect(rows[0]?.[0]).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    expect(rows.every((r) => /^\d+,\d{2}$/.test(r[8] ?? ''))).toBe(true);
    expect(new Set(rows.map((r) => r[7]))).toContain('Réservé');
    expect(new Set(rows.map((r) => r[7]))).toContain('Annulé');
  });

  it('quotes a household name holding a semicolon and quotes, and defuses a formula', async () => {
    const household = await t.deps.db
      .selectFrom('children')
      .select('household_id')
      .where('id', '=', family.alvaro)
      .executeTakeFirstOrThrow();
    await t.deps.db
      .updateTable('households')
      .set({ name: 'Famille "Dupont; Martín"' })
      .where('id', '=', household.household_id)
      .execute();
    await t.deps.db.updateTable('children').set({ last_name: '=1+1' }).where('id', '=', family.lucia).execute();
    const { text } = await download(`bookings.csv?${PERIOD}`);
    expect(text).toContain(';"Famille ""Dupont; Martín""";');
    const rows = parseCsv(text.slice(1));
    expect(rows.some((r) => r[4] === 'Famille "Dupont; Martín"')).toBe(true);
    expect(rows.some((r) => r[5] === "'=1+1")).toBe(true);
    expect(rows.some((r) => r[5] === '=1+1')).toBe(false);
  });

  it('writes its column titles in English when asked', async () => {
    const { text } = await download(`bookings.csv?from=${TEST_TODAY}&to=${TEST_TODAY}`, agent, { 'accept-language': 'en' });
    expect(parseCsv(text.slice(1))[0]?.[0]).toBe('Date');
    expect(parseCsv(text.slice(1))[0]?.[5]).toBe('Last name');
  });

  it('records who exported which period in the audit log', async () => {
    const before = await count(sql`select count(*) as n from audit_log where action = 'export.read' and object_id = 'bookings'`);
    await download(`bookings.csv?from=${TEST_TODAY}&to=${TEST_TODAY}`);
    const after = await count(sql`select count(*) as n from audit_log where action = 'export.read' and object_id = 'bookings'`);
    expect(after).toBe(before + 1);
  });

  it('refuses a period that ends before it starts, or is longer than 400 days, with a French problem', async () => {
    for (const query of [
      `from=${TEST_TODAY}&to=${addDays(TEST_TODAY, -1)}`,
      `from=${TEST_TODAY}&to=${addDays(TEST_TODAY, 400)}`,
      'from=demain',
    ]) {
      const { res, text } = await download(`bookings.csv?${query}`);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(JSON.parse(text).code).toBe('validation_failed');
    }
  });
});

describe('attendance export', () => {
  it("has a line per day a child was expected or came, with the roll call's mark and no health data", async () => {
    await t.deps.db
      .updateTable('children')
      .set({ allergies: ['arachides'], health_notes: 'asthme' })
      .where('id', '=', family.alvaro)
      .execute();
    await t.deps.db
      .updateTable('bookings')
      .set({ absence_reason: 'otite', attendance: 'absent_justified' })
      .where('child_id', '=', family.alvaro)
      .where('date', '<', TEST_TODAY)
      .where('status', '=', 'booked')
      .execute();
    const { res, text } = await download(`attendance.csv?${PERIOD}`);
    expect(res.status).toBe(200);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header?.[7]).toBe('Présence');
    const expected = await count(sql`select count(*) as n from bookings
      where collectivity_id = ${family.collectivityId} and date between ${FROM} and ${TO}
        and (status in ('booked', 'cancel_requested') or attendance is not null)`);
    expect(rows).toHaveLength(expected);
    expect(rows.some((r) => r[7] === 'Absent (justifié)')).toBe(true);
    expect(text).not.toMatch(/arachides|asthme|otite/);
  });
});

describe('meal counts export', () => {
  it('counts as many meals as an independent SQL count, per day and site', async () => {
    const kitchen = await agentWithRole(t, 'kitchen');
    const { res, text } = await download(`meal-counts.csv?${PERIOD}`, kitchen.token);
    expect(res.status).toBe(200);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header?.slice(0, 3)).toEqual(['Date', 'Site', 'Repas']);
    expect(header?.at(-1)).toBe('Sans régime particulier');
    const expected = await count(sql`select count(*) as n from bookings b
      join activities a on a.collectivity_id = b.collectivity_id and a.id = b.activity_id
      join services s on s.collectivity_id = a.collectivity_id and s.id = a.service_id
      where b.collectivity_id = ${family.collectivityId} and s.kind = 'canteen' and a.archived_at is null
        and b.date between ${FROM} and ${TO}
        and (b.status in ('booked', 'cancel_requested') or (b.status = 'pending_payment' and b.hold_expires_at > ${t.clock.now()}))`);
    expect(expected).toBeGreaterThan(0);
    expect(rows.reduce((sum, r) => sum + Number(r[2]), 0)).toBe(expected);
    for (const r of rows) expect(Number(r[2])).toBe(r.slice(3).reduce((sum, n) => sum + Number(n), 0));
  });
});

describe('who may export', () => {
  it('gives the kitchen the meal counts only, and animators and parents nothing', async () => {
    const kitchen = await agentWithRole(t, 'kitchen');
    const animator = await agentWithRole(t, 'animator');
    const parent = (await t.login(DEMO.parent)).accessToken;
    const status = async (file: string, token: string) => (await download(`${file}?${PERIOD}`, token)).res.status;
    expect(await status('bookings.csv', kitchen.token)).toBe(403);
    expect(await status('attendance.csv', kitchen.token)).toBe(403);
    expect(await status('meal-counts.csv', kitchen.token)).toBe(200);
    for (const file of ['bookings.csv', 'attendance.csv', 'meal-counts.csv']) {
      expect(await status(file, animator.token)).toBe(403);
      expect(await status(file, parent)).toBe(403);
    }
  });
});
