import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../../db/schema.js';

/** The PostgreSQL types of an invoice line's columns, as `unnestRows` sends them (the collectivity apart). */
export const INVOICE_LINE_TYPES = {
  invoice_id: 'uuid',
  booking_id: 'uuid',
  label: 'text',
  quantity: 'int4',
  unit_cents: 'int4',
  total_cents: 'int4',
  child_id: 'uuid',
  activity_id: 'uuid',
  date: 'date',
  reason: 'text',
} as const;

/** `credited`: whether a credit note credited the invoice line `l` already (once at most, migration 0035). */
export function creditedColumn(eb: ExpressionBuilder<Database & { l: Database['invoice_lines'] }, 'l'>) {
  return eb
    .exists(
      eb
        .selectFrom('invoice_lines as c')
        .select('c.id')
        .whereRef('c.collectivity_id', '=', 'l.collectivity_id')
        .whereRef('c.credits_line_id', '=', 'l.id'),
    )
    .as('credited');
}
