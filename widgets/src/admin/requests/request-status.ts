import type { requests } from '@foyer/sdk';
import { msg } from '@lit/localize';

/** A request's status as agents read it. */
export function statusLabel(status: requests.RequestStatus): string {
  switch (status) {
    case 'submitted':
      return msg('nouvelle');
    case 'in_progress':
      return msg('en cours');
    case 'needs_info':
      return msg('en attente de la famille');
    case 'accepted':
      return msg('acceptée');
    case 'rejected':
      return msg('refusée');
  }
}

/** The open statuses: what is left to do. */
export const OPEN_STATUSES = 'submitted,in_progress,needs_info';
