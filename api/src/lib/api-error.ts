import type { ErrorCode } from '@foyer/sdk/contract';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { LocalText } from './problem-texts.js';

export interface FieldError {
  path: string;
  message: string;
}

/**
 * The one error the API throws on purpose. `code` is stable and documented; `detail` is for
 * people: a `LocalText` in French and English, or one English sentence (French readers then get
 * the code's French text, see `problem-texts.ts`); the `cause` is logged and never sent.
 */
export class ApiError extends HTTPException {
  readonly code: ErrorCode;
  readonly detail: string | LocalText;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string>;
  /** Members added to the problem body (RFC 9457 extensions), e.g. the dates that were refused. */
  readonly extra: Record<string, unknown> | undefined;

  constructor(
    status: ContentfulStatusCode,
    code: ErrorCode,
    detail: string | LocalText,
    options: { errors?: FieldError[]; cause?: unknown; headers?: Record<string, string>; extra?: Record<string, unknown> } = {},
  ) {
    super(status, { message: typeof detail === 'string' ? detail : detail.en, cause: options.cause });
    this.name = 'ApiError';
    this.code = code;
    this.detail = detail;
    this.errors = options.errors;
    this.headers = options.headers ?? {};
    this.extra = options.extra;
  }
}

export const notFound = (what = 'resource') => new ApiError(404, 'not_found', `No such ${what}.`);
export const forbidden = (detail = 'You are not allowed to do this.') => new ApiError(403, 'forbidden', detail);
export const unauthenticated = (detail = 'Sign in to continue.') => new ApiError(401, 'unauthenticated', detail);
