import type { calendar } from '@foyer/sdk';
import type { TemplateResult } from 'lit';

export type CalendarActivity = calendar.Calendar['activities'][number];

/** What the grids need from the calendar element to draw themselves. */
export interface GridContext {
  activities: CalendarActivity[];
  caption: string;
  loading: boolean;
  /** One day of one activity, as a focusable button; `withNumber` adds the day's number (month view). */
  renderCell(activity: CalendarActivity, date: string, withNumber: boolean): TemplateResult;
}
