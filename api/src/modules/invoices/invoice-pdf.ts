import { Readable } from 'node:stream';
import type { invoices } from '@foyer/sdk/contract';
import PDFDocument from 'pdfkit';
import type { AddressValue } from '../../db/schema.js';
import { formatSiret } from '../../domain/siret.js';
import type { Language } from '../../lib/problem-texts.js';
import type { CollectivityIdentity } from '../collectivities/collectivity-identity.js';
import { type InvoicePdfTexts, PDF_TEXTS } from './invoice-pdf-texts.js';

/** What the PDF shows beside the document: who issues it and who pays it. */
export interface InvoicePdfInput {
  invoice: invoices.InvoiceDetail;
  town: { name: string; timeZone: string; identity: CollectivityIdentity; logo: Buffer | null; accentColor: string | null };
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
  const ruleY = drawHeader(doc, input, t);
  let y = Math.max(300, drawParties(doc, input, t, ruleY + 25) + 30);
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

/** The issuer on the left, the document's number and dates on the right, and a rule under both: returns the rule's y. */
function drawHeader(doc: PDFKit.PDFDocument, input: InvoicePdfInput, t: InvoicePdfTexts): number {
  const { town, invoice } = input;
  const accent = town.accentColor ?? '#1f4e79';
  let x = MARGIN;
  let bottom = MARGIN;
  if (town.logo) {
    try {
      doc.image(town.logo, MARGIN, MARGIN, { fit: [70, 70] });
      x = MARGIN + 85;
      bottom = MARGIN + 70;
    } catch {
      // A logo pdfkit cannot read (not PNG or JPEG) is left out rather than failing the invoice.
    }
  }
  doc.font('Helvetica-Bold').fontSize(16).fillColor(accent).text(town.name, x, MARGIN, { width: 260 });
  doc.font('Helvetica').fontSize(9).fillColor(MUTED);
  for (const line of issuerLines(town.identity, t)) doc.text(line, x, undefined, { width: 260 });
  bottom = Math.max(bottom, doc.y);

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
  const ruleY = Math.max(150, bottom + 10, doc.y + 10);
  doc
    .moveTo(MARGIN, ruleY)
    .lineTo(A4.width - MARGIN, ruleY)
    .lineWidth(1)
    .strokeColor(accent)
    .stroke();
  return ruleY;
}

/** What identifies the issuer under its name: only the parts the town has set, never an empty label. */
function issuerLines(identity: CollectivityIdentity, t: InvoicePdfTexts): string[] {
  return [
    ...addressLines(identity.postalAddress),
    ...(identity.siret ? [`SIRET ${formatSiret(identity.siret)}`] : []),
    ...(identity.servicePhone ? [`${t.phone} ${identity.servicePhone}`] : []),
    ...(identity.serviceEmail ? [identity.serviceEmail] : []),
  ];
}

/** The household billed on the right and, when the town names one, its public accountant on the left: returns the lower bottom. */
function drawParties(doc: PDFKit.PDFDocument, input: InvoicePdfInput, t: InvoicePdfTexts, top: number): number {
  let bottom = top;
  const accountant = input.town.identity.publicAccountant;
  if (accountant) {
    const box = { x: MARGIN, width: 230 };
    doc.font('Helvetica').fontSize(8).fillColor(MUTED).text(t.publicAccountant.toUpperCase(), box.x, top, { width: box.width });
    doc.font('Helvetica').fontSize(10).fillColor(INK).text(accountant, box.x, undefined, { width: box.width });
    bottom = doc.y;
  }
  const box = { x: A4.width - MARGIN - 230, width: 230 };
  doc.font('Helvetica').fontSize(8).fillColor(MUTED).text(t.billedTo.toUpperCase(), box.x, top, { width: box.width });
  doc.font('Helvetica-Bold').fontSize(11).fillColor(INK).text(input.household.name, box.x, undefined, { width: box.width });
  doc.font('Helvetica').fontSize(10);
  for (const line of addressLines(input.household.address)) doc.text(line, box.x, undefined, { width: box.width });
  return Math.max(bottom, doc.y);
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
    // Text below the bottom margin would make pdfkit open a new page: the footer sits in the margin.
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = A4.height - MARGIN;
    doc.font('Helvetica').fontSize(8).fillColor(MUTED);
    const siret = input.town.identity.siret ? ` — SIRET ${formatSiret(input.town.identity.siret)}` : '';
    doc.text(`${input.town.name}${siret} — ${input.invoice.number}`, MARGIN, y, { width: 380, lineBreak: false });
    doc.text(t.page(index + 1, range.count), A4.width - MARGIN - 100, y, { width: 100, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottomMargin;
  }
}

function addressLines(address: AddressValue | null): string[] {
  if (!address) return [];
  return [address.line1, ...(address.line2 ? [address.line2] : []), `${address.postalCode} ${address.city}`];
}
