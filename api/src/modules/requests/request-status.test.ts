import { describe, expect, it } from 'vitest';
import { isDecided, nextStatus, type RequestEvent, type RequestStatus } from './request-status.js';

const STATUSES: RequestStatus[] = ['submitted', 'in_progress', 'needs_info', 'accepted', 'rejected'];
const EVENTS: RequestEvent[] = ['assign', 'agent_message', 'needs_info', 'parent_message', 'accept', 'reject'];
const OPEN = STATUSES.filter((s) => !isDecided(s));

describe('request status', () => {
  it('moves a submitted request to in_progress when an agent takes or answers it', () => {
    expect(nextStatus('submitted', 'assign', { assigned: false })).toBe('in_progress');
    expect(nextStatus('submitted', 'agent_message', { assigned: false })).toBe('in_progress');
    expect(nextStatus('needs_info', 'agent_message', { assigned: true })).toBe('needs_info');
  });

  it("gives a request waiting for information back to the agents on the family's reply", () => {
    expect(nextStatus('needs_info', 'parent_message', { assigned: true })).toBe('in_progress');
    expect(nextStatus('needs_info', 'parent_message', { assigned: false })).toBe('submitted');
    expect(nextStatus('in_progress', 'parent_message', { assigned: true })).toBe('in_progress');
  });

  it('decides any open request, and a decided one takes only messages', () => {
    for (const status of OPEN) {
      expect(nextStatus(status, 'accept', { assigned: false })).toBe('accepted');
      expect(nextStatus(status, 'reject', { assigned: true })).toBe('rejected');
      expect(nextStatus(status, 'needs_info', { assigned: true })).toBe('needs_info');
    }
    for (const status of ['accepted', 'rejected'] as const) {
      for (const event of EVENTS) {
        const next = nextStatus(status, event, { assigned: true });
        expect(next).toBe(event.endsWith('_message') ? status : null);
      }
    }
  });

  it('never leaves a decision, whatever happens after it (every sequence of 4 events)', () => {
    const sequences = (length: number): RequestEvent[][] =>
      length === 0 ? [[]] : sequences(length - 1).flatMap((s) => EVENTS.map((e) => [...s, e]));
    for (const events of sequences(4)) {
      let status: RequestStatus = 'submitted';
      let assigned = false;
      let decided: RequestStatus | null = null;
      for (const event of events) {
        const next = nextStatus(status, event, { assigned });
        if (next === null) {
          expect(decided).not.toBeNull();
          continue;
        }
        if (decided) expect(next).toBe(decided);
        if (event !== 'parent_message') assigned = true;
        status = next;
        if (isDecided(status)) decided ??= status;
      }
    }
  });
});
