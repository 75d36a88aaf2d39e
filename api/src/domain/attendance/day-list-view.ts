import type { AgentRole } from './site-access.js';

/** The kind of service whose activities are meals: what the kitchen counts and cooks for. */
export const MEAL_SERVICE_KIND = 'canteen';

/** What a role sees of the day's list. */
export interface DayListView {
  /** Only the children eating that day: the activities of meal services. */
  mealsOnly: boolean;
  /** Whether the care-plan (PAI) flag is shown; allergies are shown to every role that sees a child. */
  carePlan: boolean;
}

/**
 * What the day's list shows, by role (data minimisation, GDPR art. 5): the kitchen cooks for the
 * children eating that day, so it sees them alone, with their allergies and nothing of a care
 * plan (PAI); the animators (for their own sites, see site-access.ts), agents and admins look
 * after the children at every activity and see both.
 */
export function dayListView(role: AgentRole): DayListView {
  const kitchen = role === 'kitchen';
  return { mealsOnly: kitchen, carePlan: !kitchen };
}
