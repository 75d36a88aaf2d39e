/**
 * Reading the CSV files towns export from their previous software: `;` separated, fields
 * quoted with `"` (a `""` inside is one quote), CRLF or LF line ends, UTF-8 with or without
 * BOM or Windows-1252 (what Excel writes in France).
 */

export type CsvEncoding = 'utf-8' | 'windows-1252';

/** The file's text and the encoding it was in, or why it cannot be read. */
export type Decoded = { ok: true; text: string; encoding: CsvEncoding } | { ok: false; message: string };

/**
 * Decodes a file: UTF-8 when its bytes are valid UTF-8 (a BOM is dropped), Windows-1252
 * otherwise. A file with NUL bytes or C1 control characters is neither (UTF-16, a spreadsheet's
 * binary format…) and is refused rather than imported as garbage.
 */
export function decodeCsv(bytes: Uint8Array): Decoded {
  if (bytes.includes(0)) {
    return { ok: false, message: "le fichier n'est ni en UTF-8 ni en Windows-1252 (enregistrez-le en « CSV UTF-8 »)" };
  }
  let text: string;
  let encoding: CsvEncoding = 'utf-8';
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
    encoding = 'windows-1252';
  }
  if (/[\u0080-\u009f]/.test(text)) {
    return { ok: false, message: "le fichier n'est ni en UTF-8 ni en Windows-1252 (enregistrez-le en « CSV UTF-8 »)" };
  }
  return { ok: true, text, encoding };
}

/** One record of the file and the line it starts on (1 is the first line). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * Splits CSV text into records. A quoted field may hold `;` and line breaks; blank lines are
 * skipped. An unclosed quote ends the file's last record (reported by the caller as a row
 * with missing columns, where a person can see it).
 */
export function parseCsv(text: string, separator = ';'): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  const endRecord = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0] !== '') records.push({ line: start, fields });
    fields = [];
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === separator) {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else field += ch;
  }
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}
