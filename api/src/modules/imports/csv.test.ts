import { describe, expect, it } from 'vitest';
import { decodeCsv, parseCsv } from './csv.js';

describe('parseCsv', () => {
  it('splits on semicolons, keeps quoted separators, quotes and line breaks, and numbers lines', () => {
    const text = 'a;b;c\r\n1;"x;y";"il a dit ""oui"""\n\n2;"deux\nlignes";z\n3;;';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'x;y', 'il a dit "oui"'] },
      { line: 4, fields: ['2', 'deux\nlignes', 'z'] },
      { line: 6, fields: ['3', '', ''] },
    ]);
  });
});

describe('decodeCsv', () => {
  it('reads UTF-8 with or without BOM, and Windows-1252', () => {
    const utf8 = new TextEncoder().encode('nom;prénom\n');
    expect(decodeCsv(utf8)).toEqual({ ok: true, text: 'nom;prénom\n', encoding: 'utf-8' });
    expect(decodeCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toEqual({ ok: true, text: 'nom;prénom\n', encoding: 'utf-8' });
    const latin = new Uint8Array([...new TextEncoder().encode('pr'), 0xe9, ...new TextEncoder().encode('nom;Lo'), 0xef, 0x63]);
    expect(decodeCsv(latin)).toEqual({ ok: true, text: 'prénom;Loïc', encoding: 'windows-1252' });
  });

  it('refuses UTF-16 and binary files', () => {
    const utf16 = new Uint8Array([0xff, 0xfe, 0x6e, 0x00, 0x6f, 0x00]);
    expect(decodeCsv(utf16).ok).toBe(false);
  });
});
