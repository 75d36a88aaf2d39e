import type { AppDeps } from '../../deps.js';
import type { Route } from '../../lib/route.js';

export function calendarRoutes(_deps: AppDeps): Route[] {
  return [];
}
