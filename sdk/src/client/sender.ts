import * as v from 'valibot';
import type { Endpoint, EndpointOutput } from '../contract/endpoint.js';
import { errorFromResponse, FoyerError, FoyerNetworkError, parseRetryAfter } from './errors.js';
import { type Backoff, MAX_RETRY_AFTER_MS, sleep } from './retry.js';

/** What the client calls to reach the API; `globalThis.fetch` by default. */
export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/** Per-call options, the last argument of every method. */
export interface CallOptions {
  /** The collectivity slug for `:c` in the path, instead of the client's. */
  collectivity?: string;
  /** Cancels the call, including a backoff wait; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * For endpoints that must happen once: your own key, e.g. kept across a page reload. By
   * default the SDK generates one per call and reuses it on every retry of that call. On an
   * endpoint the contract does not mark `idempotent`, the key is sent but the write is still
   * never retried: the API does not promise to recognise it.
   */
  idempotencyKey?: string;
  /** Retries of this call after a network failure, `429` or `503`, when it is safe to retry. */
  maxRetries?: number;
  /** Extra request headers. */
  headers?: Record<string, string>;
}

/** The parts of a request, as the caller's schema input types. */
export interface RequestParts {
  params?: Record<string, unknown> | undefined;
  query?: Record<string, unknown> | undefined;
  /** A JSON body, for endpoints whose contract has a body schema. */
  body?: unknown;
  /**
   * A multipart body (an upload), sent as it is instead of JSON. No Content-Type is set here:
   * `fetch` writes `multipart/form-data` with the boundary it chose.
   */
  form?: FormData | undefined;
}

/** The session side of a call: the bearer token, and its renewal when the API says it expired. */
export interface TokenSource {
  token(): Promise<string | undefined>;
  renew(stale: string): Promise<string>;
}

export interface SenderConfig {
  baseUrl: string;
  collectivity: string | undefined;
  fetch: Fetch;
  validateResponses: boolean;
  maxRetries: number;
  backoff: Backoff;
  /** The `Accept-Language` of every call, when the caller chose one. */
  language?: (() => string) | undefined;
}

/** Sends one contract call; `authenticated: false` keeps the bearer token out of it. */
export type Send = <E extends Endpoint>(
  endpoint: E,
  parts: RequestParts,
  options?: CallOptions,
  authenticated?: boolean,
) => Promise<EndpointOutput<E>>;

/**
 * Like {@link Send}, but resolves to the successful answer itself, unread: for answers that are
 * not JSON, such as a document download. Error answers still reject with a `FoyerError`.
 */
export type Exchange = (
  endpoint: Endpoint,
  parts: RequestParts,
  options?: CallOptions,
  authenticated?: boolean,
) => Promise<Response>;

/** What {@link createSender} gives: JSON calls, and raw exchanges for binary answers. */
export interface Sender {
  send: Send;
  exchange: Exchange;
}

/**
 * Methods that mean the same when repeated (RFC 9110); other writes are retried only when the
 * contract marks them `idempotent` (the API then recognises their key).
 */
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);

/**
 * Lets go of a body we will not read, so the connection can be reused. Not awaited: a body
 * shared with a clone (a caching `fetch`) only settles its cancel when every branch is cancelled.
 */
function discard(response: Response): void {
  response.body?.cancel().catch(() => {});
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/** Whether a response is the API's `503 server_busy` (nothing was done); the body stays readable. */
async function isServerBusy(response: Response): Promise<boolean> {
  if (response.status !== 503) return false;
  const problem = (await response
    .clone()
    .json()
    .catch(() => undefined)) as { code?: unknown } | undefined;
  return problem?.code === 'server_busy';
}

/**
 * The transport under every method: the URL from the contract path, JSON or multipart bodies,
 * the bearer token, retries of safe calls with backoff, the idempotency key, problem+json errors
 * and response validation.
 */
export function createSender(config: SenderConfig, tokens: TokenSource): Sender {
  const baseUrl = config.baseUrl.replace(/\/+$/, '');

  function url(endpoint: Endpoint, parts: RequestParts, options: CallOptions): string {
    const params = parts.params ?? {};
    const path = endpoint.path.replace(/:(\w+)/g, (_, name: string) => {
      const value = params[name] ?? (name === 'c' ? (options.collectivity ?? config.collectivity) : undefined);
      if (value === undefined || value === null || value === '') {
        const hint = name === 'c' ? ': set `collectivity` on the client or the call' : '';
        throw new TypeError(`${endpoint.method} ${endpoint.path} needs the path parameter "${name}"${hint}`);
      }
      return encodeURIComponent(String(value));
    });
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(parts.query ?? {})) {
      for (const item of Array.isArray(value) ? value : [value]) {
        if (item !== undefined && item !== null) search.append(name, String(item));
      }
    }
    const query = search.toString();
    return `${baseUrl}${path}${query ? `?${query}` : ''}`;
  }

  /**
   * `maxRetries` for the call's own kind; `busyRetries` for a `503 server_busy`, which the API
   * answers before doing anything (its sign-in gate is full): safe to send again, even a write.
   */
  async function fetchWithRetries(target: string, init: RequestInit, maxRetries: number, busyRetries: number): Promise<Response> {
    const signal = init.signal ?? undefined;
    for (let retry = 1; ; retry++) {
      let response: Response;
      try {
        response = await config.fetch(target, init);
      } catch (cause) {
        if (signal?.aborted) throw signal.reason;
        if (retry > maxRetries) throw new FoyerNetworkError(cause);
        await sleep(config.backoff(retry, undefined), signal);
        continue;
      }
      const allowed = retry <= maxRetries || (retry <= busyRetries && (await isServerBusy(response)));
      if ((response.status === 429 || response.status === 503) && allowed) {
        const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
        const retryAfterMs = retryAfter === undefined ? undefined : retryAfter * 1000;
        if (retryAfterMs === undefined || retryAfterMs <= MAX_RETRY_AFTER_MS) {
          discard(response);
          await sleep(config.backoff(retry, retryAfterMs), signal);
          continue;
        }
      }
      return response;
    }
  }

  async function read(endpoint: Endpoint, response: Response): Promise<unknown> {
    if (!endpoint.response) {
      discard(response);
      return undefined;
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (cause) {
      if (cause instanceof SyntaxError) throw invalidResponse(endpoint, response, 'the body is not JSON', []);
      throw new FoyerNetworkError(cause);
    }
    if (!config.validateResponses) return body;
    const result = v.safeParse(endpoint.response, body);
    if (result.success) return result.output;
    const errors = result.issues.map((issue) => ({
      path: ['response', v.getDotPath(issue)].filter(Boolean).join('.'),
      message: issue.message,
    }));
    throw invalidResponse(endpoint, response, errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
  }

  function invalidResponse(
    endpoint: Endpoint,
    response: Response,
    why: string,
    errors: { path: string; message: string }[],
  ): FoyerError {
    return new FoyerError({
      status: response.status,
      code: 'invalid_response',
      title: 'Invalid response',
      detail: `${endpoint.method} ${endpoint.path} answered outside the contract: ${why}`,
      errors,
      requestId: response.headers.get('x-request-id') ?? undefined,
    });
  }

  async function exchange(
    endpoint: Endpoint,
    parts: RequestParts,
    options: CallOptions = {},
    authenticated = true,
  ): Promise<Response> {
    const target = url(endpoint, parts, options);
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...(config.language ? { 'accept-language': config.language() } : {}),
      ...options.headers,
    };
    let body: string | FormData | undefined;
    if (parts.form) body = parts.form;
    else if (endpoint.body) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(parts.body ?? {});
    }
    // One key per call, generated before the first attempt: every retry presents the same one.
    const idempotencyKey = options.idempotencyKey ?? (endpoint.idempotent ? crypto.randomUUID() : undefined);
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    // A key makes a write safe to repeat only where the API honours it, i.e. an `idempotent` endpoint.
    const retryable = endpoint.idempotent || IDEMPOTENT_METHODS.has(endpoint.method);
    const maxRetries = retryable ? (options.maxRetries ?? config.maxRetries) : 0;
    const init = { method: endpoint.method, headers, body, signal: options.signal };

    let token = authenticated ? await tokens.token() : undefined;
    for (let renewed = false; ; renewed = true) {
      if (token) headers.authorization = `Bearer ${token}`;
      const response = await fetchWithRetries(target, init, maxRetries, options.maxRetries ?? config.maxRetries);
      if (response.ok) return response;
      const error = errorFromResponse(response, await readJson(response));
      // An access token that expired in flight is renewed (once for all parallel calls) and the call sent again.
      if (!token || renewed || error.code !== 'token_expired') throw error;
      token = await tokens.renew(token);
    }
  }

  async function send<E extends Endpoint>(
    endpoint: E,
    parts: RequestParts,
    options?: CallOptions,
    authenticated?: boolean,
  ): Promise<EndpointOutput<E>> {
    return (await read(endpoint, await exchange(endpoint, parts, options, authenticated))) as EndpointOutput<E>;
  }

  return { send, exchange };
}
