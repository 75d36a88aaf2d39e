import type { Endpoint, EndpointInput, EndpointOutput } from '@foyer/sdk/contract';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as v from 'valibot';
import { ApiError, type FieldError } from './api-error.js';
import type { AppEnv } from './app-env.js';

/**
 * Who may call a route: anyone; any signed-in account; a parent of a household in the
 * collectivity of the path; an agent of that collectivity (optionally with given roles).
 */
export type Access = 'public' | 'account' | 'parent' | 'agent';

/** The documentation and access rule of a route, beside its contract. */
export interface RouteDoc {
  summary: string;
  description?: string;
  tags: string[];
  /** `agent` on the back office's routes, whose roles are declared by the endpoint (`roles`). */
  access: Access;
  /**
   * A body that is not JSON: a `multipart/form-data` upload, its fields by name (`binary` for a
   * file, with the types accepted). Documented in OpenAPI; the handler reads it itself.
   */
  upload?: { fields: Record<string, { description: string; binary?: readonly string[]; required?: boolean }> };
  /** An answer that is not JSON (a file, a feed): its media types, for OpenAPI. */
  produces?: readonly string[];
}

export type Handler<E extends Endpoint> = (input: EndpointInput<E>, c: Context<AppEnv>) => Promise<EndpointOutput<E> | Response>;

/** A contract endpoint bound to its handler: what the app mounts and OpenAPI documents. */
export interface Route {
  endpoint: Endpoint;
  doc: RouteDoc;
  handler: Handler<Endpoint>;
}

/**
 * Binds a handler to an endpoint of the contract; the input it receives is already valid.
 * An endpoint that declares agent roles is an agent route: a doc saying otherwise is a wiring
 * bug, refused when the app is built rather than left to let another caller in.
 */
export function route<E extends Endpoint>(endpoint: E, doc: RouteDoc, handler: Handler<E>): Route {
  if ((endpoint.roles !== undefined) !== (doc.access === 'agent')) {
    throw new Error(`${endpoint.method} ${endpoint.path}: agent routes, and only they, declare roles in the contract`);
  }
  return { endpoint, doc, handler: handler as unknown as Handler<Endpoint> };
}

function fieldErrors(part: string, issues: readonly v.BaseIssue<unknown>[]): FieldError[] {
  return issues.map((issue) => {
    const path = [part, v.getDotPath(issue)].filter(Boolean).join('.');
    const message = issue.type === 'strict_object' ? 'is not a known field' : issue.message;
    return { path, message };
  });
}

function check<S extends v.GenericSchema>(schema: S, value: unknown, part: string): v.InferOutput<S> {
  const result = v.safeParse(schema, value, { abortPipeEarly: true });
  if (!result.success) {
    const errors = fieldErrors(part, result.issues);
    const first = errors[0];
    throw new ApiError(400, 'validation_failed', first ? `${first.path}: ${first.message}` : 'Invalid request.', {
      errors,
    });
  }
  return result.output;
}

async function readJson(c: Context<AppEnv>): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
    // Requiring JSON also keeps plain cross-site form posts away: they cannot send it without a preflight.
    throw new ApiError(415, 'unsupported_media_type', 'Send the body as application/json.');
  }
  const text = await c.req.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'malformed_json', 'The body is not valid JSON.');
  }
}

/**
 * The dotted path of the first string holding a NUL character (`\u0000`) or a lone UTF-16
 * surrogate, which no PostgreSQL text or jsonb value can store: refused as invalid input here
 * rather than failing in the database. Walked with a stack, so that deeply nested JSON cannot overflow the call stack.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const unstorable = (text: string) => text.includes('\u0000') || LONE_SURROGATE.test(text);

function nulPath(value: unknown, part: string): string | undefined {
  const stack: [unknown, string][] = [[value, part]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [item, path] = next;
    if (typeof item === 'string') {
      if (unstorable(item)) return path;
    } else if (item !== null && typeof item === 'object') {
      for (const [key, child] of Object.entries(item)) {
        if (unstorable(key)) return path;
        stack.push([child, `${path}.${key}`]);
      }
    }
  }
  return undefined;
}

function refuseNul(value: unknown, part: string): unknown {
  const path = nulPath(value, part);
  if (path) {
    throw new ApiError(400, 'validation_failed', `${path}: must not contain a NUL character or a lone surrogate`, {
      errors: [{ path, message: 'must not contain a NUL character or a lone surrogate' }],
    });
  }
  return value;
}

/** Validates path, query and body against the endpoint's schemas. */
export async function readInput(endpoint: Endpoint, c: Context<AppEnv>): Promise<EndpointInput<Endpoint>> {
  const params = endpoint.params ? check(endpoint.params, refuseNul(c.req.param(), 'params'), 'params') : {};
  const query = endpoint.query ? check(endpoint.query, refuseNul(c.req.query(), 'query'), 'query') : {};
  const body = endpoint.body ? check(endpoint.body, refuseNul(await readJson(c), 'body'), 'body') : undefined;
  return { params, query, body } as EndpointInput<Endpoint>;
}

/** The JSON text of each answer `writeOutput` made, for whoever keeps it (idempotency) without reading the body again. */
const jsonTexts = new WeakMap<Response, string>();

/** The exact JSON text of an answer made by {@link writeOutput}; undefined for any other response. */
export function jsonTextOf(res: Response): string | undefined {
  return jsonTexts.get(res);
}

/**
 * Turns a handler's result into the response. Outside production the answer is checked
 * against the contract, so a drift between API and SDK fails the tests.
 */
export function writeOutput(endpoint: Endpoint, c: Context<AppEnv>, result: unknown, checkContract: boolean): Response {
  if (result instanceof Response) return result;
  const status = endpoint.status as ContentfulStatusCode;
  if (!endpoint.response) return c.body(null, endpoint.status as 204);
  if (checkContract) {
    const checked = v.safeParse(endpoint.response, result);
    if (!checked.success) {
      const where = fieldErrors('response', checked.issues)
        .map((e) => `${e.path}: ${e.message}`)
        .join('; ');
      throw new Error(`${endpoint.method} ${endpoint.path} answered outside its contract: ${where}`);
    }
  }
  const text = JSON.stringify(result);
  const res = c.body(text, status, { 'Content-Type': 'application/json' });
  jsonTexts.set(res, text);
  return res;
}
