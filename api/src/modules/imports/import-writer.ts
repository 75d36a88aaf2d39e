import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { unnestRows } from '../../db/unnest-rows.js';
import type { ImportChild, ImportFamily } from './import-rows.js';

/** A guardian the import created, for the invitations. */
export interface NewGuardian {
  householdId: string;
  guardianId: string;
  email: string;
}

export interface WrittenBatch {
  /** Households created and updated. */
  created: number;
  updated: number;
  /** Guardians and children added (the ones already there are kept as they are). */
  guardians: number;
  children: number;
  /** Enrolments written, new or renewed. */
  enrolments: number;
  newGuardians: NewGuardian[];
}

interface Known {
  households: Map<string, string>;
  guardians: Map<string, { id: string; email: string | null; first_name: string; last_name: string }[]>;
  children: Map<string, { id: string; first_name: string; birth_date: string }[]>;
}

async function known(trx: Db, collectivityId: string, externalIds: string[]): Promise<Known> {
  const households = await trx
    .selectFrom('households')
    .select(['id', 'external_id'])
    .where('collectivity_id', '=', collectivityId)
    .where(sql<boolean>`external_id = any(${externalIds}::text[])`)
    .execute();
  const ids = households.map((h) => h.id);
  const group = <T extends { household_id: string }>(rows: T[]) => {
    const map = new Map<string, T[]>();
    for (const row of rows) map.set(row.household_id, [...(map.get(row.household_id) ?? []), row]);
    return map;
  };
  const [guardians, children] =
    ids.length === 0
      ? [[], []]
      : await Promise.all([
          trx
            .selectFrom('guardians')
            .select(['id', 'household_id', 'email', 'first_name', 'last_name'])
            .where('collectivity_id', '=', collectivityId)
            .where(sql<boolean>`household_id = any(${ids}::uuid[])`)
            .execute(),
          trx
            .selectFrom('children')
            .select(['id', 'household_id', 'first_name', 'birth_date'])
            .where('collectivity_id', '=', collectivityId)
            .where(sql<boolean>`household_id = any(${ids}::uuid[])`)
            .execute(),
        ]);
  return {
    households: new Map(households.map((h) => [h.external_id ?? '', h.id])),
    guardians: group(guardians),
    children: group(children),
  };
}

/** The rows to write for a batch of families: new ones get their ids here. */
function plan(collectivityId: string, families: ImportFamily[], state: Known, today: string) {
  const households: Record<string, unknown>[] = [];
  const householdUpdates: Record<string, unknown>[] = [];
  const guardians: Record<string, unknown>[] = [];
  const children: Record<string, unknown>[] = [];
  const enrolments: Record<string, unknown>[] = [];
  const quotients: Record<string, unknown>[] = [];
  const newGuardians: NewGuardian[] = [];
  for (const family of families) {
    const existing = state.households.get(family.externalId);
    const householdId = existing ?? crypto.randomUUID();
    const quotientNow = family.quotient && family.quotient.from <= today ? family.quotient.value : null;
    const row = {
      collectivity_id: collectivityId,
      id: householdId,
      name: family.name,
      external_id: family.externalId,
      address: family.address ? JSON.stringify(family.address) : null,
      resident: family.resident,
      family_quotient: quotientNow,
    };
    (existing ? householdUpdates : households).push(row);
    if (family.quotient) {
      quotients.push({
        collectivity_id: collectivityId,
        household_id: householdId,
        applies_from: family.quotient.from,
        quotient: family.quotient.value,
      });
    }
    const knownGuardians = state.guardians.get(householdId) ?? [];
    for (const g of family.guardians) {
      const match = knownGuardians.find(
        (k) => (g.email && k.email === g.email) || (k.first_name === g.firstName && k.last_name === g.lastName),
      );
      if (match) continue;
      const id = crypto.randomUUID();
      guardians.push({
        collectivity_id: collectivityId,
        id,
        household_id: householdId,
        first_name: g.firstName,
        last_name: g.lastName,
        email: g.email,
        phone_mobile: g.phone,
        relationship: g.relationship,
      });
      if (g.email) newGuardians.push({ householdId, guardianId: id, email: g.email });
    }
    const knownChildren = state.children.get(householdId) ?? [];
    for (const child of family.children) {
      const childId = knownChildren.find((k) => k.first_name === child.firstName && k.birth_date === child.birthDate)?.id;
      const id = childId ?? crypto.randomUUID();
      if (!childId) children.push(childRow(collectivityId, householdId, id, child));
      for (const e of child.enrolments) {
        enrolments.push({
          collectivity_id: collectivityId,
          child_id: id,
          activity_id: e.activityId,
          from_date: e.from,
          to_date: e.to,
          school: child.school,
          school_class: child.schoolClass,
        });
      }
    }
  }
  return { households, householdUpdates, guardians, children, enrolments, quotients, newGuardians };
}

function childRow(collectivityId: string, householdId: string, id: string, child: ImportChild) {
  return {
    collectivity_id: collectivityId,
    id,
    household_id: householdId,
    first_name: child.firstName,
    last_name: child.lastName,
    birth_date: child.birthDate,
    school: child.school,
    school_class: child.schoolClass,
  };
}

/**
 * Writes valid families in the caller's transaction, a few statements for the whole batch:
 * households are found by external id (re-importing updates them), guardians by email or
 * name, children by first name and birth date; only what is new is added.
 */
export async function writeFamilies(
  trx: Db,
  input: { collectivityId: string; families: ImportFamily[]; today: string; now: Date; by: string | null },
): Promise<WrittenBatch> {
  const { collectivityId, now } = input;
  const state = await known(
    trx,
    collectivityId,
    input.families.map((f) => f.externalId),
  );
  const rows = plan(collectivityId, input.families, state, input.today);
  await insertHouseholds(trx, rows.households, now);
  for (const update of rows.householdUpdates) await updateHousehold(trx, collectivityId, update, now);
  await insertRows(trx, 'guardians', rows.guardians, {
    collectivity_id: 'uuid',
    id: 'uuid',
    household_id: 'uuid',
    first_name: 'text',
    last_name: 'text',
    email: 'text',
    phone_mobile: 'text',
    relationship: 'text',
  });
  await insertRows(trx, 'children', rows.children, {
    collectivity_id: 'uuid',
    id: 'uuid',
    household_id: 'uuid',
    first_name: 'text',
    last_name: 'text',
    birth_date: 'date',
    school: 'text',
    school_class: 'text',
  });
  await upsertEnrolments(trx, rows.enrolments);
  await upsertQuotients(
    trx,
    rows.quotients.map((r) => ({ ...r, recorded_at: now, recorded_by: input.by })),
  );
  return {
    created: rows.households.length,
    updated: rows.householdUpdates.length,
    guardians: rows.guardians.length,
    children: rows.children.length,
    enrolments: rows.enrolments.length,
    newGuardians: rows.newGuardians,
  };
}

// Stamped by the Clock: retention compares `created_at` with it (migration 0032).
async function insertHouseholds(trx: Db, households: Record<string, unknown>[], now: Date): Promise<void> {
  if (households.length === 0) return;
  const stamped: Record<string, unknown>[] = households.map((h) => ({ ...h, created_at: now, updated_at: now }));
  const h = unnestRows(stamped, {
    collectivity_id: 'uuid',
    id: 'uuid',
    name: 'text',
    external_id: 'text',
    address: 'text::jsonb',
    resident: 'bool',
    family_quotient: 'int4',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
  });
  // A family without `hors_commune` lives in the town.
  await trx
    .insertInto('households')
    .columns(h.columns as never)
    .expression(
      sql`select c0, c1, c2, c3, c4, coalesce(c5, true), c6, c7, c8 from (${h.select}) as h(c0, c1, c2, c3, c4, c5, c6, c7, c8)`,
    )
    .execute();
}

/** A family imported again: what the file gives replaces what the household had. */
async function updateHousehold(trx: Db, collectivityId: string, update: Record<string, unknown>, now: Date): Promise<void> {
  await trx
    .updateTable('households')
    .set({
      name: update.name as string,
      ...(update.address ? { address: update.address as string } : {}),
      ...(update.resident === null ? {} : { resident: update.resident as boolean }),
      ...(update.family_quotient === null ? {} : { family_quotient: update.family_quotient as number }),
      updated_at: now,
    })
    .where('collectivity_id', '=', collectivityId)
    .where('id', '=', update.id as string)
    .execute();
}

async function upsertEnrolments(trx: Db, enrolments: Record<string, unknown>[]): Promise<void> {
  if (enrolments.length === 0) return;
  const e = unnestRows(enrolments, {
    collectivity_id: 'uuid',
    child_id: 'uuid',
    activity_id: 'uuid',
    from_date: 'date',
    to_date: 'date',
    school: 'text',
    school_class: 'text',
  });
  await trx
    .insertInto('enrolments')
    .columns(e.columns as never)
    .expression(e.select)
    .onConflict((oc) =>
      oc.columns(['collectivity_id', 'child_id', 'activity_id', 'from_date']).doUpdateSet({
        to_date: sql`excluded.to_date`,
        school: sql`excluded.school`,
        school_class: sql`excluded.school_class`,
        ended_at: null,
      }),
    )
    .execute();
}

async function upsertQuotients(trx: Db, quotients: Record<string, unknown>[]): Promise<void> {
  if (quotients.length === 0) return;
  const q = unnestRows<Record<string, unknown>, string>(quotients, {
    collectivity_id: 'uuid',
    household_id: 'uuid',
    applies_from: 'date',
    quotient: 'int4',
    recorded_at: 'timestamptz',
    recorded_by: 'uuid',
  });
  await trx
    .insertInto('family_quotients')
    .columns(q.columns as never)
    .expression(q.select)
    .onConflict((oc) =>
      oc.columns(['collectivity_id', 'household_id', 'applies_from']).doUpdateSet({
        quotient: sql`excluded.quotient`,
        recorded_at: sql`excluded.recorded_at`,
        recorded_by: sql`excluded.recorded_by`,
      }),
    )
    .execute();
}

async function insertRows(
  trx: Db,
  table: 'guardians' | 'children',
  rows: Record<string, unknown>[],
  types: Record<string, string>,
): Promise<void> {
  if (rows.length === 0) return;
  const u = unnestRows(rows, types);
  const values = table === 'children' ? sql`select *, '[]'::jsonb from (${u.select}) as r` : u.select;
  const columns = table === 'children' ? [...u.columns, 'authorised_pickups'] : u.columns;
  await trx
    .insertInto(table)
    .columns(columns as never)
    .expression(values)
    .execute();
}
