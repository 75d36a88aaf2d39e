import { describe, expect, it } from 'vitest';
import { decideMark, rollCallShowsHealth } from './roll-call.js';

describe('decideMark', () => {
  it('records a first mark and a correction made on the version the agent saw', () => {
    expect(decideMark({ attendance: null, version: 0 }, 'present', 0)).toEqual({
      kind: 'record',
      attendance: 'present',
      version: 1,
    });
    expect(decideMark({ attendance: 'present', version: 1 }, 'absent_unjustified', 1)).toEqual({
      kind: 'record',
      attendance: 'absent_unjustified',
      version: 2,
    });
  });
  it('reports a conflict when someone else marked the child since, never an overwrite', () => {
    expect(decideMark({ attendance: 'absent_unjustified', version: 2 }, 'present', 1)).toEqual({
      kind: 'conflict',
      current: { attendance: 'absent_unjustified', version: 2 },
    });
  });
  it('takes the same mark as the stored one as agreement, whatever the version seen', () => {
    expect(decideMark({ attendance: 'present', version: 3 }, 'present', 0)).toEqual({
      kind: 'unchanged',
      attendance: 'present',
      version: 3,
    });
  });
});

describe('rollCallShowsHealth', () => {
  it('shows allergies and care plans to animators and admins only', () => {
    expect(['admin', 'agent', 'kitchen', 'animator'].filter((r) => rollCallShowsHealth(r as 'admin'))).toEqual([
      'admin',
      'animator',
    ]);
  });
});
