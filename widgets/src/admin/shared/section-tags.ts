import type { SectionKey } from './roles.js';

/** The element of each back-office section. */
export const SECTION_TAGS = {
  catalog: 'foyer-admin-catalog',
  households: 'foyer-admin-households',
  bookings: 'foyer-admin-bookings',
  requests: 'foyer-admin-requests',
  exports: 'foyer-admin-exports',
  'direct-debits': 'foyer-admin-direct-debits',
  import: 'foyer-admin-import',
  agents: 'foyer-admin-agents',
  'join-requests': 'foyer-admin-join-requests',
  'roll-call': 'foyer-admin-roll-call',
  kitchen: 'foyer-admin-kitchen',
  audit: 'foyer-admin-audit-log',
  billing: 'foyer-admin-billing',
  payments: 'foyer-admin-payments',
} as const satisfies Record<SectionKey, string>;
