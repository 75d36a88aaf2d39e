import { Readable } from 'node:stream';
import type { invoices } from '@foyer/sdk/contract';
import PDFDocument from 'pdfkit';
import type { AddressValue } from '../../db/schema.js';
import type { Language } from '../../lib/problem-texts.js';
import { type InvoicePdfTexts, PDF_TEXTS } from './invoice-pdf-texts.js';

/** What the PDF shows beside the document: who issues it and who pays it. */
export interface InvoicePdfInput {
  invoice: invoices.InvoiceDetail;
  town: { name: string; timeZone: string; address: AddressValue | null; logo: Buffer | null; accentColor: string | null };
  household: { name: string; address: AddressValue | null };
  language: Language;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 50;
const INK = '#1b1b1b';
const MUTED = '#555555';
const RULE = '#c8c8c8';
/** Columns of the lines table: x and width, in points. */
const COLUMNS = {
  date: { x: MARGIN, width: 95 },
  label: { x: MARGIN + 100, width: 205 },
  quantity: { x: MARGIN + 310, width: 40 },
  unit: { x: MARGIN + 355, width: 65 },
  total: { x: MARGIN + 425, width: 70 },
};

/**
 * The document as a clean A4 PDF (pdfkit's standard Helvetica, WinAnsi: every French letter and
 * "€"), streamed as pdfkit writes it. The town's identity heads the page; lines come by child
 * and day, with a subtotal per child and the total.
 */
export function invoicePdf(input: InvoicePdfInput): ReadableStream<Uint8Array> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    lang: input.language === 'fr' ? 'fr-FR' : 'en-GB',
    info: {
      Title: `${textsOf(input).kindTitle(input.invoice.kind)} ${input.invoice.number}`,
      Author: input.town.name,
      Subject: input.household.name,
      Creator: 'Foyer',
    },
  });
  draw(doc, input);
  doc.end();
  return Readable.toWeb(doc) as ReadableStream<Uint8Array>;
}

function textsOf(input: InvoicePdfInput): InvoicePdfTexts {
  return PDF_TEXTS[input.language];
}

/** WinAnsi has no narrow no-break space (Intl's French thousands separator): a no-break space reads the same. */
const winAnsi = (text: string) => text.replace(/\u202f/g, '\u00a0');

function draw(doc: PDFKit.PDFDocument, input: InvoicePdfInput): void {
  const t = textsOf(input);
  const { invoice } = input;
  const money = (cents: number) => winAnsi(t.money(cents));
  drawHeader(doc, input, t);
  drawParties(doc, input, t);
  let y = 300;
  if (invoice.corrects) {
    doc.font('Helvetica-Oblique').fontSize(10).fillColor(INK).text(t.corrects(invoice.corrects.number), MARGIN, y);
    y += 20;
  }
  y = drawTableHead(doc, t, y);
  for (const group of invoice.children) {
    y = room(doc, t, y, 40);
    const name = group.child ? `${group.child.firstName} ${group.child.lastName.toUpperCase()}` : t.noChild;
    doc.font('Helvetica-Bold').fontSize(10).fillColor(INK).text(name, MARGIN, y);
    y += 16;
    for (const day of group.days) {
      for (const [index, line] of day.lines.entries()) {
        doc.font('Helvetica').fontSize(9);
        const height = Math.max(14, doc.heightOfString(line.label, { width: COLUMNS.label.width }) + 4);
        y = room(doc, t, y, height);
        doc.fillColor(INK);
        if (index === 0) doc.text(day.date ? winAnsi(t.day(day.date)) : '', COLUMNS.date.x, y, { width: COLUMNS.date.width });
        doc.text(
          line.label + (line.reason && line.reason !== 'booked' ? ` (${t.reason(line.reason)})` : ''),
          COLUMNS.label.x,
          y,
          {
            width: COLUMNS.label.width,
          },
        );
        cell(doc, String(line.quantity), COLUMNS.quantity, y);
        cell(doc, money(line.unitCents), COLUMNS.unit, y);
        cell(doc, money(line.totalCents), COLUMNS.total, y);
        y += height;
      }
    }
    y = room(doc, t, y, 20);
    doc.font('Helvetica-Oblique').fontSize(9).fillColor(MUTED);
    doc.text(t.subtotal(name), COLUMNS.label.x, y, {
      width: COLUMNS.label.width + COLUMNS.quantity.width + COLUMNS.unit.width + 10,
    });
    cell(doc, money(group.totalCents), COLUMNS.total, y);
    y += 22;
  }
  drawTotals(doc, input, t, room(doc, t, y, 90));
  drawFooters(doc, input, t);
}

function cell(doc: PDFKit.PDFDocument, text: string, column: { x: number; width: number }, y: number): void {
  doc.text(text, column.x, y, { width: column.width, align: 'right' });
}

function drawHeader(doc: PDFKit.PDFDocument, input: InvoicePdfInput, t: InvoicePdfTexts): void {
  const { town, invoice } = input;
  const accent = town.accentColor ?? '#1f4e79';
  let x = MARGIN;
  if (town.logo) {
    try {
      doc.image(town.logo, MARGIN, MARGIN, { fit: [70, 70] });
      x = MARGIN + 85;
    } catch {
      // A logo pdfkit cannot read (not PNG or JPEG) is left out rather than failing the invoice.
    }
  }
  doc.font('Helvetica-Bold').fontSize(16).fillColor(accent).text(town.name, x, MARGIN, { width: 260 });
  doc.font('Helvetica').fontSize(9).fillColor(MUTED);
  for (const line of addressLines(town.address)) doc.text(line, x, undefined, { width: 260 });

  const right = { x: A4.width - MARGIN - 200, width: 200 };
  doc.font('Helvetica-Bold').fontSize(20).fillColor(accent).text(t.kindTitle(invoice.kind).toUpperCase(), right.x, MARGIN, {
    width: right.width,
    align: 'right',
  });
  doc
    .font('Helvetica-Bold')
    .fontSize(11)
    .fillColor(INK)
    .text(invoice.number, right.x, undefined, { width: right.width, align: 'right' });
  doc.font('Helvetica').fontSize(9).fillColor(INK);
  const facts = [
    `${t.issuedOn} ${winAnsi(t.instantDay(invoice.issuedAt, town.timeZone))}`,
    ...(invoice.periodFrom && invoice.periodTo
      ? [`${t.period} ${winAnsi(t.shortDay(invoice.periodFrom))} – ${winAnsi(t.shortDay(invoice.periodTo))}`]
      : []),
    ...(invoice.dueDate && invoice.kind === 'invoice' ? [`${t.dueOn} ${winAnsi(t.shortDay(invoice.dueDate))}`] : []),
  ];
  for (const fact of facts) doc.text(fact, right.x, undefined, { width: right.width, align: 'right' });
  doc
    .moveTo(MARGIN, 150)
    .lineTo(A4.width - MARGIN, 150)
    .lineWidth(1)
    .strokeColor(accent)
    .stroke();
}

function drawParties(doc: PDFKit.PDFDocument, input: InvoicePdfInput, t: InvoicePdfTexts): void {
  const box = { x: A4.width - MARGIN - 230, y: 175, width: 230 };
  doc.font('Helvetica').fontSize(8).fillColor(MUTED).text(t.billedTo.toUpperCase(), box.x, box.y, { width: box.width });
  doc.font('Helvetica-Bold').fontSize(11).fillColor(INK).text(input.household.name, box.x, undefined, { width: box.width });
  doc.font('Helvetica').fontSize(10);
  for (const line of addressLines(input.household.address)) doc.text(line, box.x, undefined, { width: box.width });
}

function drawTableHead(doc: PDFKit.PDFDocument, t: InvoicePdfTexts, y: number): number {
  doc.rect(MARGIN, y - 4, A4.width - 2 * MARGIN, 18).fill('#eef2f6');
  doc.font('Helvetica-Bold').fontSize(9).fillColor(INK);
  doc.text(t.columns.date, COLUMNS.date.x + 2, y, { width: COLUMNS.date.width });
  doc.text(t.columns.label, COLUMNS.label.x, y, { width: COLUMNS.label.width });
  cell(doc, t.columns.quantity, COLUMNS.quantity, y);
  cell(doc, t.columns.unit, COLUMNS.unit, y);
  cell(doc, t.columns.total, COLUMNS.total, y);
  return y + 22;
}

/** `y` if `height` more points fit on the page; else a new page with the table's head, and the y below it. */
function room(doc: PDFKit.PDFDocument, t: InvoicePdfTexts, y: number, height: number): number {
  if (y + height <= A4.height - MARGIN - 30) return y;
  doc.addPage();
  return drawTableHead(doc, t, MARGIN);
}

function drawTotals(doc: PDFKit.PDFDocument, input: InvoicePdfInput, t: InvoicePdfTexts, y: number): void {
  const { invoice } = input;
  const money = (cents: number) => winAnsi(t.money(cents));
  doc
    .moveTo(COLUMNS.unit.x - 100, y)
    .lineTo(A4.width - MARGIN, y)
    .lineWidth(0.5)
    .strokeColor(RULE)
    .stroke();
  y += 8;
  doc.font('Helvetica-Bold').fontSize(12).fillColor(INK);
  doc.text(invoice.kind === 'credit_note' ? t.creditTotal : t.total, COLUMNS.unit.x - 160, y, { width: 220, align: 'right' });
  cell(doc, money(invoice.totalCents), COLUMNS.total, y);
  y += 24;
  doc.font('Helvetica').fontSize(10).fillColor(INK);
  const status = t.statusLine(invoice, input.town.timeZone);
  if (status) doc.text(winAnsi(status), MARGIN, y, { width: A4.width - 2 * MARGIN, align: 'right' });
  if (invoice.cancelReason)
    doc.text(`${t.cancelReason} ${invoice.cancelReason}`, MARGIN, undefined, { width: A4.width - 2 * MARGIN, align: 'right' });
  for (const credit of invoice.creditNotes) {
    doc.text(t.creditedBy(credit.number, money(credit.totalCents)), MARGIN, undefined, {
      width: A4.width - 2 * MARGIN,
      align: 'right',
    });
  }
}

function drawFooters(doc: PDFKit.PDFDocument, input: InvoicePdfInput, t: InvoicePdfTexts): void {
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index++) {
    doc.switchToPage(index);
    const y = A4.height - MARGIN;
    doc.font('Helvetica').fontSize(8).fillColor(MUTED);
    doc.text(`${input.town.name} — ${input.invoice.number}`, MARGIN, y, { width: 300, lineBreak: false });
    doc.text(t.page(index + 1, range.count), A4.width - MARGIN - 100, y, { width: 100, align: 'right', lineBreak: false });
  }
}

function addressLines(address: AddressValue | null): string[] {
  if (!address) return [];
  return [address.line1, ...(address.line2 ? [address.line2] : []), `${address.postalCode} ${address.city}`];
}
