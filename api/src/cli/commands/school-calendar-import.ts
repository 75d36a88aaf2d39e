import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { migrateToLatest } from '../../db/migrate.js';
import { readSchoolCalendarFile } from '../../modules/school-calendar/dataset.js';
import { importSchoolCalendar, schoolCalendarCoverage } from '../../modules/school-calendar/store.js';
import { CliError, type Command, EXIT } from '../command.js';

const SHOWN_PROBLEMS = 20;

export const schoolCalendarImport: Command = {
  name: ['school-calendar', 'import'],
  summary: "Import school holidays from the Ministry's open dataset (CSV or JSON)",
  description:
    'FILE is an export of the dataset "Calendrier scolaire" (fr-en-calendrier-scolaire, data.education.gouv.fr): ' +
    'CSV with ";" between columns, or JSON (detected from the content). For every zone and school year in the file, ' +
    'the periods replace those in the database; other years and zones stay. Importing the same file again changes ' +
    'nothing. Rows for teachers only ("Enseignants") are ignored. An invalid row stops the import before anything ' +
    'is written (exit 2). Calendars take the new data at once.',
  args: [{ name: 'FILE', description: 'the CSV or JSON export to import' }],
  options: {},
  examples: [
    'foyer school-calendar import fr-en-calendrier-scolaire.csv',
    'foyer school-calendar import fr-en-calendrier-scolaire.json --json',
  ],
  async run({ args }, context) {
    const path = resolve(context.cwd, args[0] ?? '');
    let content: string;
    try {
      content = await readFile(path, 'utf8');
    } catch (err) {
      throw new CliError(EXIT.badInput, 'file_unreadable', `cannot read ${path}: ${(err as Error).message}`);
    }
    const file = readSchoolCalendarFile(content);
    if (file.problems.length > 0) {
      const shown = file.problems.slice(0, SHOWN_PROBLEMS).map((p) => `  line ${p.line}: ${p.message}`);
      const more = file.problems.length > SHOWN_PROBLEMS ? [`  … and ${file.problems.length - SHOWN_PROBLEMS} more`] : [];
      throw new CliError(
        EXIT.badInput,
        'invalid_file',
        [`${path}: ${file.problems.length} invalid row(s), nothing imported:`, ...shown, ...more].join('\n'),
        { problems: file.problems },
      );
    }
    if (file.years.size === 0) {
      throw new CliError(EXIT.badInput, 'no_holidays', `${path}: no school holiday for pupils found, nothing imported`);
    }
    const { db } = await context.database();
    await migrateToLatest(db);
    const outcome = await importSchoolCalendar(db, file, `import ${basename(path)}`);
    const imported = new Set(outcome.written.map((w) => w.zone));
    const coverage = (await schoolCalendarCoverage(db)).filter((c) => imported.has(c.zone));
    return {
      data: { format: file.format, rows: file.rows, ignored: file.ignored, imported: outcome.written, coverage },
      lines: [
        `Imported ${path} (${file.format.toUpperCase()}, ${file.rows} rows, ${file.ignored} ignored):`,
        ...outcome.written.map((w) => `  ${w.zone}: ${w.schoolYears.join(', ')} (${w.periods} periods)`),
        'School years now covered:',
        ...coverage.map((c) => `  ${c.zone}: ${c.schoolYears.join(', ')} (${c.from} to ${c.to})`),
      ],
    };
  },
};
