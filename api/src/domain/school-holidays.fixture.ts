/**
 * TEST FIXTURE, not shipped data: the mainland holidays of 2025-2026, 2026-2027 and 2027-2028
 * (zones A, B and C, as in api/data/calendrier-scolaire.csv) as a plain value, so that the pure rules can be
 * tested without a database. The comments quote the official "fin des cours → reprise".
 */
import { type SchoolCalendar, type SchoolZone, schoolCalendarOf } from './school-holidays.js';

type MainlandZone = 'A' | 'B' | 'C';
interface ZonedPeriod {
  schoolYear: string;
  name: string;
  zones: readonly MainlandZone[];
  from: string;
  to: string;
}

const ALL: readonly MainlandZone[] = ['A', 'B', 'C'];
const TOUSSAINT = 'Vacances de la Toussaint';
const NOEL = 'Vacances de Noël';
const HIVER = "Vacances d'hiver";
const PRINTEMPS = 'Vacances de printemps';
const ASCENSION = "Pont de l'Ascension";
const ETE = "Vacances d'été";

function period(schoolYear: string, name: string, zones: readonly MainlandZone[], from: string, to: string): ZonedPeriod {
  return { schoolYear, name, zones, from, to };
}

const PERIODS: readonly ZonedPeriod[] = [
  // 2025-2026 — rentrée lundi 1er septembre 2025.
  period('2025-2026', TOUSSAINT, ALL, '2025-10-19', '2025-11-02'), // sam. 18/10/2025 → lun. 03/11/2025
  period('2025-2026', NOEL, ALL, '2025-12-21', '2026-01-04'), // sam. 20/12/2025 → lun. 05/01/2026
  period('2025-2026', HIVER, ['A'], '2026-02-08', '2026-02-22'), // sam. 07/02 → lun. 23/02/2026
  period('2025-2026', HIVER, ['B'], '2026-02-15', '2026-03-01'), // sam. 14/02 → lun. 02/03/2026
  period('2025-2026', HIVER, ['C'], '2026-02-22', '2026-03-08'), // sam. 21/02 → lun. 09/03/2026
  period('2025-2026', PRINTEMPS, ['A'], '2026-04-05', '2026-04-19'), // sam. 04/04 → lun. 20/04/2026
  period('2025-2026', PRINTEMPS, ['B'], '2026-04-12', '2026-04-26'), // sam. 11/04 → lun. 27/04/2026
  period('2025-2026', PRINTEMPS, ['C'], '2026-04-19', '2026-05-03'), // sam. 18/04 → lun. 04/05/2026
  period('2025-2026', ASCENSION, ALL, '2026-05-14', '2026-05-17'), // mer. 13/05 → lun. 18/05/2026
  period('2025-2026', ETE, ALL, '2026-07-05', '2026-08-31'), // sam. 04/07 → mar. 01/09/2026

  // 2026-2027 — rentrée mardi 1er septembre 2026.
  period('2026-2027', TOUSSAINT, ALL, '2026-10-18', '2026-11-01'), // sam. 17/10/2026 → lun. 02/11/2026
  period('2026-2027', NOEL, ALL, '2026-12-20', '2027-01-03'), // sam. 19/12/2026 → lun. 04/01/2027
  period('2026-2027', HIVER, ['C'], '2027-02-07', '2027-02-21'), // sam. 06/02 → lun. 22/02/2027
  period('2026-2027', HIVER, ['A'], '2027-02-14', '2027-02-28'), // sam. 13/02 → lun. 01/03/2027
  period('2026-2027', HIVER, ['B'], '2027-02-21', '2027-03-07'), // sam. 20/02 → lun. 08/03/2027
  period('2026-2027', PRINTEMPS, ['C'], '2027-04-04', '2027-04-18'), // sam. 03/04 → lun. 19/04/2027
  period('2026-2027', PRINTEMPS, ['A'], '2027-04-11', '2027-04-25'), // sam. 10/04 → lun. 26/04/2027
  period('2026-2027', PRINTEMPS, ['B'], '2027-04-18', '2027-05-02'), // sam. 17/04 → lun. 03/05/2027
  period('2026-2027', ASCENSION, ALL, '2027-05-06', '2027-05-09'), // mer. 05/05 → lun. 10/05/2027
  period('2026-2027', ETE, ALL, '2027-07-04', '2027-09-01'), // sam. 03/07 → jeu. 02/09/2027

  // 2027-2028 — rentrée jeudi 2 septembre 2027; arrêté du 21 juillet 2026.
  period('2027-2028', TOUSSAINT, ALL, '2027-10-24', '2027-11-07'), // sam. 23/10/2027 → lun. 08/11/2027
  period('2027-2028', NOEL, ALL, '2027-12-19', '2028-01-02'), // sam. 18/12/2027 → lun. 03/01/2028
  period('2027-2028', HIVER, ['B'], '2028-02-06', '2028-02-20'), // sam. 05/02 → lun. 21/02/2028
  period('2027-2028', HIVER, ['C'], '2028-02-13', '2028-02-27'), // sam. 12/02 → lun. 28/02/2028
  period('2027-2028', HIVER, ['A'], '2028-02-20', '2028-03-05'), // sam. 19/02 → lun. 06/03/2028
  period('2027-2028', PRINTEMPS, ['B'], '2028-04-09', '2028-04-23'), // sam. 08/04 → lun. 24/04/2028
  period('2027-2028', PRINTEMPS, ['C'], '2028-04-16', '2028-05-01'), // sam. 15/04 → mar. 02/05/2028
  period('2027-2028', PRINTEMPS, ['A'], '2028-04-23', '2028-05-08'), // sam. 22/04 → mar. 09/05/2028
  period('2027-2028', ASCENSION, ALL, '2028-05-25', '2028-05-28'), // mer. 24/05 → lun. 29/05/2028
  // Starts after classes on mar. 04/07/2028; the rentrée 2028 is not published: cut at 31 August.
  period('2027-2028', ETE, ALL, '2028-07-05', '2028-08-31'),
];

/** The fixture calendar of a mainland zone (2025-09-01…2028-08-31); any other zone is unknown. */
export function fixtureCalendar(zone: SchoolZone): SchoolCalendar {
  const periods = PERIODS.filter((p) => (p.zones as readonly string[]).includes(zone)).map(({ zones: _zones, ...p }) => p);
  return schoolCalendarOf(periods, periods.length > 0 ? ['2025-2026', '2026-2027', '2027-2028'] : []);
}
