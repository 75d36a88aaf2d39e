import type { AppDeps } from '../../deps.js';
import { type BookingStatus, eachDate, type LocalDate } from '../../domain/index.js';
import type { CollectivityContext } from '../../lib/app-env.js';
import { audit } from '../../lib/audit.js';
import { dateCell, dateTimeCell, decimalCell, textCell } from '../../lib/csv.js';
import type { Language } from '../../lib/problem-texts.js';
import { dietGroups } from '../kitchen/meal-counts.js';
import { type BookingRow, bookingRowsOfDay } from './booking-rows.js';
import { csvResponse } from './csv-response.js';
import { attendanceLabel, EXPORT_HEADERS, statusLabel, yesNo } from './export-labels.js';
import { mealCountRows, mealReadWindows } from './meal-count-rows.js';

export type ExportKind = 'bookings' | 'attendance' | 'meal-counts';

export interface ExportRequest {
  collectivity: CollectivityContext;
  agentAccountId: string;
  period: { from: LocalDate; to: LocalDate };
  language: Language;
}

function filename(kind: ExportKind, request: ExportRequest): string {
  return `${request.collectivity.slug}-${kind}-${request.period.from}-${request.period.to}.csv`;
}

/** Exports carry families' names: who took which period is written to the audit log first. */
async function auditExport(deps: AppDeps, kind: ExportKind, request: ExportRequest): Promise<void> {
  await audit(deps.db, {
    collectivityId: request.collectivity.id,
    actorAccountId: request.agentAccountId,
    action: 'export.read',
    objectType: 'export',
    objectId: kind,
    details: { ...request.period },
    at: deps.clock.now(),
  });
}

async function* mapBatches<T>(batches: AsyncIterable<T[]>, line: (row: T) => string[]): AsyncGenerator<string[][]> {
  for await (const batch of batches) yield batch.map(line);
}

/** The period's bookings, a day at a time, days without any skipped. */
async function* bookingDays(deps: AppDeps, request: ExportRequest, attendanceOnly: boolean): AsyncGenerator<BookingRow[]> {
  for (const day of eachDate(request.period.from, request.period.to)) {
    const rows = await bookingRowsOfDay(deps.db, request.collectivity.id, day, attendanceOnly);
    if (rows.length > 0) yield rows;
  }
}

/** The first cells of a booking's row in both exports: the day, where, and which child of which household. */
function whoAndWhere(row: BookingRow): string[] {
  return [
    dateCell(row.date),
    textCell(row.site_name),
    textCell(row.activity_code),
    textCell(row.activity_name),
    textCell(row.household_name),
    textCell(row.last_name),
    textCell(row.first_name),
  ];
}

/** Every booking of the period, whatever its status, with its price. */
export async function exportBookings(deps: AppDeps, request: ExportRequest): Promise<Response> {
  await auditExport(deps, 'bookings', request);
  const { language } = request;
  const tz = request.collectivity.timeZone;
  return csvResponse({
    filename: filename('bookings', request),
    header: EXPORT_HEADERS.bookings[language],
    logger: deps.logger,
    lines: mapBatches(bookingDays(deps, request, false), (row) => [
      ...whoAndWhere(row),
      statusLabel(row.status as BookingStatus, language),
      decimalCell(row.price_cents),
      dateTimeCell(row.created_at, tz),
      dateTimeCell(row.updated_at, tz),
    ]),
  });
}

/**
 * Who was expected and who came. The absence's reason stays out: what a family wrote about an
 * absence may be about the child's health, which exports never carry.
 */
export async function exportAttendance(deps: AppDeps, request: ExportRequest): Promise<Response> {
  await auditExport(deps, 'attendance', request);
  const { language } = request;
  const tz = request.collectivity.timeZone;
  return csvResponse({
    filename: filename('attendance', request),
    header: EXPORT_HEADERS.attendance[language],
    logger: deps.logger,
    lines: mapBatches(bookingDays(deps, request, true), (row) => [
      ...whoAndWhere(row),
      attendanceLabel(row.attendance, language),
      yesNo(row.walk_in, language),
      dateTimeCell(row.attendance_recorded_at, tz),
    ]),
  });
}

/** Meals per day and site, one column per diet group of the town, as the kitchen counts them. */
export async function exportMealCounts(deps: AppDeps, request: ExportRequest): Promise<Response> {
  await auditExport(deps, 'meal-counts', request);
  const labels = EXPORT_HEADERS.mealCounts[request.language];
  const groups = await dietGroups(deps.db, request.collectivity.id);
  const now = deps.clock.now();
  async function* lines(): AsyncGenerator<string[][]> {
    for (const window of mealReadWindows(request.period.from, request.period.to)) {
      const rows = await mealCountRows(deps.db, request.collectivity.id, window.from, window.to, now);
      const days = new Map<string, { date: string; site: string; byGroup: Map<string | null, number> }>();
      for (const row of rows) {
        const key = `${row.date}|${row.site_id}`;
        const day = days.get(key) ?? { date: row.date, site: row.site_name, byGroup: new Map() };
        day.byGroup.set(row.diet_group_id, Number(row.meals));
        days.set(key, day);
      }
      if (days.size === 0) continue;
      yield [...days.values()].map((day) => {
        const total = [...day.byGroup.values()].reduce((a, b) => a + b, 0);
        return [
          dateCell(day.date),
          textCell(day.site),
          String(total),
          ...groups.map((g) => String(day.byGroup.get(g.id) ?? 0)),
          String(day.byGroup.get(null) ?? 0),
        ];
      });
    }
  }
  return csvResponse({
    filename: filename('meal-counts', request),
    header: [...labels.fixed, ...groups.map((g) => textCell(g.name)), labels.noGroup],
    logger: deps.logger,
    lines: lines(),
  });
}
