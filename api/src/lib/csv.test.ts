import { describe, expect, it } from 'vitest';
import { csvLine, dateCell, dateTimeCell, decimalCell, textCell } from './csv.js';

describe('csv', () => {
  it('separates by semicolons and ends lines with CRLF', () => {
    expect(csvLine(['a', 'b', ''])).toBe('a;b;\r\n');
  });
  it('quotes a field holding the separator, a quote or a line break, doubling its quotes (RFC 4180)', () => {
    expect(csvLine(['Dupont; fils', 'dit "Jo"', 'deux\nlignes'])).toBe('"Dupont; fils";"dit ""Jo""";"deux\nlignes"\r\n');
  });
  it('writes amounts with a decimal comma', () => {
    expect([decimalCell(1234), decimalCell(5), decimalCell(0), decimalCell(-50)]).toEqual(['12,34', '0,05', '0,00', '-0,50']);
  });
  it('writes days and instants as French spreadsheets read them, in the town’s time zone', () => {
    expect(dateCell('2026-12-07')).toBe('07/12/2026');
    expect(dateTimeCell('2026-07-01T06:05:00Z', 'Europe/Paris')).toBe('01/07/2026 08:05');
    expect(dateTimeCell(null, 'Europe/Paris')).toBe('');
  });
  it('keeps a typed text that looks like a formula from being evaluated', () => {
    expect(textCell('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
    expect(textCell('-1')).toBe(`'-1`);
    expect(textCell('Élodie')).toBe('Élodie');
    expect(textCell(null)).toBe('');
  });
});
