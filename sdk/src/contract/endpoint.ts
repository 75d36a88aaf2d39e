import type * as v from 'valibot';

type AnySchema = v.GenericSchema;

/**
 * The roles of a collectivity's agents: `admin` (everything, catalog and agents included),
 * `agent` (families, enrolments, requests, bookings), `kitchen` (meal counts and allergies),
 * `animator` (roll call and care plans of their sites).
 */
export const AGENT_ROLES = ['admin', 'agent', 'kitchen', 'animator'] as const;
export type AgentRole = (typeof AGENT_ROLES)[number];
type ObjectSchema = v.ObjectSchema<v.ObjectEntries, undefined> | v.StrictObjectSchema<v.ObjectEntries, undefined>;

/**
 * One HTTP route of the public contract: the API binds a handler to it and the SDK calls it,
 * both typed from the same schemas.
 */
export interface Endpoint<
  P extends ObjectSchema | undefined = ObjectSchema | undefined,
  Q extends ObjectSchema | undefined = ObjectSchema | undefined,
  B extends AnySchema | undefined = AnySchema | undefined,
  R extends AnySchema | undefined = AnySchema | undefined,
> {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  /** `undefined` for an empty answer (204). */
  readonly response: R;
  /** Success status; 200 unless said. */
  readonly status: number;
  /** Writes that must happen once take an `Idempotency-Key` header. */
  readonly idempotent: boolean;
  /**
   * The agent roles admitted, on every route of the back office (`…/admin/…`): the API refuses
   * the others with 403, and the access tests are generated from this list.
   */
  readonly roles: readonly AgentRole[] | undefined;
}

/** Declares an endpoint; absent parts are `undefined` so types stay exact. */
export function endpoint<
  P extends ObjectSchema | undefined = undefined,
  Q extends ObjectSchema | undefined = undefined,
  B extends AnySchema | undefined = undefined,
  R extends AnySchema | undefined = undefined,
>(spec: {
  method: Endpoint['method'];
  path: string;
  params?: P;
  query?: Q;
  body?: B;
  response?: R;
  status?: number;
  idempotent?: boolean;
  roles?: readonly AgentRole[];
}): Endpoint<P, Q, B, R> {
  return {
    method: spec.method,
    path: spec.path,
    params: spec.params as P,
    query: spec.query as Q,
    body: spec.body as B,
    response: spec.response as R,
    status: spec.status ?? (spec.response ? 200 : 204),
    idempotent: spec.idempotent ?? false,
    roles: spec.roles,
  };
}

/** The parsed input of an endpoint, as a handler receives it. */
export type EndpointInput<E extends Endpoint> = {
  params: E['params'] extends AnySchema ? v.InferOutput<E['params']> : Record<string, never>;
  query: E['query'] extends AnySchema ? v.InferOutput<E['query']> : Record<string, never>;
  body: E['body'] extends AnySchema ? v.InferOutput<E['body']> : undefined;
};

/** What an endpoint answers on success. */
export type EndpointOutput<E extends Endpoint> = E['response'] extends AnySchema ? v.InferOutput<E['response']> : undefined;

/** What a caller sends: the schemas' input types. */
export type EndpointRequest<E extends Endpoint> = {
  params: E['params'] extends AnySchema ? v.InferInput<E['params']> : undefined;
  query: E['query'] extends AnySchema ? v.InferInput<E['query']> : undefined;
  body: E['body'] extends AnySchema ? v.InferInput<E['body']> : undefined;
};
