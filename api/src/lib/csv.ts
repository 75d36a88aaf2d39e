/**
 * CSV as French spreadsheets open it (Excel, LibreOffice with a French locale): fields separated
 * by `;` (the comma is the decimal separator there), lines ended by CRLF, quoting per RFC 4180,
 * and a UTF-8 byte order mark first so that Excel does not read the accents as Windows-1252.
 */

/** The byte order mark that tells Excel the file is UTF-8. */
export const UTF8_BOM = '\uFEFF';
export const CSV_SEPARATOR = ';';
const LINE_END = '\r\n';

/** A field holding the separator, a quote or a line break is quoted, its quotes doubled (RFC 4180). */
function quoted(field: string): string {
  return /[;"\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

/**
 * A text typed by a person (a name, a reason). One starting like a formula (`=`, `+`, `-`, `@`,
 * a tab or a carriage return) is prefixed with `'` so the spreadsheet shows it instead of
 * evaluating it (CSV injection, OWASP).
 */
export function textCell(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** An amount in cents as French spreadsheets read a number: `1234` → `12,34`, `-50` → `-0,50`. */
export function decimalCell(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

/** A calendar day `YYYY-MM-DD` as a French spreadsheet recognises a date: `07/12/2026`. */
export function dateCell(date: string): string {
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year}`;
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** An instant as a French spreadsheet reads a date and time, in the town's time zone: `07/12/2026 08:05`. */
export function dateTimeCell(instant: Date | string | null, timeZone: string): string {
  if (instant === null) return '';
  let format = dateTimeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('fr-FR', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    dateTimeFormats.set(timeZone, format);
  }
  return format.format(new Date(instant)).replace(',', '');
}

/** One line of the file, fields already formatted, ending in CRLF. */
export function csvLine(fields: readonly string[]): string {
  return fields.map(quoted).join(CSV_SEPARATOR) + LINE_END;
}
