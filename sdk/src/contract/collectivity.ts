import * as v from 'valibot';
import { CollectivityParams, Id } from './common.js';
import { endpoint } from './endpoint.js';

/**
 * The zones of the school calendar: mainland A, B and C, Corsica, and each overseas académie,
 * which set their own calendars. The one list: the API's rules and storage use it too.
 */
export const SCHOOL_HOLIDAY_ZONES = [
  'A',
  'B',
  'C',
  'corse',
  'guadeloupe',
  'guyane',
  'martinique',
  'mayotte',
  'la-reunion',
  'nouvelle-caledonie',
  'polynesie-francaise',
  'saint-pierre-et-miquelon',
  'wallis-et-futuna',
] as const;

export const SchoolHolidayZone = v.picklist(SCHOOL_HOLIDAY_ZONES);

/** What anyone may know of a collectivity: enough for a widget to brand itself and list services. */
export const CollectivityInfo = v.object({
  slug: v.string(),
  name: v.string(),
  timeZone: v.string(),
  schoolHolidayZone: SchoolHolidayZone,
  portalUrl: v.nullable(v.string()),
  branding: v.object({ primaryColor: v.nullable(v.string()), logoUrl: v.nullable(v.string()) }),
  services: v.array(v.object({ id: Id, name: v.string(), kind: v.string() })),
});
export type CollectivityInfo = v.InferOutput<typeof CollectivityInfo>;

export const getCollectivity = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c',
  params: CollectivityParams,
  response: CollectivityInfo,
});

/** A collectivity that uses this Foyer, as anyone may list it: where a parent can ask to join. */
export const PublicCollectivity = v.object({ slug: v.string(), name: v.string() });
export type PublicCollectivity = v.InferOutput<typeof PublicCollectivity>;

/** The collectivities of this Foyer, by name: the towns a parent can ask to join. */
export const listCollectivities = endpoint({
  method: 'GET',
  path: '/v1/collectivities',
  response: v.object({ collectivities: v.array(PublicCollectivity) }),
});
