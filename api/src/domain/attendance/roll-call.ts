/**
 * The roll call's rules: which marks an agent may make on a child's day, what a mark made on a
 * version of the day the agent no longer sees means, and who may see the children's health
 * marks. Pure: plain values in, a decision out.
 */
import type { Attendance } from '../booking/status.js';
import type { AgentRole } from './site-access.js';

/**
 * Every change of attendance an agent may make while taking the roll call, and why. Sibling of
 * `ATTENDANCE_TRANSITIONS` (which records a mark once, then only justifies an absence): at the
 * roll call "all present" comes first and the exceptions correct it, so a mark may be corrected
 * to any other; the version (see `decideMark`) is what keeps two agents from overwriting each
 * other silently.
 */
export const ROLL_CALL_TRANSITIONS = {
  none: { present: 'marked present', absent_justified: 'marked absent with a reason', absent_unjustified: 'marked absent' },
  present: { absent_justified: 'corrected: absent with a reason', absent_unjustified: 'corrected: absent' },
  absent_unjustified: { present: 'corrected: the child came', absent_justified: 'a reason came' },
  absent_justified: { present: 'corrected: the child came', absent_unjustified: 'corrected: the reason does not hold' },
} as const satisfies Record<Attendance | 'none', Partial<Record<Attendance, string>>>;

/** The day's attendance as stored: the mark (null: none yet) and its version (0: never marked). */
export interface RecordedAttendance {
  attendance: Attendance | null;
  version: number;
}

/** What to do with a mark: write it, answer that it is already so, or report a conflict. */
export type MarkDecision =
  | { kind: 'record'; attendance: Attendance; version: number }
  | { kind: 'unchanged'; attendance: Attendance; version: number }
  | { kind: 'conflict'; current: RecordedAttendance };

/**
 * Decides a mark made by an agent who saw the day at `seenVersion`. The same mark as the
 * stored one changes nothing (two agents agreeing is no conflict); a different mark on a day
 * someone else marked since the agent looked is a conflict the agent must see, never an
 * overwrite.
 */
export function decideMark(current: RecordedAttendance, to: Attendance, seenVersion: number): MarkDecision {
  if (current.attendance === to) return { kind: 'unchanged', attendance: to, version: current.version };
  if (current.version !== seenVersion) return { kind: 'conflict', current };
  const allowed: Partial<Record<Attendance, string>> = ROLL_CALL_TRANSITIONS[current.attendance ?? 'none'];
  if (allowed[to] === undefined) return { kind: 'conflict', current };
  return { kind: 'record', attendance: to, version: current.version + 1 };
}

/** Whether a child who came without booking is added by this mark: only a presence adds one. */
export function addsWalkIn(to: Attendance): boolean {
  return to === 'present';
}

/**
 * Whether a role sees the children's allergies and care plans (PAI) on the roll call: the
 * animators who look after the children and the admins. The agents who keep the families'
 * files take the roll call without them (they need the names, not the health data), and the
 * kitchen has no roll call: it sees allergies in the meal counts only.
 */
export function rollCallShowsHealth(role: AgentRole): boolean {
  return role === 'admin' || role === 'animator';
}
