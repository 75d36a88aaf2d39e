import {
  adminAgents,
  adminAudit,
  adminBilling,
  adminBookings,
  adminCatalog,
  adminExports,
  adminFamilies,
  adminFields,
  adminImports,
  adminJoinRequests,
  adminKitchen,
  adminPayments,
  adminRequests,
  adminRollCall,
  type me,
} from '@foyer/sdk';
import { msg } from '@lit/localize';

/** An agent's role in a collectivity. */
export type AgentRole = Extract<me.Membership, { kind: 'agent' }>['role'];

/** The back office's sections, in the order of the navigation. */
export type SectionKey =
  | 'catalog'
  | 'households'
  | 'bookings'
  | 'requests'
  | 'direct-debits'
  | 'import'
  | 'agents'
  | 'join-requests'
  | 'roll-call'
  | 'kitchen'
  | 'exports'
  | 'billing'
  | 'payments'
  | 'audit';

/**
 * Who sees which section: the roles the contract admits on the route the section is for (so the
 * navigation never offers what the API would refuse). The catalog is the admins' (agents read it
 * only to enrol children). Animators take the roll call;
 * the kitchen has its meal counts.
 */
const SECTION_ROLES: Record<SectionKey, readonly AgentRole[]> = {
  catalog: adminCatalog.createActivity.roles ?? [],
  households: adminFamilies.listHouseholds.roles ?? [],
  bookings: adminBookings.listWaitlists.roles ?? [],
  requests: adminRequests.listInbox.roles ?? [],
  import: adminImports.createImport.roles ?? [],
  agents: adminAgents.listAgents.roles ?? [],
  'join-requests': adminJoinRequests.listJoinRequests.roles ?? [],
  'roll-call': adminRollCall.getRollCall.roles ?? [],
  kitchen: adminKitchen.getMealCounts.roles ?? [],
  exports: adminExports.exportMealCounts.roles ?? [],
  billing: adminBilling.listInvoices.roles ?? [],
  payments: adminPayments.listPayments.roles ?? [],
  // The roles of the direct-debit routes (`adminDirectDebit`), named here rather than read from
  // them so that the back office's first load does not carry their IBAN rules.
  'direct-debits': adminFields.ROLES.admin,
  audit: adminAudit.listAuditLog.roles ?? [],
};

export const SECTION_KEYS = Object.keys(SECTION_ROLES) as SectionKey[];

/** The sections an agent of `role` may open, in the order of the navigation. */
export function sectionsFor(role: AgentRole): SectionKey[] {
  return SECTION_KEYS.filter((key) => SECTION_ROLES[key].includes(role));
}

/** A section's name in the navigation and as the heading of its page. */
export function sectionLabel(key: SectionKey): string {
  switch (key) {
    case 'catalog':
      return msg('Catalogue');
    case 'households':
      return msg('Familles');
    case 'bookings':
      return msg('Réservations');
    case 'requests':
      return msg('Demandes');
    case 'exports':
      return msg('Exports');
    case 'direct-debits':
      return msg('Prélèvements');
    case 'import':
      return msg('Import');
    case 'agents':
      return msg('Agents');
    case 'join-requests':
      return msg("Demandes d'adhésion");
    case 'roll-call':
      return msg('Pointage');
    case 'kitchen':
      return msg('Cuisine');
    case 'audit':
      return msg("Journal d'audit");
    case 'billing':
      return msg('Facturation');
    case 'payments':
      return msg('Paiements');
  }
}

/** A role as agents read it. */
export function roleLabel(role: AgentRole): string {
  switch (role) {
    case 'admin':
      return msg('Administrateur');
    case 'agent':
      return msg('Agent');
    case 'kitchen':
      return msg('Cuisine');
    case 'animator':
      return msg('Animateur');
  }
}

/** The account's agent memberships (one per collectivity where it has a role). */
export function agentMemberships(account: me.Me | null): Extract<me.Membership, { kind: 'agent' }>[] {
  return (account?.memberships ?? []).filter((m): m is Extract<me.Membership, { kind: 'agent' }> => m.kind === 'agent');
}
