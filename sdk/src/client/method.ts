import type * as v from 'valibot';
import type { Endpoint, EndpointOutput } from '../contract/endpoint.js';
import { type Page, type PageItem, type PageList, pageList } from './pagination.js';
import type { CallOptions, RequestParts, Send } from './sender.js';

type Schema = v.GenericSchema;
type In<S> = S extends Schema ? v.InferInput<S> : undefined;
type PathParams<E extends Endpoint> = E['params'] extends Schema ? v.InferInput<E['params']> : Record<never, never>;

/** The path parameters a method takes by position: all but `c`, which the client fills. */
export type PathKey<E extends Endpoint> = Exclude<keyof PathParams<E>, 'c'> & string;

/** What a method takes after its ids: the body's input type, or the query's, or both merged. */
export type MethodParams<E extends Endpoint> = E['body'] extends Schema
  ? E['query'] extends Schema
    ? In<E['query']> & In<E['body']>
    : In<E['body']>
  : In<E['query']>;

/** `params` is required when the schema has required fields, and absent when there is nothing to send. */
type Rest<E extends Endpoint> = [MethodParams<E>] extends [undefined]
  ? [options?: CallOptions]
  : Partial<MethodParams<E>> extends MethodParams<E>
    ? [params?: MethodParams<E>, options?: CallOptions]
    : [params: MethodParams<E>, options?: CallOptions];

/**
 * What binding `E` with the id names `K` gives: `M`, or — when a path parameter other than `c`
 * is left unnamed — a type that cannot be called and says which.
 */
export type Bound<E extends Endpoint, K extends readonly PathKey<E>[], M> = [Exclude<PathKey<E>, K[number]>] extends [never]
  ? M
  : { unnamedPathParameters: Exclude<PathKey<E>, K[number]> };

type Ids<E extends Endpoint, K extends readonly PathKey<E>[]> = { [I in keyof K]: PathParams<E>[K[I]] };

/** The arguments of a method, stripe-style: `(…ids, params?, options?)`. */
export type MethodArgs<E extends Endpoint, K extends readonly PathKey<E>[]> = [...Ids<E, K>, ...Rest<E>];

/**
 * A client method bound to a contract endpoint: ids by position (in the order given to
 * `method`), then the body or query, then {@link CallOptions}; resolves to the response's
 * output type.
 */
export type Method<E extends Endpoint, K extends readonly PathKey<E>[] = []> = (
  ...args: MethodArgs<E, K>
) => Promise<EndpointOutput<E>>;

/** A method bound to a paginated endpoint (its response is a {@link Page}): see {@link PageList}. */
export type ListMethod<E extends Endpoint, K extends readonly PathKey<E>[] = []> = (
  ...args: MethodArgs<E, K>
) => PageList<PageItem<EndpointOutput<E>>>;

/** The request a paginated endpoint accepts: a `cursor` query parameter, a {@link Page} answer. */
export type PaginatedEndpoint = Endpoint & {
  query: v.GenericSchema<{ cursor?: string }>;
  response: v.GenericSchema<unknown, Page<unknown>>;
};

/** Sorts a method's arguments into path parameters, query, body and options. */
function partsOf(endpoint: Endpoint, keys: readonly string[], args: unknown[]): [RequestParts, CallOptions | undefined] {
  const params: Record<string, unknown> = {};
  keys.forEach((key, i) => {
    params[key] = args[i];
  });
  const takesParams = endpoint.body !== undefined || endpoint.query !== undefined;
  const given = takesParams ? (args[keys.length] as Record<string, unknown> | undefined) : undefined;
  const options = args[keys.length + (takesParams ? 1 : 0)] as CallOptions | undefined;
  if (!endpoint.query) return [{ params, body: given }, options];
  if (!endpoint.body) return [{ params, query: given }, options];
  // Both: the query schema's fields go to the query string, the rest to the body.
  const query: Record<string, unknown> = {};
  const body: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(given ?? {})) {
    (name in endpoint.query.entries ? query : body)[name] = value;
  }
  return [{ params, query, body }, options];
}

/**
 * Makes the factories that turn contract endpoints into client methods; a namespace method is
 * one line: `get: method(household.getChild, 'id')`.
 */
export function methodFactory(send: Send) {
  return {
    method<E extends Endpoint, const K extends readonly PathKey<E>[] = []>(endpoint: E, ...keys: K): Bound<E, K, Method<E, K>> {
      const bound: Method<E, K> = (...args) => send(endpoint, ...partsOf(endpoint, keys, args));
      return bound as Bound<E, K, Method<E, K>>;
    },
    list<E extends PaginatedEndpoint, const K extends readonly PathKey<E>[] = []>(
      endpoint: E,
      ...keys: K
    ): Bound<E, K, ListMethod<E, K>> {
      const bound: ListMethod<E, K> = (...args) => {
        const [parts, options] = partsOf(endpoint, keys, args);
        return pageList((cursor) => {
          const query = cursor === undefined ? parts.query : { ...parts.query, cursor };
          return send(endpoint, { ...parts, query }, options) as Promise<Page<PageItem<EndpointOutput<E>>>>;
        });
      };
      return bound as Bound<E, K, ListMethod<E, K>>;
    },
  };
}

export type MethodFactory = ReturnType<typeof methodFactory>;
