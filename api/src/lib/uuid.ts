const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether `text` is a UUID (any case): checked before an id from a path, a cursor or a token
 * reaches a `uuid` column, where PostgreSQL would refuse it with an error rather than find nothing.
 */
export function isUuid(text: string): boolean {
  return UUID.test(text);
}
