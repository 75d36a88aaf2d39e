import * as v from 'valibot';
import { Attachment } from './attachments.js';
import { CollectivityParams, Id, Instant } from './common.js';
import { endpoint } from './endpoint.js';

/**
 * Requests ("demandes"): a parent writes to the collectivity in a category ("thématique") with
 * its form and documents; agents answer, ask for more, accept or reject. Accepting a category
 * with an `effect` applies the change to the family file.
 */

export const RequestStatus = v.picklist(['submitted', 'in_progress', 'needs_info', 'accepted', 'rejected']);
export type RequestStatus = v.InferOutput<typeof RequestStatus>;

/**
 * What accepting a request of the category changes: `address` sets the household's address
 * (fields `line1`, `line2`?, `postalCode`, `city`), `allergy` adds allergens to a child
 * (`child`, `allergens`, `carePlan`?, `details`?), `pickup` adds an authorised pick-up person
 * (`child`, `person`, `relationship`?, `phone`?).
 */
export const RequestEffect = v.picklist(['address', 'allergy', 'pickup']);
export type RequestEffect = v.InferOutput<typeof RequestEffect>;

/** A form field key, also the key of its answer. */
export const FieldKey = v.pipe(v.string(), v.regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/, 'must be a key (letters, digits, _)'));

/** `child` lets the parent pick one of the household's children; its answer is the child's id. */
export const SimpleFieldType = v.picklist(['text', 'textarea', 'date', 'child']);

/** One field of a category's form, as parents see it. Every answer is a string (a date is `YYYY-MM-DD`). */
export const RequestField = v.variant('type', [
  v.object({ key: v.string(), type: SimpleFieldType, label: v.string(), required: v.boolean() }),
  v.object({
    key: v.string(),
    type: v.literal('choice'),
    label: v.string(),
    required: v.boolean(),
    options: v.array(v.string()),
  }),
]);
export type RequestField = v.InferOutput<typeof RequestField>;

/** A document a category asks for; upload it with this `key` as the attachment `type`. */
export const AttachmentType = v.object({ key: v.string(), label: v.string(), required: v.boolean() });

export const RequestCategory = v.object({
  id: Id,
  title: v.string(),
  helpText: v.nullable(v.string()),
  /** A text to start the message from, e.g. "Je souhaiterais autoriser … à venir récupérer mon enfant à partir de …". */
  template: v.nullable(v.string()),
  fields: v.array(RequestField),
  attachmentTypes: v.array(AttachmentType),
  effect: v.nullable(RequestEffect),
});
export type RequestCategory = v.InferOutput<typeof RequestCategory>;

/** A free text, trimmed, of at most `max` characters (empty allowed). */
export const LongText = (max: number) => v.pipe(v.string(), v.trim(), v.maxLength(max));

export const RequestMessage = v.object({
  id: Id,
  authorKind: v.picklist(['parent', 'agent']),
  /** The author's display name; null when the account was deleted. */
  authorName: v.nullable(v.string()),
  body: v.string(),
  createdAt: Instant,
});

const ChildRef = v.object({ id: Id, firstName: v.string(), lastName: v.string() });

/** One request in a list. */
export const RequestSummary = v.object({
  id: Id,
  category: v.object({ id: Id, title: v.string(), effect: v.nullable(RequestEffect) }),
  child: v.nullable(ChildRef),
  status: RequestStatus,
  createdAt: Instant,
  updatedAt: Instant,
  decidedAt: v.nullable(Instant),
});
export type RequestSummary = v.InferOutput<typeof RequestSummary>;

/** A request with its answers, documents and thread, as its household sees it. */
export const RequestDetail = v.object({
  ...RequestSummary.entries,
  /** Answers by field key. */
  answers: v.record(v.string(), v.string()),
  body: v.nullable(v.string()),
  decisionReason: v.nullable(v.string()),
  attachments: v.array(Attachment),
  /** The thread with the agents, oldest first. */
  messages: v.array(RequestMessage),
});
export type RequestDetail = v.InferOutput<typeof RequestDetail>;

const AttachmentIds = v.pipe(
  v.array(Id),
  v.maxLength(10),
  v.check((ids) => new Set(ids).size === ids.length, 'lists an attachment twice'),
);

/** A new request: the category's answers (strings, by field key), a message and uploaded documents. */
export const NewRequestBody = v.strictObject({
  categoryId: Id,
  /** The child concerned; defaults to the answer of the category's child field. */
  childId: v.optional(Id),
  answers: v.optional(
    v.pipe(
      v.record(v.string(), v.pipe(v.string(), v.maxLength(5000))),
      v.check((answers) => Object.keys(answers).length <= 30, 'has too many answers'),
    ),
    {},
  ),
  body: v.optional(LongText(5000)),
  attachmentIds: v.optional(AttachmentIds, []),
});

const MessageText = v.pipe(v.string(), v.trim(), v.minLength(1, 'is required'), v.maxLength(5000));

/** A parent's reply; documents asked for can come with it. */
export const ParentMessageBody = v.strictObject({ body: MessageText, attachmentIds: v.optional(AttachmentIds, []) });
export const Cursor = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
export const Limit = v.pipe(
  v.string(),
  v.regex(/^\d{1,3}$/, 'must be a number'),
  v.transform(Number),
  v.minValue(1),
  v.maxValue(100),
);
/** One status or several separated by commas: `submitted,in_progress`. */
export const Statuses = v.pipe(
  v.string(),
  v.transform((s) => s.split(',')),
  v.array(RequestStatus),
);

export const RequestsQuery = v.strictObject({
  status: v.optional(Statuses),
  cursor: v.optional(Cursor),
  limit: v.optional(Limit),
});

/** A page of `item`s and the cursor of the next one. */
export const page = <T extends v.GenericSchema>(item: T) =>
  v.object({ items: v.array(item), nextCursor: v.nullable(v.string()) });

export const RequestParams = v.strictObject({ c: CollectivityParams.entries.c, id: Id });

export const listRequestCategories = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/request-categories',
  params: CollectivityParams,
  response: v.object({ categories: v.array(RequestCategory) }),
});
export const listRequests = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/requests',
  params: CollectivityParams,
  query: RequestsQuery,
  response: page(RequestSummary),
});
export const getRequest = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/requests/:id',
  params: RequestParams,
  response: RequestDetail,
});
export const createRequest = endpoint({
  method: 'POST',
  path: '/v1/collectivities/:c/requests',
  params: CollectivityParams,
  body: NewRequestBody,
  response: RequestDetail,
  status: 201,
});
export const replyToRequest = endpoint({
  method: 'POST',
  path: '/v1/collectivities/:c/requests/:id/messages',
  params: RequestParams,
  body: ParentMessageBody,
  response: RequestDetail,
});
