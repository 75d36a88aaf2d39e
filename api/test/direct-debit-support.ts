import { addDays, ibanOf } from '../src/domain/index.js';
import type { TestApp } from './harness.js';
import { TEST_TODAY } from './test-database.js';

export const C = '/v1/collectivities/ville-de-demo';

/** A valid French IBAN drawn at random: test families never share an account. */
export function randomIban(): string {
  const digits = Array.from(crypto.getRandomValues(new Uint8Array(23)), (b) => String(b % 10)).join('');
  return ibanOf('FR', digits);
}

/** A mandate form as an agent fills it from the family's signed paper. */
export function mandateForm(overrides: Record<string, unknown> = {}) {
  return {
    iban: randomIban(),
    bic: null,
    accountHolder: 'Bérénice Lœuvre',
    reference: `RUM-${crypto.randomUUID().slice(0, 8).toUpperCase()}`,
    signedOn: addDays(TEST_TODAY, -20),
    ...overrides,
  };
}

/**
 * Settles the demo seed's own issued invoices: they follow its bookings, so their month moves
 * with the date; settled, a month's batch or tally counts the calling file's invoices only.
 */
export async function settleSeedInvoices(t: TestApp, collectivityId: string): Promise<void> {
  await t.deps.db
    .updateTable('invoices')
    .set({ status: 'paid', paid_at: t.deps.clock.now() })
    .where('collectivity_id', '=', collectivityId)
    .where('kind', '=', 'invoice')
    .where('status', '=', 'issued')
    .execute();
}

/** A household of the demo town, bare: a name, nothing else. */
export async function newHousehold(t: TestApp, collectivityId: string, name = 'Foyer Lœuvre'): Promise<string> {
  const row = await t.deps.db
    .insertInto('households')
    .values({ collectivity_id: collectivityId, name, created_at: t.clock.now() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The month before `date`'s, `YYYY-MM`: the month a town bills at the start of the next. */
export function monthBefore(date: string): string {
  const [year = 0, month = 1] = date.split('-').map(Number);
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/** An issued invoice of a household for a month, as a billing run leaves it. */
export async function issuedInvoice(
  t: TestApp,
  input: { collectivityId: string; householdId: string; month: string; totalCents: number; paid?: boolean },
): Promise<{ id: string; number: string }> {
  const number = `F-${input.month.slice(0, 4)}-${crypto.randomUUID().slice(0, 8).toUpperCase()}`;
  const row = await t.deps.db
    .insertInto('invoices')
    .values({
      collectivity_id: input.collectivityId,
      household_id: input.householdId,
      kind: 'invoice',
      number,
      period_from: `${input.month}-01`,
      period_to: `${input.month}-28`,
      issued_at: t.clock.now(),
      created_at: t.clock.now(),
      due_date: addDays(TEST_TODAY, 20),
      status: input.paid ? 'paid' : 'issued',
      paid_at: input.paid ? t.clock.now() : null,
      total_cents: input.totalCents,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, number };
}
