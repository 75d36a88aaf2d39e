import { Slug } from '@foyer/sdk/contract';
import * as v from 'valibot';
import type { Db } from '../../db/database.js';
import type { AddressValue } from '../../db/schema.js';
import {
  type CollectivityIdentity,
  type IdentityChange,
  identityColumns,
  identityOf,
  NO_IDENTITY,
  resolveIdentity,
} from './collectivity-identity.js';

// What an operator does to a collectivity before its agents can sign in: create it and
// register the origins of the websites that embed it. Used by the `foyer` command line.

/** A failure an operator can fix, with a stable code. */
export class CollectivityAdminError extends Error {
  constructor(
    readonly code: 'invalid_input' | 'slug_taken' | 'not_found',
    message: string,
  ) {
    super(message);
    this.name = 'CollectivityAdminError';
  }
}

const bad = (message: string) => new CollectivityAdminError('invalid_input', message);

export const NewCollectivity = v.strictObject({
  slug: Slug,
  name: v.pipe(v.string(), v.trim(), v.minLength(1, 'is required'), v.maxLength(200)),
  timeZone: v.pipe(
    v.string(),
    v.check((zone) => {
      try {
        new Intl.DateTimeFormat('fr-FR', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone such as Europe/Paris'),
  ),
  schoolHolidayZone: v.picklist(['A', 'B', 'C'], 'must be A, B or C'),
  alsaceMoselle: v.boolean(),
  portalUrl: v.optional(v.pipe(v.string(), v.url('must be a URL'))),
});

function parse<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, input, { abortPipeEarly: true });
  if (result.success) return result.output;
  const issue = result.issues[0];
  throw bad(`${v.getDotPath(issue) ?? 'input'}: ${issue.message}`);
}

export interface CollectivitySummary {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
  schoolHolidayZone: string;
  alsaceMoselle: boolean;
  origins: string[];
  /** Who issues its invoices: address, SIRET, contact, public accountant. */
  identity: CollectivityIdentity;
}

/** `change` applied to `current`, or an `invalid_input` error naming the option at fault. */
function changedIdentity(current: CollectivityIdentity, change: IdentityChange): CollectivityIdentity {
  const resolved = resolveIdentity(current, change);
  if ('problem' in resolved) throw bad(resolved.problem);
  return resolved.identity;
}

/**
 * Creates a collectivity; its slug is its address in every URL and cannot be taken twice. Its
 * identity (address, SIRET…) may be given now or later with {@link setCollectivityIdentity}.
 */
export async function createCollectivity(
  db: Db,
  input: v.InferInput<typeof NewCollectivity>,
  identity: IdentityChange = {},
): Promise<CollectivitySummary> {
  const c = parse(NewCollectivity, input);
  const issuer = changedIdentity(NO_IDENTITY, identity);
  const row = await db
    .insertInto('collectivities')
    .values({
      slug: c.slug,
      name: c.name,
      time_zone: c.timeZone,
      school_holiday_zone: c.schoolHolidayZone,
      alsace_moselle: c.alsaceMoselle,
      portal_url: c.portalUrl ?? null,
      branding: '{}',
      ...identityColumns(issuer),
    })
    .onConflict((oc) => oc.column('slug').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new CollectivityAdminError('slug_taken', `a collectivity already has the slug "${c.slug}"`);
  return summary(row);
}

function summary(row: {
  id: string;
  slug: string;
  name: string;
  time_zone: string;
  school_holiday_zone: string;
  alsace_moselle: boolean;
  embedding_origins: string[];
  postal_address: AddressValue | null;
  siret: string | null;
  service_phone: string | null;
  service_email: string | null;
  public_accountant: string | null;
}): CollectivitySummary {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    timeZone: row.time_zone,
    schoolHolidayZone: row.school_holiday_zone,
    alsaceMoselle: row.alsace_moselle,
    origins: row.embedding_origins,
    identity: identityOf(row),
  };
}

/**
 * The origin (`scheme://host[:port]`) of a website, as browsers send it in `Origin`: a path or
 * a trailing slash is refused rather than silently cut, so the operator sees what is stored.
 */
export function normaliseOrigin(input: string): string {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw bad(`"${input}" is not an origin such as https://www.ville-exemple.fr`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw bad(`"${input}": an origin is http or https`);
  if (input.replace(/\/$/, '') !== url.origin) {
    throw bad(`"${input}" is not an origin: give only scheme://host[:port], such as ${url.origin}`);
  }
  return url.origin;
}

/** The collectivity by slug, or a `not_found` error. */
export async function findCollectivity(db: Db, slug: string): Promise<CollectivitySummary> {
  const row = await db.selectFrom('collectivities').selectAll().where('slug', '=', slug).executeTakeFirst();
  if (!row) throw new CollectivityAdminError('not_found', `no collectivity has the slug "${slug}"`);
  return summary(row);
}

/** Every collectivity of this Foyer, by slug: what an operator checks a widget's `collectivity` against. */
export async function listCollectivities(db: Db): Promise<CollectivitySummary[]> {
  const rows = await db.selectFrom('collectivities').selectAll().orderBy('slug').execute();
  return rows.map(summary);
}

/** Adds or removes a website origin allowed to embed the collectivity (CORS). */
export async function changeOrigins(
  db: Db,
  slug: string,
  change: { add?: string; remove?: string },
): Promise<CollectivitySummary> {
  const current = await findCollectivity(db, slug);
  const origins = new Set(current.origins);
  if (change.add) origins.add(normaliseOrigin(change.add));
  if (change.remove) {
    const origin = normaliseOrigin(change.remove);
    if (!origins.delete(origin)) throw new CollectivityAdminError('not_found', `${origin} is not an origin of ${slug}`);
  }
  const row = await db
    .updateTable('collectivities')
    .set({ embedding_origins: [...origins].sort() })
    .where('id', '=', current.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return summary(row);
}

/** Changes what the collectivity's invoices say of their issuer: see {@link IdentityChange}. */
export async function setCollectivityIdentity(db: Db, slug: string, change: IdentityChange): Promise<CollectivitySummary> {
  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('collectivities').selectAll().where('slug', '=', slug).forUpdate().executeTakeFirst();
    if (!current) throw new CollectivityAdminError('not_found', `no collectivity has the slug "${slug}"`);
    const row = await trx
      .updateTable('collectivities')
      .set(identityColumns(changedIdentity(identityOf(current), change)))
      .where('id', '=', current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return summary(row);
  });
}
