import { describe, expect, it } from 'vitest';
import { dayListHealth } from './day-list-health.js';

describe('dayListHealth', () => {
  it('shows every role the allergies, and the care plan to all but the kitchen', () => {
    expect(dayListHealth('kitchen')).toEqual({ allergies: true, carePlan: false });
    for (const role of ['admin', 'agent', 'animator'] as const)
      expect(dayListHealth(role)).toEqual({ allergies: true, carePlan: true });
  });
});
