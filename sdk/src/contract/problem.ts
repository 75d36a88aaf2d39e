import * as v from 'valibot';

/**
 * Stable machine-readable error codes. Clients branch on these, never on `title` or `detail`,
 * which are for people and may be reworded.
 */
export const ErrorCode = v.picklist([
  'validation_failed',
  'malformed_json',
  'unsupported_media_type',
  'payload_too_large',
  'not_found',
  'method_not_allowed',
  'unauthenticated',
  'token_expired',
  'forbidden',
  'invalid_credentials',
  'too_many_requests',
  'invalid_token',
  'refresh_token_reused',
  'password_too_common',
  'conflict',
  'idempotency_key_required',
  'idempotency_key_mismatch',
  'service_unavailable',
  'internal_error',
]);
export type ErrorCode = v.InferOutput<typeof ErrorCode>;

/** One invalid field of a request, by its JSON pointer-like path (`body.email`). */
export const FieldError = v.object({ path: v.string(), message: v.string() });

/** An error answer, `application/problem+json` (RFC 9457). */
export const Problem = v.object({
  type: v.string(),
  title: v.string(),
  status: v.number(),
  detail: v.optional(v.string()),
  code: v.string(),
  instance: v.optional(v.string()),
  requestId: v.optional(v.string()),
  errors: v.optional(v.array(FieldError)),
  retryAfter: v.optional(v.number()),
});
export type Problem = v.InferOutput<typeof Problem>;
