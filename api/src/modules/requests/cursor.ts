import { type Expression, type SqlBool, sql } from 'kysely';
import { ApiError } from '../../lib/api-error.js';
import { isUuid } from '../../lib/uuid.js';

/** A position in a list ordered by (created_at, id): the creation instant to the microsecond, and the id. */
export interface Keyset {
  createdAt: string;
  id: string;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** The cursor's format, and an instant the calendar has (no 13th month, no 25th hour): PostgreSQL would fail on it. */
function isRealInstant(text: string): boolean {
  if (!INSTANT.test(text)) return false;
  const parsed = new Date(text);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 19) === text.slice(0, 19);
}

function invalidCursor(): ApiError {
  return new ApiError(400, 'invalid_cursor', 'This cursor is not one the API gave: start again from the first page.', {
    errors: [{ path: 'query.cursor', message: 'is not a valid cursor' }],
  });
}

/** The opaque `nextCursor` of a position. */
export function encodeCursor(position: Keyset): string {
  return Buffer.from(JSON.stringify([position.createdAt, position.id])).toString('base64url');
}

/** The position a `cursor` query parameter names; 400 when it was not made by {@link encodeCursor}. */
export function decodeCursor(cursor: string): Keyset {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw invalidCursor();
  const [createdAt, id] = parsed;
  if (typeof createdAt !== 'string' || !isRealInstant(createdAt) || typeof id !== 'string' || !isUuid(id)) {
    throw invalidCursor();
  }
  return { createdAt, id };
}

/** The rows strictly after `position` of `r`, in the list's order. */
export function keysetAfter(position: Keyset, order: 'newest' | 'oldest'): Expression<SqlBool> {
  return order === 'newest'
    ? sql<SqlBool>`(r.created_at, r.id) < (${position.createdAt}::timestamptz, ${position.id}::uuid)`
    : sql<SqlBool>`(r.created_at, r.id) > (${position.createdAt}::timestamptz, ${position.id}::uuid)`;
}

/**
 * A page from `limit + 1` rows: the extra row only tells that there is a next page, whose cursor
 * is the position of the page's last row.
 */
export function nextCursor<T>(
  rows: T[],
  limit: number,
  positionOf: (row: T) => Keyset,
): { items: T[]; nextCursor: string | null } {
  if (rows.length <= limit) return { items: rows, nextCursor: null };
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: last === undefined ? null : encodeCursor(positionOf(last)) };
}
