import { ApiError } from './api-error.js';

/**
 * A `400 validation_failed` about one field, found past the schema (a date range, a reference
 * to another row): the same shape as the contract's own errors, so forms show it by the field.
 */
export function invalidField(path: string, message: string): ApiError {
  return new ApiError(400, 'validation_failed', `${path}: ${message}`, { errors: [{ path, message }] });
}
