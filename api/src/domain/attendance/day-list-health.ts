import type { AgentRole } from './site-access.js';

/** Which of the children's health data a role sees on the day's list. */
export interface DayListHealth {
  allergies: boolean;
  carePlan: boolean;
}

/**
 * What the day's list shows of each child's health, by role (data minimisation, GDPR art. 5):
 * the kitchen cooks for allergies and needs nothing of a care plan (PAI); the animators (for
 * their own sites, see site-access.ts), agents and admins look after the children and see both.
 */
export function dayListHealth(role: AgentRole): DayListHealth {
  return { allergies: true, carePlan: role !== 'kitchen' };
}
