import type { attachments } from '@foyer/sdk/contract';

/**
 * What a document really is, from its first bytes: the only thing that decides. A file's name
 * and the type the browser declared are chosen by whoever sends it (an `.exe` renamed `.pdf`,
 * an HTML page declared `image/png`), its content is not.
 */
export type SniffedType = attachments.AttachmentContentType;

const SIGNATURES: { type: SniffedType; magic: readonly number[] }[] = [
  { type: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  { type: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/**
 * The accepted type whose signature starts `content`, or null for anything else (empty files
 * included).
 *
 * @example sniffContentType(new TextEncoder().encode('%PDF-1.7\n…')) // 'application/pdf'
 * @example sniffContentType(new TextEncoder().encode('<html>'))     // null
 */
export function sniffContentType(content: Uint8Array): SniffedType | null {
  for (const { type, magic } of SIGNATURES) {
    if (content.length > magic.length && magic.every((byte, i) => content[i] === byte)) return type;
  }
  return null;
}

const EXTENSIONS: Record<SniffedType, readonly string[]> = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
};

const MAX_NAME_LENGTH = 120;

/**
 * A filename safe to store and to send back in `Content-Disposition`: no folders, no control or
 * quoting characters, at most 120 characters, and ending with an extension of the real type
 * (`facture.exe` holding a PDF becomes `facture.exe.pdf`).
 *
 * @example cleanFilename('C:\\scans\\carte id.JPG', 'image/jpeg') // 'carte id.JPG'
 * @example cleanFilename('../../etc/passwd', 'application/pdf') // 'passwd.pdf'
 */
export function cleanFilename(name: string, type: SniffedType): string {
  const base = (name.split(/[/\\]/).pop() ?? '')
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}"*<>?|:]/gu, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  const extensions = EXTENSIONS[type];
  const dot = base.lastIndexOf('.');
  const extension = dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
  const stem = base === '' ? 'document' : base;
  const suffix = extensions.includes(extension) ? '' : `.${extensions[0]}`;
  const room = MAX_NAME_LENGTH - suffix.length;
  if (stem.length <= room) return `${stem}${suffix}`;
  // Too long: cut the middle of the stem, keep its own extension when it is the right one.
  const kept = suffix === '' ? `.${extension}` : '';
  return `${stem.slice(0, room - kept.length)}${kept}${suffix}`;
}

/**
 * A `Content-Disposition: attachment` value with an ASCII fallback and the UTF-8 name (RFC 6266),
 * so that "Pièce d'identité.pdf" keeps its accents in every browser.
 */
export function attachmentDisposition(filename: string): string {
  const ascii =
    filename
      .normalize('NFD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '') || 'document';
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
