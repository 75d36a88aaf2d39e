import { describe, expect, it } from 'vitest';
import { attachmentDisposition, cleanFilename, sniffContentType } from './content-type.js';

const bytes = (...values: number[]) => new Uint8Array(values);
const text = (s: string) => new TextEncoder().encode(s);

describe('sniffContentType', () => {
  it('knows PDF, JPEG and PNG by their first bytes', () => {
    expect(sniffContentType(text('%PDF-1.7\n%âãÏÓ'))).toBe('application/pdf');
    expect(sniffContentType(bytes(0xff, 0xd8, 0xff, 0xdb, 0))).toBe('image/jpeg');
    expect(sniffContentType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe('image/png');
  });

  it('refuses everything else, whatever it is called', () => {
    expect(sniffContentType(new Uint8Array())).toBeNull();
    expect(sniffContentType(text('%PDF-'))).toBeNull();
    expect(sniffContentType(text('MZ\x90\x00'))).toBeNull();
    expect(sniffContentType(text('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffContentType(text('<html>%PDF-1.4'))).toBeNull();
    expect(sniffContentType(text(' %PDF-1.4'))).toBeNull();
    expect(sniffContentType(bytes(0x50, 0x4b, 0x03, 0x04, 0))).toBeNull();
  });
});

describe('cleanFilename', () => {
  it('keeps a good name', () => {
    expect(cleanFilename("Pièce d'identité.pdf", 'application/pdf')).toBe("Pièce d'identité.pdf");
    expect(cleanFilename('photo.JPEG', 'image/jpeg')).toBe('photo.JPEG');
  });

  it('drops folders, controls and quoting characters, and adds the real extension', () => {
    expect(cleanFilename('C:\\Users\\m\\scan.exe', 'application/pdf')).toBe('scan.exe.pdf');
    expect(cleanFilename('../../.bashrc', 'image/png')).toBe('bashrc.png');
    expect(cleanFilename('a"b<c>\r\n.pdf', 'application/pdf')).toBe('abc.pdf');
    expect(cleanFilename('', 'image/png')).toBe('document.png');
    expect(cleanFilename('...', 'application/pdf')).toBe('document.pdf');
  });

  it('shortens a long name and keeps its extension', () => {
    const cleaned = cleanFilename(`${'a'.repeat(300)}.pdf`, 'application/pdf');
    expect(cleaned).toHaveLength(120);
    expect(cleaned.endsWith('.pdf')).toBe(true);
    expect(cleanFilename('b'.repeat(300), 'image/jpeg')).toBe(`${'b'.repeat(116)}.jpg`);
  });
});

describe('attachmentDisposition', () => {
  it('gives an ASCII fallback and the UTF-8 name', () => {
    expect(attachmentDisposition('Relevé (mars).pdf')).toBe(
      `attachment; filename="Releve (mars).pdf"; filename*=UTF-8''Relev%C3%A9%20%28mars%29.pdf`,
    );
  });
});
