/**
 * An iCalendar (RFC 5545) writer for the calendar feed: all-day or timed events, text escaped and
 * lines folded as the RFC says, so that Apple, Google and Outlook read every name intact.
 */

/**
 * When an event happens: a local calendar `date` (all day, the same day whatever the reader's
 * zone), or two instants.
 *
 * Instants are written in UTC (`DTSTART:20270104T104500Z`, RFC 5545 §3.3.5 form 2) rather than as
 * `TZID=Europe/Paris` wall times: a UTC time needs no `VTIMEZONE`, which Outlook requires beside
 * every `TZID` and which would copy the zone's daylight-saving rules by hand, while the caller
 * already turns wall times into instants with the time-zone database (`instantAt`). Every app
 * shows them at the reader's wall clock, the collectivity's for a family living there; each day
 * is its own event, so no recurrence needs the zone's rules.
 */
export type IcalTiming = { date: string } | { start: Date; end: Date };

export interface IcalEvent {
  /** Stable across downloads, so that a calendar app updates the event instead of duplicating it. */
  uid: string;
  timing: IcalTiming;
  summary: string;
  location?: string;
  description?: string;
  status: 'CONFIRMED' | 'TENTATIVE';
}

export interface IcalCalendar {
  prodId: string;
  /** The calendar's name in the app (`X-WR-CALNAME`). */
  name: string;
  /** The collectivity's zone (`X-WR-TIMEZONE`), for apps that show the events' days in it. */
  timeZone: string;
  /** `DTSTAMP` of every event: when this copy was made, from the injected clock. */
  stamp: Date;
  /** How often apps that honour it should refetch. */
  refreshHours: number;
  events: IcalEvent[];
}

/** Escapes a TEXT value (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

const encoder = new TextEncoder();

/**
 * Folds a content line at 75 octets (RFC 5545 §3.1): CRLF then one space, never inside a
 * multi-byte character (an "é" cut in two would show as garbage).
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    const limit = parts.length === 0 ? 75 : 74; // continuation lines start with the folding space
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const basicDate = (date: string) => date.replaceAll('-', '');

const nextDay = (date: string) => {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
};

/** `20261204T190000Z`: an instant in UTC, as DTSTAMP requires. */
const utcStamp = (instant: Date) => `${instant.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;

/** The DTSTART and DTEND lines of an event. */
function timingLines(timing: IcalTiming): [string, string] {
  if ('date' in timing) {
    return [`DTSTART;VALUE=DATE:${basicDate(timing.date)}`, `DTEND;VALUE=DATE:${basicDate(nextDay(timing.date))}`];
  }
  return [`DTSTART:${utcStamp(timing.start)}`, `DTEND:${utcStamp(timing.end)}`];
}

/** The whole feed, CRLF-terminated lines. */
export function renderIcal(calendar: IcalCalendar): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${calendar.prodId}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
    `X-WR-TIMEZONE:${calendar.timeZone}`,
    `REFRESH-INTERVAL;VALUE=DURATION:PT${calendar.refreshHours}H`,
    `X-PUBLISHED-TTL:PT${calendar.refreshHours}H`,
  ];
  const stamp = utcStamp(calendar.stamp);
  for (const event of calendar.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${event.uid}`,
      `DTSTAMP:${stamp}`,
      ...timingLines(event.timing),
      `SUMMARY:${escapeText(event.summary)}`,
      ...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
      ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
      `STATUS:${event.status}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
