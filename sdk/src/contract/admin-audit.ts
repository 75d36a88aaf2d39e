import * as v from 'valibot';
import { DateField, IdField, ROLES } from './admin-fields.js';
import { CollectivityParams, Id, Instant } from './common.js';
import { endpoint } from './endpoint.js';

// The audit log as the town's admin and data protection officer read it: who did what, and who
// saw which child's health data (allergies, care plans, pick-up persons), when. The log itself
// is append-only: nothing in Foyer, and no query on its database role, changes or removes an entry.

const PageLimit = v.pipe(
  v.string(),
  v.regex(/^\d{1,3}$/, 'la taille de page est un nombre de 1 à 100'),
  v.transform(Number),
  v.minValue(1, 'la taille de page est un nombre de 1 à 100'),
  v.maxValue(100, 'la taille de page est un nombre de 1 à 100'),
);

export const AuditQuery = v.strictObject({
  /** Only the reads of health data (`health.read`). */
  health: v.optional(v.picklist(['true', 'false'], 'health vaut true ou false')),
  /** The entries about one child: reads of their health data, changes to their file. */
  child: v.optional(IdField("l'enfant")),
  /** The entries of one agent. */
  actor: v.optional(IdField("l'agent")),
  from: v.optional(DateField('la date de début')),
  to: v.optional(DateField('la date de fin')),
  /** Opaque: the `nextCursor` of the previous page. */
  cursor: v.optional(v.pipe(v.string(), v.maxLength(200))),
  limit: v.optional(PageLimit),
});

/** One entry, newest first; `children` names the children it concerns. */
export const AuditEntry = v.object({
  id: Id,
  at: Instant,
  actor: v.nullable(v.object({ id: Id, name: v.string(), email: v.string() })),
  action: v.string(),
  /** Whether the entry is a read of health data. */
  healthRead: v.boolean(),
  objectType: v.string(),
  objectId: v.nullable(v.string()),
  children: v.array(v.object({ id: Id, name: v.string() })),
  details: v.record(v.string(), v.unknown()),
});
export type AuditEntry = v.InferOutput<typeof AuditEntry>;

export const listAuditLog = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/admin/audit-log',
  params: CollectivityParams,
  query: AuditQuery,
  response: v.object({ items: v.array(AuditEntry), nextCursor: v.nullable(v.string()) }),
  roles: ROLES.admin,
});
export type AuditQueryOutput = v.InferOutput<typeof AuditQuery>;
