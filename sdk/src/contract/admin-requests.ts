import * as v from 'valibot';
import { AttachmentTypeKey } from './attachments.js';
import { CollectivityParams, Id, Instant, LocalDate, ShortText } from './common.js';
import { endpoint } from './endpoint.js';
import {
  Cursor,
  FieldKey,
  Limit,
  LongText,
  page,
  RequestCategory,
  RequestDetail,
  RequestEffect,
  RequestParams,
  RequestSummary,
  SimpleFieldType,
  Statuses,
} from './requests.js';

/**
 * The agents' side of requests ("demandes"): the categories' forms, the inbox, and what agents do
 * with a request (assign, answer, ask for information, accept or reject). Apart from
 * `requests.ts` so that the families' bundle never carries it.
 */

export const AdminRequestCategory = v.object({
  ...RequestCategory.entries,
  position: v.number(),
  archived: v.boolean(),
});

const Label = ShortText(200);

const RequestFieldInput = v.variant('type', [
  v.strictObject({ key: FieldKey, type: SimpleFieldType, label: Label, required: v.boolean() }),
  v.strictObject({
    key: FieldKey,
    type: v.literal('choice'),
    label: Label,
    required: v.boolean(),
    options: v.pipe(v.array(Label), v.minLength(1, 'needs at least one option'), v.maxLength(30)),
  }),
]);

const CategoryEntries = {
  title: Label,
  helpText: v.nullable(LongText(2000)),
  template: v.nullable(LongText(2000)),
  fields: v.pipe(v.array(RequestFieldInput), v.maxLength(20)),
  attachmentTypes: v.pipe(
    v.array(v.strictObject({ key: AttachmentTypeKey, label: Label, required: v.boolean() })),
    v.maxLength(10),
  ),
  effect: v.nullable(RequestEffect),
  position: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000)),
};

/** A new category. Keys must be unique; a category with an `effect` must have that effect's fields. */
export const CategoryBody = v.strictObject({
  ...CategoryEntries,
  helpText: v.optional(CategoryEntries.helpText, null),
  template: v.optional(CategoryEntries.template, null),
  effect: v.optional(CategoryEntries.effect, null),
  position: v.optional(CategoryEntries.position, 0),
});

/** A change to a category; `archived: true` hides it from parents (its requests stay). */
export const CategoryUpdate = v.strictObject({
  ...v.partial(v.strictObject(CategoryEntries)).entries,
  archived: v.optional(v.boolean()),
});

const AgentRef = v.object({ id: Id, name: v.string() });
const AgentEntries = { household: v.object({ id: Id, name: v.string() }), assignedTo: v.nullable(AgentRef) };

/** One request in the agents' inbox. */
export const AdminRequestSummary = v.object({
  ...RequestSummary.entries,
  ...AgentEntries,
  /** The newest message of the thread, from either side; null before the first one. */
  lastMessageAt: v.nullable(Instant),
  /**
   * True when the family wrote something the calling agent has not read: a request they never
   * opened, or a parent message since they last did. A decided request is unread only when the
   * family wrote after the decision.
   */
  unread: v.boolean(),
});
export type AdminRequestSummary = v.InferOutput<typeof AdminRequestSummary>;
export const AdminRequestDetail = v.object({ ...RequestDetail.entries, ...AgentEntries });
export type AdminRequestDetail = v.InferOutput<typeof AdminRequestDetail>;
/** An agent's text: its errors in French, as the back office's other forms say them. */
const AgentText = (label: string, max: number) => v.pipe(LongText(max), v.minLength(1, `${label} est obligatoire`));

export const AgentMessageBody = v.strictObject({ body: AgentText('la réponse', 5000) });
export const NeedsInfoBody = v.strictObject({ message: AgentText('le message', 5000) });
export const AssignBody = v.strictObject({
  /** The agent to assign; the caller when absent. */
  agentAccountId: v.optional(Id),
});
export const DecisionBody = v.variant('decision', [
  v.strictObject({ decision: v.literal('accept'), reason: v.optional(LongText(2000)) }),
  v.strictObject({
    decision: v.literal('reject'),
    reason: AgentText('le motif du refus', 2000),
  }),
]);

/** The agents' inbox filters; dates are local days of the collectivity, on the day the request was sent. */
export const InboxQuery = v.strictObject({
  status: v.optional(Statuses),
  category: v.optional(Id),
  /** An agent's account id, or `none` for the requests nobody has taken. */
  assignedTo: v.optional(
    v.pipe(
      v.string(),
      v.regex(
        /^(?:none|[\dA-Fa-f]{8}-[\dA-Fa-f]{4}-[\dA-Fa-f]{4}-[\dA-Fa-f]{4}-[\dA-Fa-f]{12})$/,
        'must be an account id or none',
      ),
    ),
  ),
  from: v.optional(LocalDate),
  to: v.optional(LocalDate),
  /** `newest` first (default) or `oldest` first. */
  order: v.optional(v.picklist(['newest', 'oldest'])),
  cursor: v.optional(Cursor),
  limit: v.optional(Limit),
});

export const listAdminCategories = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/admin/request-categories',
  params: CollectivityParams,
  response: v.object({ categories: v.array(AdminRequestCategory) }),
  roles: ['admin', 'agent'],
});
export const createCategory = endpoint({
  method: 'POST',
  path: '/v1/collectivities/:c/admin/request-categories',
  params: CollectivityParams,
  body: CategoryBody,
  response: AdminRequestCategory,
  status: 201,
  roles: ['admin'],
});
export const updateCategory = endpoint({
  method: 'PATCH',
  path: '/v1/collectivities/:c/admin/request-categories/:id',
  params: RequestParams,
  body: CategoryUpdate,
  response: AdminRequestCategory,
  roles: ['admin'],
});
/** A colleague a request can be assigned to: an active admin or agent, by name only. */
export const Assignee = v.object({ accountId: Id, displayName: v.string() });
export type Assignee = v.InferOutput<typeof Assignee>;

/** Who may be assigned a request, for every agent who processes them (the agents' list is the admins'). */
export const listAssignees = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/admin/request-assignees',
  params: CollectivityParams,
  response: v.object({ assignees: v.array(Assignee) }),
  roles: ['admin', 'agent'],
});
export const listInbox = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/admin/requests',
  params: CollectivityParams,
  query: InboxQuery,
  response: v.object({
    ...page(AdminRequestSummary).entries,
    /** How many requests of the collectivity are unread by the caller, whatever the filters (the inbox's badge). */
    unreadCount: v.number(),
  }),
  roles: ['admin', 'agent'],
});
export const getAdminRequest = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/admin/requests/:id',
  params: RequestParams,
  response: AdminRequestDetail,
  roles: ['admin', 'agent'],
});
export const assignRequest = endpoint({
  method: 'POST',
  path: '/v1/collectivities/:c/admin/requests/:id/assign',
  params: RequestParams,
  body: AssignBody,
  response: AdminRequestDetail,
  roles: ['admin', 'agent'],
});
export const answerRequest = endpoint({
  method: 'POST',
  path: '/v1/collectivities/:c/admin/requests/:id/messages',
  params: RequestParams,
  body: AgentMessageBody,
  response: AdminRequestDetail,
  roles: ['admin', 'agent'],
});
export const askForInformation = endpoint({
  method: 'POST',
  path: '/v1/collectivities/:c/admin/requests/:id/needs-info',
  params: RequestParams,
  body: NeedsInfoBody,
  response: AdminRequestDetail,
  roles: ['admin', 'agent'],
});
export const decideRequest = endpoint({
  method: 'POST',
  path: '/v1/collectivities/:c/admin/requests/:id/decision',
  params: RequestParams,
  body: DecisionBody,
  response: AdminRequestDetail,
  roles: ['admin', 'agent'],
});
