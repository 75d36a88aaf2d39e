import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saintExempleAgent } from './builders.js';
import { type DemoFamily, demoFamily } from './demo-family.js';
import { DEMO, startTestApp, type TestApp, type TestResponse } from './harness.js';
import { FILES, storedCounts, uploader } from './uploads.js';

const MiB = 1024 * 1024;

let t: TestApp;
let family: DemoFamily;
let parent: string;
let parent2: string;
let agent: string;
let up: ReturnType<typeof uploader>;

beforeAll(async () => {
  t = await startTestApp();
  family = await demoFamily(t);
  parent = (await t.login(DEMO.parent)).accessToken;
  parent2 = (await t.login(DEMO.parent2)).accessToken;
  agent = (await t.login(DEMO.agent)).accessToken;
  up = uploader(t);
});
afterAll(() => t.close());

function expectProblem(res: TestResponse, status: number, code: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.body).toMatchObject({ status, code, detail: expect.any(String) });
}

/** Runs `send` and checks that it was refused with `status`/`code` and left nothing stored. */
async function expectRefusedAndNothingStored(send: () => Promise<TestResponse>, status: number, code: string) {
  const before = await storedCounts(t, family.collectivityId);
  const res = await send();
  expectProblem(res, status, code);
  expect(await storedCounts(t, family.collectivityId)).toEqual(before);
  return res;
}

describe('uploading a document', () => {
  it('stores a PDF with its size and SHA-256, for the household only', async () => {
    const pdf = FILES.pdf();
    const res = await up.upload(pdf, { token: parent, name: "Pièce d'identité.pdf", type: 'identity' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      filename: "Pièce d'identité.pdf",
      contentType: 'application/pdf',
      sizeBytes: pdf.byteLength,
      sha256: createHash('sha256').update(pdf).digest('hex'),
      type: 'identity',
    });
    const row = await t.deps.db
      .selectFrom('attachments')
      .select(['household_id', 'request_id', 'storage_key'])
      .where('id', '=', res.body.id)
      .executeTakeFirstOrThrow();
    expect(row.request_id).toBeNull();
    expect(row.storage_key).not.toContain('Pièce');
  });

  it('decides the type from the content: a PNG named .pdf and declared as PDF is a PNG', async () => {
    const res = await up.upload(FILES.png(), { token: parent, name: 'scan.pdf', declaredType: 'application/pdf' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ contentType: 'image/png', filename: 'scan.pdf.png' });
    const jpeg = await up.upload(FILES.jpeg(), { token: parent, name: 'photo.JPG', declaredType: 'image/png' });
    expect(jpeg.body).toMatchObject({ contentType: 'image/jpeg', filename: 'photo.JPG' });
  });

  it('cleans the filename of folders and control characters', async () => {
    const res = await up.upload(FILES.pdf(), { token: parent, name: '..\\..\\windows\\sys"tem\u0007.pdf' });
    expect(res.body.filename).toBe('system.pdf');
  });

  it('refuses an .exe renamed .pdf', async () => {
    const res = await expectRefusedAndNothingStored(
      () => up.upload(FILES.exe(), { token: parent, name: 'attestation.pdf', declaredType: 'application/pdf' }),
      415,
      'unsupported_file_type',
    );
    expect(res.body.detail).toMatch(/PDF, JPEG et PNG/);
    expect(res.body.errors).toEqual([{ path: 'file', message: 'is not a PDF, JPEG or PNG document' }]);
  });

  it('refuses an HTML file declared as PNG', async () => {
    await expectRefusedAndNothingStored(
      () => up.upload(FILES.html(), { token: parent, name: 'photo.png', declaredType: 'image/png' }),
      415,
      'unsupported_file_type',
    );
  });

  it('refuses an empty file', async () => {
    await expectRefusedAndNothingStored(
      () => up.upload(new Uint8Array(), { token: parent, name: 'vide.pdf' }),
      400,
      'empty_file',
    );
  });

  it('refuses a file over 10 MB, whether the file or the whole body is measured', async () => {
    const justOver = new Uint8Array(10 * MiB + 1);
    justOver.set(FILES.pdf());
    const res = await expectRefusedAndNothingStored(
      () => up.upload(justOver, { token: parent, name: 'gros.pdf' }),
      413,
      'file_too_large',
    );
    expect(res.body.detail).toContain('10 Mo');
    const farOver = new Uint8Array(12 * MiB);
    farOver.set(FILES.pdf());
    await expectRefusedAndNothingStored(() => up.upload(farOver, { token: parent, name: 'enorme.pdf' }), 413, 'file_too_large');
  });

  it('accepts a file of exactly the limit', async () => {
    const atLimit = new Uint8Array(10 * MiB);
    atLimit.set(FILES.pdf());
    const res = await up.upload(atLimit, { token: parent, name: 'limite.pdf' });
    expect(res.status).toBe(201);
    expect(res.body.sizeBytes).toBe(10 * MiB);
  });

  it('refuses a multipart body cut short', async () => {
    const boundary = '----foyer-test-boundary';
    const head = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="file"; filename="justificatif.pdf"',
      'Content-Type: application/pdf',
      '',
      '',
    ].join('\r\n');
    const whole = new Uint8Array([...new TextEncoder().encode(head), ...FILES.pdf()]);
    const truncated = whole.slice(0, whole.length - 200);
    await expectRefusedAndNothingStored(
      () => up.raw(truncated, `multipart/form-data; boundary=${boundary}`, parent),
      400,
      'malformed_multipart',
    );
  });

  it('explains what is missing: no file field, or not multipart at all', async () => {
    const form = new TextEncoder().encode('--b\r\nContent-Disposition: form-data; name="type"\r\n\r\nidentity\r\n--b--\r\n');
    const noFile = await up.raw(form, 'multipart/form-data; boundary=b', parent);
    expectProblem(noFile, 400, 'file_missing');
    expectProblem(await up.raw('{"file": "x"}', 'application/json', parent), 415, 'unsupported_media_type');
  });

  it('refuses an attachment type no category asks for', async () => {
    await expectRefusedAndNothingStored(
      () => up.upload(FILES.pdf(), { token: parent, type: 'passport_photo' }),
      400,
      'unknown_attachment_type',
    );
  });

  it('needs a parent of the collectivity', async () => {
    expect((await up.upload(FILES.pdf(), { token: agent })).status).toBe(403);
    expect((await up.raw(FILES.pdf(), 'multipart/form-data; boundary=x', '')).status).toBe(401);
  });
});

describe('downloading a document', () => {
  let id: string;
  const pdf = FILES.pdf();
  beforeAll(async () => {
    const res = await up.upload(pdf, { token: parent, name: 'Justificatif de domicile.pdf', type: 'proof_of_address' });
    id = res.body.id;
  });

  it('serves the household its document as an attachment, with the sniffed type and nosniff', async () => {
    const res = await up.download(`/v1/collectivities/ville-de-demo/attachments/${id}`, parent);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="Justificatif de domicile.pdf"; filename*=UTF-8''Justificatif%20de%20domicile.pdf`,
    );
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toContain('no-store');
    expect(Buffer.from(res.bytes).equals(Buffer.from(pdf))).toBe(true);
  });

  it('keeps accents in the UTF-8 filename and gives an ASCII fallback', async () => {
    const res = await up.upload(FILES.png(), { token: parent, name: 'Pièce d’identité.png' });
    const download = await up.download(`/v1/collectivities/ville-de-demo/attachments/${res.body.id}`, parent);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="Piece didentite.png"; filename*=UTF-8''Pi%C3%A8ce%20d%E2%80%99identit%C3%A9.png`,
    );
  });

  it('answers 404 to another household', async () => {
    const res = await up.download(`/v1/collectivities/ville-de-demo/attachments/${id}`, parent2);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'not_found' });
  });

  it("answers 404 to an agent of another collectivity, and 403 on this collectivity's routes", async () => {
    const stranger = await saintExempleAgent(t);
    const theirs = await up.download(`/v1/collectivities/saint-exemple/admin/attachments/${id}`, stranger);
    expect(theirs.status).toBe(404);
    const ours = await up.download(`/v1/collectivities/ville-de-demo/admin/attachments/${id}`, stranger);
    expect(ours.status).toBe(403);
    expect(ours.bytes.length).toBeLessThan(1000);
  });

  it("lets the collectivity's agents download it, and audits each download", async () => {
    const res = await up.download(`/v1/collectivities/ville-de-demo/admin/attachments/${id}`, agent);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(Buffer.from(res.bytes).equals(Buffer.from(pdf))).toBe(true);
    const audit = await t.deps.db.selectFrom('audit_log').select(['action', 'details']).where('object_id', '=', id).execute();
    expect(audit).toEqual([{ action: 'attachment.read', details: expect.objectContaining({ type: 'proof_of_address' }) }]);
  });

  it('is not reachable by parents through the agent route', async () => {
    expect((await up.download(`/v1/collectivities/ville-de-demo/admin/attachments/${id}`, parent)).status).toBe(403);
  });
});

describe('pending uploads', () => {
  it('are limited per household until they are sent with a request', async () => {
    const { n } = await t.deps.db
      .selectFrom('attachments as a')
      .innerJoin('households as h', (j) =>
        j.onRef('h.collectivity_id', '=', 'a.collectivity_id').onRef('h.id', '=', 'a.household_id'),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('a.collectivity_id', '=', family.collectivityId)
      .where('h.name', '=', 'Famille Martin')
      .where('a.request_id', 'is', null)
      .executeTakeFirstOrThrow();
    for (let i = Number(n); i < 20; i++) {
      expect((await up.upload(FILES.png(), { token: parent2, name: `p${i}.png` })).status).toBe(201);
    }
    await expectRefusedAndNothingStored(
      () => up.upload(FILES.png(), { token: parent2, name: 'one-more.png' }),
      409,
      'too_many_pending_attachments',
    );
  });
});
