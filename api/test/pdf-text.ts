import { inflateSync } from 'node:zlib';

/**
 * The text a PDF shows, read back from its content streams: every `TJ`/`Tj` string, inflated and
 * decoded as WinAnsi (the encoding of the standard fonts). Enough to see what a person reads on
 * pdfkit's output; not a general PDF parser.
 */
export function pdfText(pdf: Uint8Array): string {
  const raw = Buffer.from(pdf);
  const text: string[] = [];
  let at = 0;
  for (;;) {
    // `stream` after a dictionary's `>>`, so that `endstream` is never taken for a start.
    const start = raw.indexOf('>>\nstream\n', at);
    if (start === -1) break;
    const end = raw.indexOf('\nendstream', start);
    if (end === -1) break;
    const dictionary = raw.subarray(raw.lastIndexOf('<<', start), start).toString('latin1');
    const body = raw.subarray(start + '>>\nstream\n'.length, end);
    at = end + '\nendstream'.length;
    let content: string;
    try {
      content = (dictionary.includes('FlateDecode') ? inflateSync(body) : body).toString('latin1');
    } catch {
      continue;
    }
    for (const shown of content.matchAll(/\[((?:<[0-9a-fA-F]*>|[-\d.\s])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      const hexes =
        shown[1] !== undefined ? [...shown[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1] ?? '') : [shown[2] ?? ''];
      text.push(Buffer.from(hexes.join(''), 'hex').toString('latin1'));
    }
  }
  // The WinAnsi letters Latin-1 puts elsewhere: the euro sign, the dashes, the apostrophe.
  const winAnsi: Record<string, string> = { '\x80': '€', '\x96': '–', '\x97': '—', '\x92': '’' };
  return text
    .join('\n')
    .replace(/[\x80\x92\x96\x97]/g, (c) => winAnsi[c] ?? c)
    .replace(/\u00a0/g, ' ');
}
