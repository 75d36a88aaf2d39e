import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type Attendance,
  type BookingStatus,
  canRecordAttendance,
  canTransition,
  ForbiddenTransition,
  transition,
} from './status.js';

const STATUSES: BookingStatus[] = [
  'booked',
  'pending_payment',
  'waitlisted',
  'cancel_requested',
  'cancelled',
  'expired',
  'refused',
];

/** Every change a booking may go through, written out: any other must be refused. */
const ALLOWED = [
  'pending_payment → booked',
  'pending_payment → expired',
  'pending_payment → refused',
  'waitlisted → booked',
  'waitlisted → pending_payment',
  'waitlisted → cancelled',
  'booked → cancelled',
  'booked → cancel_requested',
  'cancel_requested → cancelled',
  'cancel_requested → booked',
];

describe('booking status transitions', () => {
  it('allows exactly the listed changes, and refuses every other', () => {
    const allowed = STATUSES.flatMap((from) => STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from} → ${to}`));
    expect(allowed.sort()).toEqual([...ALLOWED].sort());
  });

  it('ends a cancelled, expired or refused booking for good', () => {
    for (const from of ['cancelled', 'expired', 'refused'] as const) {
      for (const to of STATUSES) expect(canTransition(from, to)).toBe(false);
    }
  });

  it('throws on a forbidden change, naming both statuses', () => {
    expect(transition('booked', 'cancelled')).toBe('cancelled');
    expect(() => transition('cancelled', 'booked')).toThrow(ForbiddenTransition);
    expect(() => transition('expired', 'booked')).toThrow('A booking cannot go from expired to booked');
  });

  it('records attendance once, and justifies an unjustified absence later', () => {
    const values: (Attendance | null)[] = [null, 'present', 'absent_justified', 'absent_unjustified'];
    const allowed = values.flatMap((from) =>
      (['present', 'absent_justified', 'absent_unjustified'] as const)
        .filter((to) => canRecordAttendance(from, to))
        .map((to) => `${from ?? 'none'} → ${to}`),
    );
    expect(allowed.sort()).toEqual(
      ['none → present', 'none → absent_justified', 'none → absent_unjustified', 'absent_unjustified → absent_justified'].sort(),
    );
  });

  it('is asked by every statement that changes a booking status in the API', async () => {
    const apiSrc = join(import.meta.dirname, '..', '..');
    const entries = await readdir(apiSrc, { withFileTypes: true, recursive: true });
    const offenders: string[] = [];
    for (const e of entries) {
      if (!e.isFile() || !e.name.endsWith('.ts') || e.name.endsWith('.test.ts')) continue;
      const file = join(e.parentPath, e.name);
      if (file.includes(join('db', 'migrations')) || file.includes(join('db', 'seed'))) continue;
      const source = await readFile(file, 'utf8');
      // Each `updateTable('bookings')` statement, up to its `.execute`.
      for (const match of source.matchAll(/updateTable\('bookings'\)[\s\S]*?\.execute/g)) {
        const statement = match[0];
        if (/\bstatus\b\s*[:,}]/.test(statement.replace(/where\([^)]*\)/g, '')) && !statement.includes('transition(')) {
          offenders.push(`${relative(apiSrc, file)}: ${statement.slice(0, 80).replace(/\s+/g, ' ')}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
