import * as v from 'valibot';
import { AddressField, DateField, InstantField, Int, OptionalText, QueryFlag, ROLES, Text, TimeField } from './admin-fields.js';
import { DeadlineRule } from './catalog.js';
import { CollectivityParams, Id, Instant, LocalDate } from './common.js';
import { endpoint } from './endpoint.js';

// The catalog of a collectivity: services (canteen, after-school care…), sites (schools,
// leisure centres), activities (what a child is enrolled in and booked for) and closures.
// Agents read it (to enrol children); only admins change it. Nothing that bookings refer to is
// ever deleted: it is archived (`archived: true`) and disappears from families' screens.

const IdParams = v.strictObject({ c: CollectivityParams.entries.c, id: Id });

export const ServiceKind = v.picklist(['canteen', 'childcare', 'leisure', 'other'], 'le type de service est inconnu');
export const SiteKind = v.picklist(['school', 'leisure_centre', 'other'], 'le type de site est inconnu');

/** A service as the back office shows it. */
export const AdminService = v.object({
  id: Id,
  name: v.string(),
  kind: v.string(),
  description: v.nullable(v.string()),
  position: v.number(),
  archived: v.boolean(),
});
export type AdminService = v.InferOutput<typeof AdminService>;

export const ServiceInput = v.strictObject({
  name: Text('le nom du service'),
  kind: ServiceKind,
  description: OptionalText('la description', 2000),
  position: v.optional(Int("l'ordre d'affichage", 0, 10_000)),
});
export const ServicePatch = v.strictObject({
  ...v.partial(ServiceInput).entries,
  archived: v.optional(v.boolean()),
});

/** A site (school, leisure centre) where activities take place. */
export const AdminSite = v.object({
  id: Id,
  name: v.string(),
  kind: v.string(),
  address: v.nullable(v.object({ line1: v.string(), line2: v.optional(v.string()), postalCode: v.string(), city: v.string() })),
  archived: v.boolean(),
});
export type AdminSite = v.InferOutput<typeof AdminSite>;

export const SiteInput = v.strictObject({
  name: Text('le nom du site'),
  kind: SiteKind,
  address: v.optional(v.nullable(AddressField)),
});
export const SitePatch = v.strictObject({ ...v.partial(SiteInput).entries, archived: v.optional(v.boolean()) });

/** When a booking (or a cancellation) must be made at the latest, as in `domain/deadlines.ts`. */
export const DeadlineInput = v.variant(
  'kind',
  [
    v.strictObject({
      kind: v.literal('calendar_days'),
      days: Int('le nombre de jours', 0, 60),
      time: TimeField("l'heure limite"),
    }),
    v.strictObject({
      kind: v.literal('working_days'),
      days: Int('le nombre de jours ouvrés', 0, 30),
      time: TimeField("l'heure limite"),
    }),
    v.strictObject({
      kind: v.literal('previous_week'),
      weekday: Int('le jour de la semaine précédente', 1, 7),
      time: TimeField("l'heure limite"),
    }),
    v.strictObject({ kind: v.literal('none') }),
  ],
  'le type de délai doit être calendar_days, working_days, previous_week ou none',
);
export type DeadlineInput = v.InferOutput<typeof DeadlineInput>;

/**
 * The price of a day by family quotient: tiers by increasing `maxQuotient`, the last without
 * bound (`null`), and an optional rate for households living outside the collectivity.
 */
export const PricingInput = v.strictObject({
  tiers: v.pipe(
    v.array(
      v.strictObject({
        maxQuotient: v.nullable(Int('le quotient maximum de la tranche', 0, 100_000)),
        amountCents: Int('le prix de la tranche (en centimes)', 0, 1_000_000),
      }),
    ),
    v.minLength(1, 'les tarifs doivent avoir au moins une tranche'),
    v.maxLength(20, 'les tarifs ont au plus 20 tranches'),
  ),
  nonResidentAmountCents: v.optional(v.nullable(Int('le prix hors commune (en centimes)', 0, 1_000_000))),
});
export type PricingInput = v.InferOutput<typeof PricingInput>;

/** A holiday session of a leisure centre, with when its bookings open. */
export const SessionInput = v.strictObject({
  name: Text('le nom de la session', 100),
  from: DateField('le début de la session'),
  to: DateField('la fin de la session'),
  opensAt: v.optional(InstantField("l'ouverture des inscriptions de la session")),
});

const Weekdays = v.pipe(
  v.array(Int('le jour de la semaine (1 = lundi … 7 = dimanche)', 1, 7)),
  v.minLength(1, 'choisissez au moins un jour de la semaine'),
  v.maxLength(7),
);

const activityFields = {
  serviceId: v.pipe(v.string('le service est obligatoire'), v.uuid('le service est inconnu')),
  siteId: v.pipe(v.string('le site est obligatoire'), v.uuid('le site est inconnu')),
  code: v.pipe(
    v.string('le code est obligatoire'),
    v.trim(),
    v.regex(/^[A-Za-z0-9_-]{1,30}$/, 'le code a 1 à 30 lettres, chiffres, tirets ou soulignés'),
  ),
  name: Text("le nom de l'activité"),
  weekdays: Weekdays,
  schoolHolidays: v.optional(v.picklist(['closed', 'open', 'only'], 'les vacances scolaires : closed, open ou only')),
  seasonFrom: DateField('le début de saison'),
  seasonTo: DateField('la fin de saison'),
  capacity: v.optional(v.nullable(Int('la capacité', 1, 100_000))),
  waitlist: v.optional(v.boolean('la liste d’attente est oui ou non')),
  bookingDeadline: DeadlineInput,
  cancellationDeadline: DeadlineInput,
  registrationOpensAt: v.optional(v.nullable(InstantField("l'ouverture des inscriptions"))),
  registrationClosesAt: v.optional(v.nullable(InstantField('la clôture des inscriptions'))),
  sessions: v.optional(v.pipe(v.array(SessionInput), v.maxLength(50))),
  maxDaysPerChildPerSession: v.optional(v.nullable(Int('le plafond de jours par session', 1, 366))),
  paymentMode: v.picklist(['prepaid', 'postpaid'], 'le mode de paiement doit être prepaid ou postpaid'),
  pricing: PricingInput,
  holdMinutes: v.optional(Int('la durée de réservation avant paiement (minutes)', 1, 1440)),
  refundOnCancel: v.optional(v.boolean()),
  /** The price of a day when the child comes without booking (billed monthly); null: not billed. */
  walkInSurchargeCents: v.optional(v.nullable(Int('la majoration sans réservation (centimes)', 0, 100_000))),
  /**
   * The daily times, `HH:MM` on the collectivity's wall clock: both or neither, the end after the
   * start (checked with the activity's other cross-field rules). Without them a day is a whole day.
   */
  startsAt: v.optional(v.nullable(TimeField("l'heure de début"))),
  endsAt: v.optional(v.nullable(TimeField("l'heure de fin"))),
  position: v.optional(Int("l'ordre d'affichage", 0, 10_000)),
};

export const ActivityInput = v.strictObject(activityFields);
export type ActivityInput = v.InferOutput<typeof ActivityInput>;
export const ActivityPatch = v.strictObject({
  ...v.partial(v.object(activityFields)).entries,
  archived: v.optional(v.boolean()),
});
export type ActivityPatch = v.InferOutput<typeof ActivityPatch>;

/** An activity with every rule an admin sets. */
export const AdminActivity = v.object({
  id: Id,
  serviceId: Id,
  siteId: Id,
  code: v.string(),
  name: v.string(),
  weekdays: v.array(v.number()),
  schoolHolidays: v.picklist(['closed', 'open', 'only']),
  seasonFrom: LocalDate,
  seasonTo: LocalDate,
  capacity: v.nullable(v.number()),
  waitlist: v.boolean(),
  bookingDeadline: DeadlineRule,
  cancellationDeadline: DeadlineRule,
  registrationOpensAt: v.nullable(Instant),
  registrationClosesAt: v.nullable(Instant),
  sessions: v.array(v.object({ name: v.string(), from: LocalDate, to: LocalDate, opensAt: v.optional(Instant) })),
  maxDaysPerChildPerSession: v.nullable(v.number()),
  paymentMode: v.picklist(['prepaid', 'postpaid']),
  pricing: v.object({
    tiers: v.array(v.object({ maxQuotient: v.nullable(v.number()), amountCents: v.number() })),
    nonResidentAmountCents: v.nullable(v.number()),
  }),
  holdMinutes: v.number(),
  refundOnCancel: v.boolean(),
  walkInSurchargeCents: v.nullable(v.number()),
  /** `HH:MM`, both or neither. */
  startsAt: v.nullable(v.string()),
  endsAt: v.nullable(v.string()),
  position: v.number(),
  archived: v.boolean(),
});
export type AdminActivity = v.InferOutput<typeof AdminActivity>;

/** A closure: the whole collectivity (no site, no activity), a site, or one activity. */
export const AdminClosure = v.object({
  id: Id,
  siteId: v.nullable(Id),
  activityId: v.nullable(Id),
  from: LocalDate,
  to: LocalDate,
  reason: v.string(),
});
export type AdminClosure = v.InferOutput<typeof AdminClosure>;

export const ClosureInput = v.strictObject({
  siteId: v.optional(v.nullable(v.pipe(v.string(), v.uuid('le site est inconnu')))),
  activityId: v.optional(v.nullable(v.pipe(v.string(), v.uuid("l'activité est inconnue")))),
  from: DateField('le premier jour de fermeture'),
  to: DateField('le dernier jour de fermeture'),
  reason: Text('le motif', 200),
});
export const ClosurePatch = v.strictObject(v.partial(ClosureInput).entries);

const ListQuery = v.strictObject({ includeArchived: QueryFlag });

export const listServices = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/admin/services',
  params: CollectivityParams,
  query: ListQuery,
  response: v.object({ services: v.array(AdminService) }),
  roles: ROLES.office,
});
export const createService = endpoint({
  method: 'POST',
  path: '/v1/collectivities/:c/admin/services',
  params: CollectivityParams,
  body: ServiceInput,
  response: AdminService,
  status: 201,
  roles: ROLES.admin,
});
export const updateService = endpoint({
  method: 'PATCH',
  path: '/v1/collectivities/:c/admin/services/:id',
  params: IdParams,
  body: ServicePatch,
  response: AdminService,
  roles: ROLES.admin,
});

export const listSites = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/admin/sites',
  params: CollectivityParams,
  query: ListQuery,
  response: v.object({ sites: v.array(AdminSite) }),
  roles: ROLES.office,
});
export const createSite = endpoint({
  method: 'POST',
  path: '/v1/collectivities/:c/admin/sites',
  params: CollectivityParams,
  body: SiteInput,
  response: AdminSite,
  status: 201,
  roles: ROLES.admin,
});
export const updateSite = endpoint({
  method: 'PATCH',
  path: '/v1/collectivities/:c/admin/sites/:id',
  params: IdParams,
  body: SitePatch,
  response: AdminSite,
  roles: ROLES.admin,
});

export const listActivities = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/admin/activities',
  params: CollectivityParams,
  query: v.strictObject({ includeArchived: QueryFlag, service: v.optional(Id), site: v.optional(Id) }),
  response: v.object({ activities: v.array(AdminActivity) }),
  roles: ROLES.office,
});
export const getActivity = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/admin/activities/:id',
  params: IdParams,
  response: AdminActivity,
  roles: ROLES.office,
});
export const createActivity = endpoint({
  method: 'POST',
  path: '/v1/collectivities/:c/admin/activities',
  params: CollectivityParams,
  body: ActivityInput,
  response: AdminActivity,
  status: 201,
  roles: ROLES.admin,
});
export const updateActivity = endpoint({
  method: 'PATCH',
  path: '/v1/collectivities/:c/admin/activities/:id',
  params: IdParams,
  body: ActivityPatch,
  response: AdminActivity,
  roles: ROLES.admin,
});

export const listClosures = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/admin/closures',
  params: CollectivityParams,
  query: v.strictObject({ from: v.optional(LocalDate), to: v.optional(LocalDate) }),
  response: v.object({ closures: v.array(AdminClosure) }),
  roles: ROLES.office,
});
export const createClosure = endpoint({
  method: 'POST',
  path: '/v1/collectivities/:c/admin/closures',
  params: CollectivityParams,
  body: ClosureInput,
  response: AdminClosure,
  status: 201,
  roles: ROLES.admin,
});
export const updateClosure = endpoint({
  method: 'PATCH',
  path: '/v1/collectivities/:c/admin/closures/:id',
  params: IdParams,
  body: ClosurePatch,
  response: AdminClosure,
  roles: ROLES.admin,
});
/** A closure is not referred to by bookings: removing it reopens its days. */
export const deleteClosure = endpoint({
  method: 'DELETE',
  path: '/v1/collectivities/:c/admin/closures/:id',
  params: IdParams,
  roles: ROLES.admin,
});
