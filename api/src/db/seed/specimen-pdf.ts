/**
 * A one-page PDF stamped "SPÉCIMEN", so that the demo's attachments open in any viewer without
 * shipping a real identity document.
 */

function pdfString(text: string): string {
  return `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

/**
 * A valid single-page A4 PDF showing `title` and `lines` in Helvetica. Text is written in
 * WinAnsi (Latin-1), enough for French.
 *
 * @example specimenPdf("Pièce d'identité", ['Carmen RUIZ']) // Uint8Array starting with "%PDF-1.4"
 */
export function specimenPdf(title: string, lines: readonly string[]): Uint8Array {
  const text = [
    `BT /F1 36 Tf 0.8 0.1 0.1 rg 150 430 Td ${pdfString('SPÉCIMEN')} Tj ET`,
    `BT /F1 20 Tf 0 0 0 rg 72 760 Td ${pdfString(title)} Tj ET`,
    ...lines.map((line, index) => `BT /F1 12 Tf 72 ${720 - index * 20} Td ${pdfString(line)} Tj ET`),
  ].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
  ];
  // Latin-1 keeps one byte per character, so string lengths are byte offsets.
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(pdf.length);
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(pdf, 'latin1'));
}
