import { createApp } from '../src/app.js';
import { specimenPdf } from '../src/db/seed/specimen-pdf.js';
import type { TestApp, TestResponse } from './harness.js';

/** Small documents of each kind, and files that only pretend to be one. */
export const FILES = {
  pdf: () => specimenPdf('Justificatif', ['Document de test']),
  png: () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 1, 2, 3]),
  jpeg: () => new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]),
  /** A Windows executable: "MZ" and a DOS stub. */
  exe: () =>
    new Uint8Array([
      0x4d,
      0x5a,
      0x90,
      0,
      3,
      0,
      0,
      0,
      4,
      0,
      0,
      0,
      0xff,
      0xff,
      0,
      0,
      ...new TextEncoder().encode('This program cannot be run in DOS mode.'),
    ]),
  html: () => new TextEncoder().encode('<!doctype html><script>alert(document.cookie)</script>'),
};

export interface UploadOptions {
  token: string;
  slug?: string;
  name?: string;
  /** The type the client declares; the server ignores it. */
  declaredType?: string;
  /** The attachment type key (`identity`…). */
  type?: string;
}

/**
 * Multipart uploads against the app of `t`: the harness's `request` sends JSON, so uploads go
 * through an app built on the same dependencies.
 */
export function uploader(t: TestApp) {
  const app = createApp(t.deps);
  async function send(path: string, init: RequestInit): Promise<TestResponse> {
    const res = await app.request(path, init);
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON: keep the text.
    }
    return { status: res.status, headers: res.headers, body };
  }
  return {
    /** Uploads `content` as the `file` field of a multipart body. */
    upload(content: Uint8Array, options: UploadOptions): Promise<TestResponse> {
      const form = new FormData();
      form.append(
        'file',
        new File([content as Uint8Array<ArrayBuffer>], options.name ?? 'document.pdf', {
          type: options.declaredType ?? 'application/pdf',
        }),
      );
      if (options.type) form.append('type', options.type);
      return send(`/v1/collectivities/${options.slug ?? 'ville-de-demo'}/attachments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.token}` },
        body: form,
      });
    },
    /** Sends a raw body to the upload route, e.g. a multipart body cut short. */
    raw(body: Uint8Array | string, contentType: string, token: string): Promise<TestResponse> {
      return send('/v1/collectivities/ville-de-demo/attachments', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
        body: body as BodyInit,
      });
    },
    /** Fetches a download as bytes. */
    async download(path: string, token: string): Promise<{ status: number; headers: Headers; bytes: Uint8Array; body: unknown }> {
      const res = await app.request(path, { headers: { authorization: `Bearer ${token}` } });
      const bytes = new Uint8Array(await res.arrayBuffer());
      let body: unknown;
      try {
        body = JSON.parse(new TextDecoder().decode(bytes));
      } catch {
        body = undefined;
      }
      return { status: res.status, headers: res.headers, bytes, body };
    },
  };
}

/** Stored attachments and blobs of a collectivity: "nothing stored" means these do not move. */
export async function storedCounts(t: TestApp, collectivityId: string): Promise<{ attachments: number; blobs: number }> {
  const db = t.deps.db;
  const attachments = await db
    .selectFrom('attachments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('collectivity_id', '=', collectivityId)
    .executeTakeFirstOrThrow();
  const blobs = await db
    .selectFrom('attachment_blobs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('collectivity_id', '=', collectivityId)
    .executeTakeFirstOrThrow();
  return { attachments: Number(attachments.n), blobs: Number(blobs.n) };
}
