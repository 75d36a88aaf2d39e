import * as v from 'valibot';
import { CollectivityParams, LocalDate } from './common.js';
import { endpoint } from './endpoint.js';

/**
 * A period to export, both days included. A school year and its summer fit (400 days at most);
 * the answer is a CSV file streamed as it is read, never held whole in memory.
 */
export const ExportPeriod = v.strictObject({ from: LocalDate, to: LocalDate });

/** The longest period one export covers. */
export const EXPORT_MAX_DAYS = 400;

/** The media type of every export: CSV for French spreadsheets (`;`, UTF-8 with a BOM, CRLF). */
export const EXPORT_CONTENT_TYPE = 'text/csv; charset=utf-8';

/** The bookings of the period, one row each, whatever their status. No health data. */
export const exportBookings = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/admin/exports/bookings.csv',
  params: CollectivityParams,
  query: ExportPeriod,
  status: 200,
  roles: ['admin', 'agent'],
});

/** Who was expected and who came: one row per booked day or walk-in, with the roll call's mark. */
export const exportAttendance = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/admin/exports/attendance.csv',
  params: CollectivityParams,
  query: ExportPeriod,
  status: 200,
  roles: ['admin', 'agent'],
});

/** Meals per day, site and diet group: the kitchen's counts for a period. */
export const exportMealCounts = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/admin/exports/meal-counts.csv',
  params: CollectivityParams,
  query: ExportPeriod,
  status: 200,
  roles: ['admin', 'agent', 'kitchen'],
});
