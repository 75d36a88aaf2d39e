import { FoyerError, FoyerNetworkError, type requests } from '@foyer/sdk';
import { msg } from '@lit/localize';
import { errorMessage } from '../shared/errors.js';
import { longDate } from '../shared/format.js';
import { intlLocale } from '../shared/locale.js';
import type { Child } from '../shared/store.js';

/** What a request's status means for the family. */
export function statusText(status: requests.RequestStatus): string {
  switch (status) {
    case 'submitted':
      return msg('Envoyée');
    case 'in_progress':
      return msg('En cours de traitement');
    case 'needs_info':
      return msg('Informations demandées');
    case 'accepted':
      return msg('Acceptée');
    case 'rejected':
      return msg('Refusée');
  }
}

/** True once an agent has accepted or rejected the request: the thread is closed. */
export const isDecided = (status: requests.RequestStatus) => status === 'accepted' || status === 'rejected';

/** "245 ko", "1,2 Mo" */
export function fileSize(bytes: number): string {
  const mega = bytes >= 1_000_000;
  return new Intl.NumberFormat(intlLocale(), {
    style: 'unit',
    unit: mega ? 'megabyte' : 'kilobyte',
    maximumFractionDigits: mega ? 1 : 0,
  }).format(mega ? bytes / 1_000_000 : Math.max(1, bytes / 1000));
}

/** An answer as the family reads it: a child's name rather than their id, a date in words. */
export function answerText(field: requests.RequestField | undefined, value: string, children: Child[]): string {
  if (field?.type === 'child') {
    const child = children.find((c) => c.id === value);
    return child ? `${child.firstName} ${child.lastName}` : value;
  }
  if (field?.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return longDate(value);
  return value;
}

/** Why a request could not be sent, above the form. */
export function sendError(error: unknown): string {
  if (error instanceof FoyerNetworkError) {
    return msg(
      "La connexion a été interrompue : votre demande est peut-être partie. Vérifiez l'historique des demandes avant de l'envoyer à nouveau.",
    );
  }
  if (error instanceof FoyerError && error.code === 'attachment_already_used') {
    return msg(
      "Ces documents ont déjà été envoyés avec une demande : vérifiez l'historique des demandes, ou joignez-les à nouveau.",
    );
  }
  return errorMessage(error);
}
