/**
 * What the two demo towns offer: the collectivities, their services, sites, activities and
 * closures. Ville de Démo runs canteens and childcare at two schools and a leisure centre;
 * Saint-Exemple, a canteen, so that the demo parent has a second town to switch to.
 */
import type { DeadlineRule } from '../../domain/deadlines.js';
import type { Pricing } from '../../domain/prices.js';
import type { SchoolCalendar } from '../../domain/school-holidays.js';
import type { CollectivityIdentity } from '../../modules/collectivities/collectivity-identity.js';
import type { Executor } from '../database.js';
import type { AddressValue } from '../schema.js';
import { insertActivity, insertCollectivity, insertService, insertSite, type SeededActivity } from './catalog-rows.js';
import {
  CANTEEN_DEADLINE,
  CANTEEN_PRICING,
  CHILDCARE_DEADLINE,
  EVENING_CARE_PRICING,
  LEISURE_BOOKING_DEADLINE,
  LEISURE_CANCELLATION_DEADLINE,
  LEISURE_DAY_PRICING,
  MORNING_CARE_PRICING,
  SECOND_TOWN_CANTEEN_DEADLINE,
  SECOND_TOWN_CANTEEN_PRICING,
} from './demo-tariffs.js';
import {
  addDays,
  type DateSpan,
  firstOpenDayFrom,
  type LocalDate,
  leisureSessionsOf,
  parisInstant,
  type SchoolYear,
} from './school-calendar.js';

export type { SeededActivity } from './catalog-rows.js';

/** The activities of Ville de Démo, by the name the seed uses for them. */
export type DemoActivityKey =
  | 'canteenFerry'
  | 'canteenTilleuls'
  | 'morningFerry'
  | 'eveningFerry'
  | 'morningTilleuls'
  | 'eveningTilleuls'
  | 'leisureDay';

/** The `code` column of every seeded activity of Ville de Démo: stable handles for tests and demos. */
export const DEMO_ACTIVITY_CODES: Readonly<Record<DemoActivityKey, string>> = {
  canteenFerry: 'REPAS-FERRY',
  canteenTilleuls: 'REPAS-TILLEULS',
  morningFerry: 'GARDERIE-MATIN-FERRY',
  eveningFerry: 'GARDERIE-SOIR-FERRY',
  morningTilleuls: 'GARDERIE-MATIN-TILLEULS',
  eveningTilleuls: 'GARDERIE-SOIR-TILLEULS',
  leisureDay: 'ALSH-JOURNEE',
};

/**
 * Ville de Démo as the issuer of its invoices. Fictional: the SIRET has a valid key but the
 * commune code 31999 does not exist, and 05 36 49 xx xx is a range ARCEP keeps for fiction.
 */
export const DEMO_TOWN_IDENTITY: CollectivityIdentity = {
  postalAddress: { line1: 'Hôtel de ville', line2: '1 place de la République', postalCode: '31990', city: 'Ville-de-Démo' },
  siret: '21319999500019',
  servicePhone: '05 36 49 12 34',
  serviceEmail: 'enfance.demo@example.org',
  publicAccountant: 'Service de gestion comptable de Ville-de-Démo',
};

/** The inserted catalog, by handle. */
export interface DemoCatalog {
  demo: { collectivityId: string; activities: Record<DemoActivityKey, SeededActivity> };
  second: { collectivityId: string; canteen: SeededActivity };
}

const SCHOOL_DAYS = [1, 2, 4, 5];

/** The postal address of a home or a site in Ville de Démo. */
export function demoTownAddress(line1: string): AddressValue {
  return { line1, postalCode: '31990', city: 'Ville-de-Démo' };
}

/** The postal address of a home or a site in Saint-Exemple. */
export function secondTownAddress(line1: string): AddressValue {
  return { line1, postalCode: '69990', city: 'Saint-Exemple' };
}

type DemoSchool = 'ferry' | 'tilleuls';

/** The canteen and childcare of each school, in the order agents see them. */
const SCHOOL_ACTIVITIES: readonly {
  key: Exclude<DemoActivityKey, 'leisureDay'>;
  service: 'canteen' | 'childcare';
  school: DemoSchool;
  name: string;
  pricing: Pricing;
  deadline: DeadlineRule;
  times: { startsAt: string; endsAt: string };
}[] = [
  {
    key: 'canteenFerry',
    service: 'canteen',
    school: 'ferry',
    name: 'REPAS',
    pricing: CANTEEN_PRICING,
    deadline: CANTEEN_DEADLINE,
    times: { startsAt: '11:45', endsAt: '13:30' },
  },
  {
    key: 'canteenTilleuls',
    service: 'canteen',
    school: 'tilleuls',
    name: 'REPAS',
    pricing: CANTEEN_PRICING,
    deadline: CANTEEN_DEADLINE,
    times: { startsAt: '11:30', endsAt: '13:20' },
  },
  {
    key: 'morningFerry',
    service: 'childcare',
    school: 'ferry',
    name: 'GARDERIE MATIN',
    pricing: MORNING_CARE_PRICING,
    deadline: CHILDCARE_DEADLINE,
    times: { startsAt: '07:30', endsAt: '08:20' },
  },
  {
    key: 'eveningFerry',
    service: 'childcare',
    school: 'ferry',
    name: 'GARDERIE SOIR',
    pricing: EVENING_CARE_PRICING,
    deadline: CHILDCARE_DEADLINE,
    times: { startsAt: '16:30', endsAt: '18:30' },
  },
  {
    key: 'morningTilleuls',
    service: 'childcare',
    school: 'tilleuls',
    name: 'GARDERIE MATIN',
    pricing: MORNING_CARE_PRICING,
    deadline: CHILDCARE_DEADLINE,
    times: { startsAt: '07:30', endsAt: '08:20' },
  },
  {
    key: 'eveningTilleuls',
    service: 'childcare',
    school: 'tilleuls',
    name: 'GARDERIE SOIR',
    pricing: EVENING_CARE_PRICING,
    deadline: CHILDCARE_DEADLINE,
    times: { startsAt: '16:30', endsAt: '18:30' },
  },
];

/** The origins the demo widgets are served from, the configured public one first. */
function embeddingOrigins(publicUrl: string): string[] {
  return [...new Set([new URL(publicUrl).origin, 'http://localhost:8787', 'http://127.0.0.1:8787'])];
}

/**
 * A teacher-training day three weeks or more ahead: the first school day from `today + 21`,
 * so that it shows in the coming calendars whatever the date of the seed.
 */
function trainingDay(today: LocalDate, calendar: SchoolCalendar): LocalDate {
  const from = addDays(today, 21);
  const schoolDay = { weekdays: SCHOOL_DAYS, schoolHolidays: 'closed', sessions: [], closures: [], calendar } as const;
  return firstOpenDayFrom(from, { ...schoolDay, season: { from, to: addDays(from, 366) } }) ?? from;
}

async function seedDemoTown(
  trx: Executor,
  input: {
    today: LocalDate;
    schoolYear: SchoolYear;
    season: DateSpan;
    origins: string[];
    portalUrl: string;
    calendar: SchoolCalendar;
  },
): Promise<DemoCatalog['demo']> {
  const { schoolYear, season } = input;
  const collectivityId = await insertCollectivity(trx, {
    slug: 'ville-de-demo',
    name: 'Ville de Démo',
    zone: 'C',
    origins: input.origins,
    portalUrl: input.portalUrl,
    primaryColor: '#000091',
    identity: DEMO_TOWN_IDENTITY,
  });
  const services = {
    canteen: await insertService(trx, collectivityId, {
      name: 'Restauration scolaire',
      kind: 'canteen',
      description: 'Repas du midi dans les restaurants scolaires des écoles, préparés par la cuisine centrale.',
      position: 0,
    }),
    childcare: await insertService(trx, collectivityId, {
      name: 'Accueil périscolaire',
      kind: 'childcare',
      description: 'Garderie du matin (7 h 30 – 8 h 20) et du soir (16 h 30 – 18 h 30) les jours d’école.',
      position: 1,
    }),
    leisure: await insertService(trx, collectivityId, {
      name: 'Centre de loisirs',
      kind: 'leisure',
      description: 'Accueil de loisirs sans hébergement (ALSH) pendant les vacances scolaires, de 3 à 11 ans.',
      position: 2,
    }),
  };
  const schools: Record<DemoSchool, string> = {
    ferry: await insertSite(trx, collectivityId, {
      name: 'École élémentaire Jules Ferry',
      kind: 'school',
      address: demoTownAddress('2 rue Jules Ferry'),
    }),
    tilleuls: await insertSite(trx, collectivityId, {
      name: 'École maternelle Les Tilleuls',
      kind: 'school',
      address: demoTownAddress('15 allée des Tilleuls'),
    }),
  };
  const castors = await insertSite(trx, collectivityId, {
    name: 'Centre de loisirs Les Castors',
    kind: 'leisure_centre',
    address: demoTownAddress('8 chemin des Castors'),
  });

  const training = trainingDay(input.today, input.calendar);
  const closures = [{ siteId: schools.ferry, from: training, to: training, reason: 'Journée pédagogique' }];
  for (const ascension of schoolYear.ascensions) {
    const bridge = addDays(ascension, 1);
    for (const siteId of [schools.ferry, schools.tilleuls])
      closures.push({ siteId, from: bridge, to: bridge, reason: "Pont de l'Ascension" });
  }
  await trx
    .insertInto('closures')
    .values(
      closures.map((c) => ({
        collectivity_id: collectivityId,
        site_id: c.siteId,
        activity_id: null,
        from_date: c.from,
        to_date: c.to,
        reason: c.reason,
      })),
    )
    .execute();
  const closuresOf = (siteId: string): DateSpan[] => closures.filter((c) => c.siteId === siteId);

  const activities: Partial<Record<DemoActivityKey, SeededActivity>> = {};
  for (const [position, spec] of SCHOOL_ACTIVITIES.entries()) {
    const siteId = schools[spec.school];
    activities[spec.key] = await insertActivity(
      trx,
      {
        collectivityId,
        serviceId: services[spec.service],
        siteId,
        code: DEMO_ACTIVITY_CODES[spec.key],
        name: spec.name,
        weekdays: SCHOOL_DAYS,
        schoolHolidays: 'closed',
        sessions: [],
        capacity: null,
        waitlist: false,
        bookingDeadline: spec.deadline,
        cancellationDeadline: spec.deadline,
        registrationOpensAt: null,
        paymentMode: 'postpaid',
        pricing: spec.pricing,
        maxDaysPerChildPerSession: null,
        times: spec.times,
        position,
      },
      season,
      closuresOf(siteId),
      input.calendar,
    );
  }
  const leisureDay = await insertActivity(
    trx,
    {
      collectivityId,
      serviceId: services.leisure,
      siteId: castors,
      code: DEMO_ACTIVITY_CODES.leisureDay,
      name: 'ALSH JOURNÉE',
      weekdays: [1, 2, 3, 4, 5],
      schoolHolidays: 'only',
      // Summer registrations open on 1 June at 08:00, Paris time; the other sessions are open now.
      sessions: leisureSessionsOf(schoolYear).map((session) =>
        session.to.endsWith('-08-31')
          ? { ...session, opensAt: parisInstant(`${session.to.slice(0, 4)}-06-01`, '08:00').toISOString() }
          : session,
      ),
      capacity: 24,
      waitlist: true,
      bookingDeadline: LEISURE_BOOKING_DEADLINE,
      cancellationDeadline: LEISURE_CANCELLATION_DEADLINE,
      registrationOpensAt: null,
      paymentMode: 'prepaid',
      pricing: LEISURE_DAY_PRICING,
      maxDaysPerChildPerSession: 15,
      times: { startsAt: '08:30', endsAt: '17:30' },
      position: 0,
    },
    season,
    closuresOf(castors),
    input.calendar,
  );
  const { canteenFerry, canteenTilleuls, morningFerry, eveningFerry, morningTilleuls, eveningTilleuls } = activities;
  if (!canteenFerry || !canteenTilleuls || !morningFerry || !eveningFerry || !morningTilleuls || !eveningTilleuls) {
    throw new Error('demo seed: a school activity is missing from SCHOOL_ACTIVITIES');
  }
  return {
    collectivityId,
    activities: { canteenFerry, canteenTilleuls, morningFerry, eveningFerry, morningTilleuls, eveningTilleuls, leisureDay },
  };
}

async function seedSecondTown(
  trx: Executor,
  input: { season: DateSpan; origins: string[]; portalUrl: string; calendar: SchoolCalendar },
): Promise<DemoCatalog['second']> {
  const collectivityId = await insertCollectivity(trx, {
    slug: 'saint-exemple',
    name: 'Saint-Exemple',
    zone: 'A',
    origins: input.origins,
    portalUrl: input.portalUrl,
    primaryColor: '#18753c',
  });
  const serviceId = await insertService(trx, collectivityId, {
    name: 'Restauration scolaire',
    kind: 'canteen',
    description: 'Cantine de l’école primaire, repas préparés sur place.',
    position: 0,
  });
  const siteId = await insertSite(trx, collectivityId, {
    name: 'École primaire Antoine de Saint-Exupéry',
    kind: 'school',
    address: secondTownAddress('1 place de la Mairie'),
  });
  const canteen = await insertActivity(
    trx,
    {
      collectivityId,
      serviceId,
      siteId,
      code: 'REPAS',
      name: 'REPAS',
      weekdays: SCHOOL_DAYS,
      schoolHolidays: 'closed',
      sessions: [],
      capacity: null,
      waitlist: false,
      bookingDeadline: SECOND_TOWN_CANTEEN_DEADLINE,
      cancellationDeadline: SECOND_TOWN_CANTEEN_DEADLINE,
      registrationOpensAt: null,
      paymentMode: 'postpaid',
      pricing: SECOND_TOWN_CANTEEN_PRICING,
      maxDaysPerChildPerSession: null,
      times: { startsAt: '12:00', endsAt: '13:30' },
      position: 0,
    },
    input.season,
    [],
    input.calendar,
  );
  return { collectivityId, canteen };
}

/** Inserts both towns' catalogs for the school years of `schoolYear` (see `demoSeasonAround`). */
export async function seedCatalog(
  trx: Executor,
  input: {
    today: LocalDate;
    schoolYear: SchoolYear;
    publicUrl: string;
    calendars: { demo: SchoolCalendar; second: SchoolCalendar };
  },
): Promise<DemoCatalog> {
  const season: DateSpan = { from: input.schoolYear.from, to: input.schoolYear.to };
  const origins = embeddingOrigins(input.publicUrl);
  const portalUrl = `${input.publicUrl.replace(/\/+$/, '')}/`;
  return {
    demo: await seedDemoTown(trx, {
      today: input.today,
      schoolYear: input.schoolYear,
      season,
      origins,
      portalUrl,
      calendar: input.calendars.demo,
    }),
    second: await seedSecondTown(trx, { season, origins, portalUrl, calendar: input.calendars.second }),
  };
}
