import type { requests } from '@foyer/sdk/contract';

export type RequestStatus = requests.RequestStatus;

/** What can happen to a request. */
export type RequestEvent = 'assign' | 'agent_message' | 'needs_info' | 'parent_message' | 'accept' | 'reject';

const DECIDED: ReadonlySet<RequestStatus> = new Set(['accepted', 'rejected']);

/** True once an agent accepted or rejected the request: its decision and effect are final. */
export function isDecided(status: RequestStatus): boolean {
  return DECIDED.has(status);
}

/**
 * The status after `event`, or null when the event is not allowed in `status`.
 *
 * - An agent taking the request (assigning or answering) moves it from `submitted` to `in_progress`.
 * - Asking for information moves an open request to `needs_info`; the parent's reply moves it
 *   back to `in_progress` when an agent has it, to `submitted` otherwise.
 * - Accepting or rejecting is final: a decided request takes no other decision, assignment or
 *   request for information, but both sides may still write in its thread.
 *
 * @example nextStatus('needs_info', 'parent_message', { assigned: true }) // 'in_progress'
 * @example nextStatus('accepted', 'reject', { assigned: true })           // null
 */
export function nextStatus(status: RequestStatus, event: RequestEvent, context: { assigned: boolean }): RequestStatus | null {
  if (isDecided(status)) return event === 'agent_message' || event === 'parent_message' ? status : null;
  switch (event) {
    case 'assign':
    case 'agent_message':
      return status === 'submitted' ? 'in_progress' : status;
    case 'needs_info':
      return 'needs_info';
    case 'parent_message':
      if (status !== 'needs_info') return status;
      return context.assigned ? 'in_progress' : 'submitted';
    case 'accept':
      return 'accepted';
    case 'reject':
      return 'rejected';
  }
}
