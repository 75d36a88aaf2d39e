import * as v from 'valibot';

/**
 * Every code the API can answer, stable and machine-readable. Clients branch on these, never on
 * `title` or `detail`, which are for people and may be reworded. The API's `ApiError` takes only
 * these, and a test checks that each one is answered somewhere and has its texts.
 */
export const ErrorCode = v.picklist([
  // The request itself.
  'bad_request',
  'validation_failed',
  'malformed_json',
  'malformed_multipart',
  'unsupported_media_type',
  'payload_too_large',
  'invalid_cursor',
  'not_found',
  // Who is asking.
  'unauthenticated',
  'token_expired',
  'forbidden',
  'invalid_credentials',
  'too_many_requests',
  'invalid_token',
  'refresh_token_reused',
  'password_too_common',
  'same_email',
  'email_taken',
  'email_is_login',
  // The state of things.
  'conflict',
  'idempotency_key_required',
  'idempotency_key_mismatch',
  'idempotency_key_in_use',
  'too_many_guardians',
  'child_missing',
  'join_request_decided',
  'join_request_pending',
  'already_member',
  'guardian_without_email',
  'guardian_active',
  'last_admin',
  'already_agent',
  // The roll call.
  'attendance_conflict',
  'not_booked',
  // Waiting lists.
  'not_waitlisted',
  'day_full',
  // Bookings and the cart (why a day cannot be booked is in the problem's reasons).
  'not_bookable',
  'cart_empty',
  'cart_too_large',
  'return_url_not_allowed',
  // Payments.
  'invalid_signature',
  // Billing.
  'month_not_over',
  'billing_anomalies',
  'invoice_not_creditable',
  'invoice_line_already_credited',
  'invoice_not_payable',
  // Requests and their documents.
  'incomplete_answers',
  'request_decided',
  'missing_attachments',
  'invalid_attachment',
  'attachment_already_used',
  'too_many_pending_attachments',
  'too_many_files',
  'file_missing',
  'empty_file',
  'file_too_large',
  'unsupported_file_type',
  'invalid_attachment_type',
  'unknown_attachment_type',
  'attachment_quota_exceeded',
  // The server.
  'service_unavailable',
  'server_busy',
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
