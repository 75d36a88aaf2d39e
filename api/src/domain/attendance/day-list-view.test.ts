import { describe, expect, it } from 'vitest';
import { dayListView } from './day-list-view.js';

describe('dayListView', () => {
  it('shows the kitchen only the children eating, without care plans; every other role all, with them', () => {
    expect(dayListView('kitchen')).toEqual({ mealsOnly: true, carePlan: false });
    for (const role of ['admin', 'agent', 'animator'] as const)
      expect(dayListView(role)).toEqual({ mealsOnly: false, carePlan: true });
  });
});
