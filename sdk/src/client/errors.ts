import type { ErrorCode } from '../contract/problem.js';

/** Codes the SDK itself gives, beside the API's {@link ErrorCode}s. */
export type ClientErrorCode =
  /** The API could not be reached, or the connection dropped: see {@link FoyerNetworkError}. */
  | 'network_error'
  /** The answer did not match the contract (or was not JSON): a version mismatch or a proxy page. */
  | 'invalid_response'
  /** An error status without a problem+json body, typically from a proxy. */
  | 'http_error';

/** One invalid field of a request, by its path (`body.email`), as in the contract's `FieldError`. */
type FieldError = { path: string; message: string };

/** What a {@link FoyerError} is built from: a problem+json body, or what the SDK saw. */
export interface FoyerErrorInit {
  status: number;
  code: string;
  title: string;
  detail?: string | undefined;
  type?: string | undefined;
  errors?: FieldError[] | undefined;
  requestId?: string | undefined;
  retryAfter?: number | undefined;
  problem?: Readonly<Record<string, unknown>> | undefined;
  cause?: unknown;
}

/**
 * Every failure of a Foyer call: an error answer of the API (`application/problem+json`), a
 * network failure ({@link FoyerNetworkError}) or an answer outside the contract. Branch on
 * `code`, never on `title` or `detail`, which are for people and may be reworded.
 *
 * @example
 * try {
 *   await client.auth.login({ email, password });
 * } catch (err) {
 *   if (err instanceof FoyerError && err.code === 'invalid_credentials') showWrongPassword();
 *   else if (err instanceof FoyerError && err.code === 'validation_failed') showFieldErrors(err.errors);
 *   else throw err;
 * }
 *
 * @example
 * // Members beyond the standard ones stay on `problem`, e.g. the dates a cart refused:
 * try {
 *   await client.cart.addLines({ lines });
 * } catch (err) {
 *   if (err instanceof FoyerError && err.code === 'not_bookable') showRefusedDays(err.problem?.skipped);
 *   else throw err;
 * }
 */
export class FoyerError extends Error {
  /** The HTTP status; 0 when no answer arrived. */
  readonly status: number;
  /** Stable machine-readable code. */
  readonly code: ErrorCode | ClientErrorCode | (string & {});
  /** A short summary of the problem type, for people. */
  readonly title: string;
  /** What happened in this occurrence, for people. */
  readonly detail: string;
  /** The problem type URI, `https://foyer.dev/problems/<code>` for API errors. */
  readonly type: string;
  /** The invalid fields of a `validation_failed` answer (empty otherwise). */
  readonly errors: FieldError[];
  /** The id the API gave the request: quote it to support. */
  readonly requestId: string | undefined;
  /** Seconds to wait before trying again (`429`, `503`). */
  readonly retryAfter: number | undefined;
  /**
   * The problem+json body as the API sent it, extension members included: what an error adds
   * beyond the fields above, such as the refused dates (`skipped`) of a `not_bookable`.
   * Undefined when the answer was not a problem (network failure, proxy page).
   */
  readonly problem: Readonly<Record<string, unknown>> | undefined;

  constructor(init: FoyerErrorInit) {
    super(init.detail || init.title, { cause: init.cause });
    this.name = 'FoyerError';
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail ?? '';
    this.type = init.type ?? 'about:blank';
    this.errors = init.errors ?? [];
    this.requestId = init.requestId;
    this.retryAfter = init.retryAfter;
    this.problem = init.problem;
  }
}

/**
 * The request never got an answer: offline, DNS, CORS refusal, connection reset. `status` is 0,
 * `code` is `network_error` and `cause` holds what `fetch` threw. Safe calls were already
 * retried when this surfaces.
 */
export class FoyerNetworkError extends FoyerError {
  constructor(cause: unknown) {
    super({ status: 0, code: 'network_error', title: 'Network error', detail: 'The Foyer API could not be reached.', cause });
    this.name = 'FoyerNetworkError';
  }
}

/** Seconds from a `Retry-After` header: delay-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Builds the error of a non-2xx answer from its problem+json body, or from the status alone. */
export function errorFromResponse(response: Response, body: unknown): FoyerError {
  const problem = isRecord(body) && typeof body.code === 'string' ? body : undefined;
  const errors = Array.isArray(problem?.errors)
    ? problem.errors.filter(isRecord).map((e) => ({ path: String(e.path), message: String(e.message) }))
    : undefined;
  return new FoyerError({
    status: response.status,
    code: asString(problem?.code) ?? 'http_error',
    title: asString(problem?.title) ?? (response.statusText || `HTTP ${response.status}`),
    detail: asString(problem?.detail),
    type: asString(problem?.type),
    errors,
    requestId: asString(problem?.requestId) ?? response.headers.get('x-request-id') ?? undefined,
    retryAfter:
      typeof problem?.retryAfter === 'number' ? problem.retryAfter : parseRetryAfter(response.headers.get('retry-after')),
    problem,
  });
}
