import { adminExports } from '@foyer/sdk/contract';
import type { Context } from 'hono';
import type { AppDeps } from '../../deps.js';
import { epochDayOf } from '../../domain/index.js';
import { ApiError } from '../../lib/api-error.js';
import type { AppEnv } from '../../lib/app-env.js';
import { preferredLanguage } from '../../lib/problem-texts.js';
import { type Route, route } from '../../lib/route.js';
import { agentScope, requireCollectivity } from '../../lib/scope.js';
import { type ExportRequest, exportAttendance, exportBookings, exportMealCounts } from './exports.js';

const tags = ['Agent: exports'];
const produces = ['text/csv'] as const;
const FORMAT =
  'CSV for French spreadsheets: `;` between fields, UTF-8 with a byte order mark, CRLF, RFC 4180 quoting, dates `JJ/MM/AAAA`, amounts with a decimal comma; the column titles in the language of `Accept-Language` (French unless English is asked). Streamed as it is read: no `Content-Length`. Each export is written to the audit log. A period of at most 400 days.';

function exportRequest(c: Context<AppEnv>, period: { from: string; to: string }): ExportRequest {
  const days = epochDayOf(period.to) - epochDayOf(period.from);
  if (days < 0 || days >= adminExports.EXPORT_MAX_DAYS) {
    throw new ApiError(
      400,
      'validation_failed',
      `query.to: must be on or after from, at most ${adminExports.EXPORT_MAX_DAYS} days later`,
      {
        errors: [{ path: 'query.to', message: `must be on or after from, at most ${adminExports.EXPORT_MAX_DAYS} days later` }],
      },
    );
  }
  return {
    collectivity: requireCollectivity(c),
    agentAccountId: agentScope(c).accountId,
    period,
    language: preferredLanguage(c.req.header('accept-language')),
  };
}

/** The period exports of the back office: bookings, attendance, meal counts. */
export function exportRoutes(deps: AppDeps): Route[] {
  return [
    route(
      adminExports.exportBookings,
      {
        summary: 'Export the bookings of a period (CSV)',
        description: `Every booking of the period, whatever its status: day, site, activity, household, child, status, price. No health data. ${FORMAT}`,
        tags,
        access: 'agent',
        produces,
      },
      async ({ query }, c) => exportBookings(deps, exportRequest(c, query)),
    ),
    route(
      adminExports.exportAttendance,
      {
        summary: 'Export the attendance of a period (CSV)',
        description: `Each day a child was expected or came (walk-ins too), with the roll call's mark. The absences' reasons and every health field stay out. ${FORMAT}`,
        tags,
        access: 'agent',
        produces,
      },
      async ({ query }, c) => exportAttendance(deps, exportRequest(c, query)),
    ),
    route(
      adminExports.exportMealCounts,
      {
        summary: 'Export the meal counts of a period (CSV)',
        description: `Meals per day and site, as the kitchen's counts count them, one column per diet group. For the kitchen too. ${FORMAT}`,
        tags,
        access: 'agent',
        produces,
      },
      async ({ query }, c) => exportMealCounts(deps, exportRequest(c, query)),
    ),
  ];
}
