/**
 * Inserts the demo accounts and families: households, guardians, children, memberships and the
 * children's enrolments for the whole school year.
 */
import type { Executor } from '../database.js';
import type { AddressValue } from '../schema.js';
import {
  type DemoActivityKey,
  type DemoCatalog,
  demoTownAddress,
  type SeededActivity,
  secondTownAddress,
} from './demo-catalog.js';
import {
  BIRTH_YEARS_BEFORE_RENTREE,
  type ChildSpec,
  type DemoAccountKey,
  type HouseholdSpec,
  MARTIN,
  SANCHEZ_CORDOVES,
  SANCHEZ_CORDOVES_IN_SECOND_TOWN,
  type SchoolClass,
} from './demo-households.js';
import { addDays, type DateSpan, type LocalDate, parisInstant, type SchoolYear } from './school-calendar.js';
import { OTHER_DEMO_HOUSEHOLDS } from './town-households.js';

/** The demo logins: email and the name shown in the portal. */
export interface DemoAccountSpec {
  email: string;
  displayName: string;
}

/** A child as inserted, with what its bookings depend on. */
export interface SeededChild {
  id: string;
  spec: ChildSpec;
  /** The activities the child is enrolled in, for the school year. */
  enrolledIn: SeededActivity[];
  canteen: SeededActivity;
}

/** A household as inserted. */
export interface SeededHousehold {
  id: string;
  spec: HouseholdSpec;
  children: SeededChild[];
}

/** The inserted accounts and families. */
export interface DemoFamilies {
  accounts: Record<DemoAccountKey | 'agent', string>;
  /** Ville de Démo: Sanchez-Cordoves first, then Martin, then the others. */
  demo: SeededHousehold[];
  second: SeededHousehold;
}

const MATERNELLE: ReadonlySet<SchoolClass> = new Set(['PS', 'MS', 'GS']);

const CLASS_LABELS: Readonly<Record<SchoolClass, string>> = {
  PS: 'Petite section',
  MS: 'Moyenne section',
  GS: 'Grande section',
  CP: 'CP',
  CE1: 'CE1',
  CE2: 'CE2',
  CM1: 'CM1',
  CM2: 'CM2',
};

async function upsertAccount(trx: Executor, account: DemoAccountSpec, passwordHash: string, verifiedAt: Date): Promise<string> {
  const { id } = await trx
    .insertInto('accounts')
    .values({
      email: account.email,
      display_name: account.displayName,
      password_hash: passwordHash,
      email_verified_at: verifiedAt,
    })
    // An account left over from an earlier demo keeps its password: only the towns were reset.
    .onConflict((oc) => oc.column('email').doUpdateSet((eb) => ({ email: eb.ref('excluded.email') })))
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

interface HouseholdPlacement {
  collectivityId: string;
  address: (line1: string) => AddressValue;
  schoolOf: (schoolClass: SchoolClass) => {
    name: string;
    activities: { canteen: SeededActivity; morning?: SeededActivity; evening?: SeededActivity };
  };
  leisure: SeededActivity | null;
}

async function insertHousehold(
  trx: Executor,
  spec: HouseholdSpec,
  placement: HouseholdPlacement,
  context: { schoolYear: SchoolYear; accounts: Record<DemoAccountKey, string>; createdAt: Date },
): Promise<SeededHousehold> {
  const collectivityId = placement.collectivityId;
  const season: DateSpan = { from: context.schoolYear.from, to: context.schoolYear.to };
  const { id: householdId } = await trx
    .insertInto('households')
    .values({
      collectivity_id: collectivityId,
      name: spec.name,
      department: spec.department,
      address: JSON.stringify(placement.address(spec.line1)),
      phone: spec.phone,
      family_quotient: spec.familyQuotient,
      resident: spec.resident,
      join_code: null,
      created_at: context.createdAt,
      updated_at: context.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  for (const guardian of spec.guardians) {
    const accountId = guardian.account === undefined ? null : context.accounts[guardian.account];
    await trx
      .insertInto('guardians')
      .values({
        collectivity_id: collectivityId,
        household_id: householdId,
        account_id: accountId,
        first_name: guardian.firstName,
        last_name: guardian.lastName,
        email: guardian.email ?? null,
        phone_mobile: guardian.phoneMobile ?? null,
        phone_home: spec.phone,
        phone_work: guardian.phoneWork ?? null,
        relationship: guardian.relationship,
      })
      .execute();
    if (accountId !== null) {
      await trx
        .insertInto('memberships')
        .values({
          collectivity_id: collectivityId,
          account_id: accountId,
          kind: 'parent',
          household_id: householdId,
          role: null,
        })
        .execute();
      await trx.insertInto('account_collectivities').values({ account_id: accountId, collectivity_id: collectivityId }).execute();
    }
  }

  const children: SeededChild[] = [];
  for (const child of spec.children) {
    const school = placement.schoolOf(child.schoolClass);
    const birthYear = context.schoolYear.startYear - BIRTH_YEARS_BEFORE_RENTREE[child.schoolClass];
    const { id } = await trx
      .insertInto('children')
      .values({
        collectivity_id: collectivityId,
        household_id: householdId,
        first_name: child.firstName,
        last_name: spec.lastName,
        birth_date: `${birthYear}-${child.birthday}`,
        school: school.name,
        school_class: CLASS_LABELS[child.schoolClass],
        health_notes: child.healthNotes ?? null,
        allergies: child.allergies ?? [],
        care_plan: child.carePlanNotes !== undefined,
        care_plan_notes: child.carePlanNotes ?? null,
        authorised_pickups: JSON.stringify(child.authorisedPickups ?? []),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { canteen, morning, evening } = school.activities;
    const enrolledIn = [
      canteen,
      ...(child.morningCare && morning ? [morning] : []),
      ...(child.eveningCare && evening ? [evening] : []),
      ...(child.leisureCentre && placement.leisure ? [placement.leisure] : []),
    ];
    await trx
      .insertInto('enrolments')
      .values(
        enrolledIn.map((activity) => ({
          collectivity_id: collectivityId,
          child_id: id,
          activity_id: activity.id,
          from_date: season.from,
          to_date: season.to,
        })),
      )
      .execute();
    children.push({ id, spec: child, enrolledIn, canteen });
  }
  return { id: householdId, spec, children };
}

/** Inserts the accounts, then every family of both towns with their enrolments. */
export async function seedFamilies(
  trx: Executor,
  input: {
    today: LocalDate;
    schoolYear: SchoolYear;
    catalog: DemoCatalog;
    passwordHash: string;
    accounts: Record<DemoAccountKey | 'agent', DemoAccountSpec>;
  },
): Promise<DemoFamilies> {
  const { catalog, schoolYear } = input;
  const verifiedAt = parisInstant(addDays(input.today, -90), '19:42');
  const accounts = {
    parent: await upsertAccount(trx, input.accounts.parent, input.passwordHash, verifiedAt),
    parent2: await upsertAccount(trx, input.accounts.parent2, input.passwordHash, verifiedAt),
    agent: await upsertAccount(trx, input.accounts.agent, input.passwordHash, verifiedAt),
  };

  const demoId = catalog.demo.collectivityId;
  await trx
    .insertInto('memberships')
    .values({
      collectivity_id: demoId,
      account_id: accounts.agent,
      kind: 'agent',
      household_id: null,
      role: 'admin',
    })
    .execute();
  await trx.insertInto('account_collectivities').values({ account_id: accounts.agent, collectivity_id: demoId }).execute();

  const demoActivities: Record<DemoActivityKey, SeededActivity> = catalog.demo.activities;
  const demoPlacement: HouseholdPlacement = {
    collectivityId: demoId,
    address: demoTownAddress,
    schoolOf: (schoolClass) =>
      MATERNELLE.has(schoolClass)
        ? {
            name: 'École maternelle Les Tilleuls',
            activities: {
              canteen: demoActivities.canteenTilleuls,
              morning: demoActivities.morningTilleuls,
              evening: demoActivities.eveningTilleuls,
            },
          }
        : {
            name: 'École élémentaire Jules Ferry',
            activities: {
              canteen: demoActivities.canteenFerry,
              morning: demoActivities.morningFerry,
              evening: demoActivities.eveningFerry,
            },
          },
    leisure: demoActivities.leisureDay,
  };
  // The families signed up with their accounts, a season ago: retention compares this with the Clock.
  const context = { schoolYear, accounts, createdAt: parisInstant(addDays(input.today, -90), '19:30') };
  const demo: SeededHousehold[] = [];
  for (const spec of [SANCHEZ_CORDOVES, MARTIN, ...OTHER_DEMO_HOUSEHOLDS]) {
    demo.push(await insertHousehold(trx, spec, demoPlacement, context));
  }

  const second = await insertHousehold(
    trx,
    SANCHEZ_CORDOVES_IN_SECOND_TOWN,
    {
      collectivityId: catalog.second.collectivityId,
      address: secondTownAddress,
      schoolOf: () => ({ name: 'École primaire Antoine de Saint-Exupéry', activities: { canteen: catalog.second.canteen } }),
      leisure: null,
    },
    context,
  );
  return { accounts, demo, second };
}
