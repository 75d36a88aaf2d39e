import type { adminFamilies } from '@foyer/sdk/contract';
import type { Db } from '../../db/database.js';
import { notFound } from '../../lib/api-error.js';
import { guardianViews } from './guardian-views.js';

type Enrolment = adminFamilies.AdminEnrolment;

/** The enrolments of some children, oldest period first, with their activity. */
export async function enrolmentViews(
  db: Db,
  collectivityId: string,
  filter: { childIds?: string[]; ids?: string[]; activityId?: string; includeEnded?: boolean },
): Promise<Enrolment[]> {
  if (filter.childIds?.length === 0 || filter.ids?.length === 0) return [];
  let query = db
    .selectFrom('enrolments as e')
    .innerJoin('activities as a', (j) =>
      j.onRef('a.collectivity_id', '=', 'e.collectivity_id').onRef('a.id', '=', 'e.activity_id'),
    )
    .select([
      'e.id',
      'e.child_id',
      'e.from_date',
      'e.to_date',
      'e.school',
      'e.school_class',
      'e.ended_at',
      'a.id as activity_id',
      'a.code',
      'a.name',
    ])
    .where('e.collectivity_id', '=', collectivityId);
  if (filter.childIds) query = query.where('e.child_id', 'in', filter.childIds);
  if (filter.ids) query = query.where('e.id', 'in', filter.ids);
  if (filter.activityId) query = query.where('e.activity_id', '=', filter.activityId);
  if (!filter.includeEnded) query = query.where('e.ended_at', 'is', null);
  const rows = await query.orderBy('e.from_date').orderBy('a.name').execute();
  return rows.map((r) => ({
    id: r.id,
    childId: r.child_id,
    activity: { id: r.activity_id, code: r.code, name: r.name },
    from: r.from_date,
    to: r.to_date,
    school: r.school,
    schoolClass: r.school_class,
    ended: r.ended_at !== null,
  }));
}

/** A household's children with their current enrolments. */
export async function childViews(
  db: Db,
  collectivityId: string,
  householdId: string,
  childId?: string,
): Promise<adminFamilies.AdminChild[]> {
  let query = db
    .selectFrom('children')
    .select(['id', 'first_name', 'last_name', 'birth_date', 'school', 'school_class', 'diet_group_id'])
    .where('collectivity_id', '=', collectivityId)
    .where('household_id', '=', householdId);
  if (childId) query = query.where('id', '=', childId);
  const children = await query.orderBy('birth_date').execute();
  const enrolments = await enrolmentViews(db, collectivityId, { childIds: children.map((c) => c.id) });
  return children.map((c) => ({
    id: c.id,
    firstName: c.first_name,
    lastName: c.last_name,
    birthDate: c.birth_date,
    school: c.school,
    schoolClass: c.school_class,
    dietGroupId: c.diet_group_id,
    enrolments: enrolments.filter((e) => e.childId === c.id),
  }));
}

/** One household's file, as an agent opens it. */
export async function householdFile(db: Db, collectivityId: string, id: string, now: Date): Promise<adminFamilies.HouseholdFile> {
  const household = await db
    .selectFrom('households')
    .selectAll()
    .where('collectivity_id', '=', collectivityId)
    .where('id', '=', id)
    .executeTakeFirstOrThrow(() => notFound('household'));
  const [guardians, children, quotients, notes] = await Promise.all([
    guardianViews(db, collectivityId, id, now),
    childViews(db, collectivityId, id),
    db
      .selectFrom('family_quotients')
      .select(['quotient', 'applies_from', 'recorded_at'])
      .where('collectivity_id', '=', collectivityId)
      .where('household_id', '=', id)
      .orderBy('applies_from', 'desc')
      .execute(),
    db
      .selectFrom('household_notes as n')
      .leftJoin('accounts as a', 'a.id', 'n.author_account_id')
      .select(['n.id', 'n.body', 'n.created_at', 'a.display_name', 'a.email'])
      .where('n.collectivity_id', '=', collectivityId)
      .where('n.household_id', '=', id)
      .orderBy('n.created_at', 'desc')
      .execute(),
  ]);
  return {
    id: household.id,
    name: household.name,
    externalId: household.external_id,
    department: household.department,
    address: household.address,
    phone: household.phone,
    resident: household.resident,
    archived: household.archived_at !== null,
    familyQuotient: household.family_quotient,
    quotients: quotients.map((q) => ({
      quotient: q.quotient,
      appliesFrom: q.applies_from,
      recordedAt: new Date(q.recorded_at).toISOString(),
    })),
    guardians,
    children,
    notes: notes.map((n) => ({
      id: n.id,
      body: n.body,
      author: n.display_name || n.email || null,
      createdAt: new Date(n.created_at).toISOString(),
    })),
    createdAt: new Date(household.created_at).toISOString(),
  };
}
