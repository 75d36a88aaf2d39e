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
