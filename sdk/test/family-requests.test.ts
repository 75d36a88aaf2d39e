import { type Fetch, type FoyerClient, FoyerError, FoyerNetworkError, type household, type requests } from '@foyer/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_TODAY } from '../../api/test/test-database.js';
import { addDays } from '../../api/test/test-days.js';
import { withAdmin } from '../src/client/admin.js';
import { DEMO, type SdkTestApp, startSdkTestApp } from './api.js';

// Requests ("demandes") and their documents through the SDK, against the real API on the
// seeded database: the demo family writes, the demo agent answers.

let api: SdkTestApp;
let parent: FoyerClient;
let agent: FoyerClient;
let lucia: household.Child;
let categories: requests.RequestCategory[];

beforeAll(async () => {
  api = await startSdkTestApp();
  parent = await signedIn(DEMO.parent);
  agent = await signedIn(DEMO.agent);
  const { children } = await parent.children.list();
  const found = children.find((c) => c.firstName === 'Lucia');
  if (!found) throw new Error('the demo household has no Lucia');
  lucia = found;
  ({ categories } = await parent.requestCategories.list());
});
afterAll(() => api.close());

async function signedIn(email: string, client = api.client()): Promise<FoyerClient> {
  await client.auth.login({ email, password: DEMO.password });
  return client;
}

function category(effect: requests.RequestEffect | null): requests.RequestCategory {
  const found = categories.find((c) => c.effect === effect);
  if (!found) throw new Error(`no request category with the effect ${effect}`);
  return found;
}

/** A small but real PDF. */
function pdf(text = 'Carte nationale d’identité'): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  );
}

async function sha256(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function bytesOf(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.arrayBuffer());
}

describe('a pick-up authorisation, from the family to the agent and back', () => {
  it('uploads the identity document, sends the request, and shows it accepted once an agent accepts it', async () => {
    const pickup = category('pickup');
    expect(pickup).toMatchObject({
      title: "Autorisation de récupération d'un enfant",
      attachmentTypes: [{ key: 'identity', required: true }],
    });
    expect(pickup.fields.map((f) => f.key)).toEqual(['child', 'person', 'from']);

    // The document: a PDF under a name with accents, with upload progress.
    const content = pdf();
    const progress: number[] = [];
    const attachment = await parent.attachments.upload(new File([content], 'Pièce d’identité Jeanne.pdf'), {
      type: 'identity',
      onProgress: (fraction) => progress.push(fraction),
    });
    expect(progress).toEqual([0, 1]);
    expect(attachment).toMatchObject({
      filename: 'Pièce d’identité Jeanne.pdf',
      contentType: 'application/pdf',
      sizeBytes: content.byteLength,
      sha256: await sha256(content),
      type: 'identity',
    });

    // The request, with the document.
    const created = await parent.requests.create({
      categoryId: pickup.id,
      answers: { child: lucia.id, person: 'Jeanne Dupont', from: addDays(TEST_TODAY, 10) },
      body: 'Je souhaiterais autoriser Jeanne Dupont, ma sœur, à venir récupérer Lucia à partir du 7 décembre.',
      attachmentIds: [attachment.id],
    });
    expect(created).toMatchObject({
      status: 'submitted',
      category: { id: pickup.id, effect: 'pickup' },
      child: { id: lucia.id, firstName: 'Lucia' },
      answers: { child: lucia.id, person: 'Jeanne Dupont', from: addDays(TEST_TODAY, 10) },
      attachments: [{ id: attachment.id, filename: 'Pièce d’identité Jeanne.pdf' }],
    });
    const page = await parent.requests.list();
    expect(page.items[0]).toMatchObject({ id: created.id, status: 'submitted', child: { id: lucia.id } });

    // The parent downloads the document back, as sent.
    const mine = await parent.attachments.download(attachment.id);
    expect(mine).toMatchObject({ filename: 'Pièce d’identité Jeanne.pdf', contentType: 'application/pdf' });
    expect(await bytesOf(mine.blob)).toEqual(content);

    // The agent finds it in the inbox, reads the document, takes it and accepts it.
    const inbox = await withAdmin(agent).admin.requests.list({ status: 'submitted' }).toArray({ limit: 100 });
    expect(inbox.find((r) => r.id === created.id)).toMatchObject({
      household: { name: 'Famille Sanchez-Cordoves' },
      assignedTo: null,
    });
    const seen = await withAdmin(agent).admin.requests.get(created.id);
    expect(seen.attachments.map((a) => a.id)).toEqual([attachment.id]);
    const theirs = await withAdmin(agent).admin.attachments.download(attachment.id);
    expect(await bytesOf(theirs.blob)).toEqual(content);
    expect(theirs.filename).toBe('Pièce d’identité Jeanne.pdf');
    const assigned = await withAdmin(agent).admin.requests.assign(created.id);
    expect(assigned).toMatchObject({ status: 'in_progress', assignedTo: { name: expect.any(String) } });
    const decided = await withAdmin(agent).admin.requests.decide(created.id, { decision: 'accept' });
    expect(decided.status).toBe('accepted');

    // The family sees the decision, and Jeanne on Lucia's file.
    const after = await parent.requests.get(created.id);
    expect(after).toMatchObject({ id: created.id, status: 'accepted', decidedAt: expect.any(String) });
    expect((await parent.requests.list()).items.find((r) => r.id === created.id)?.status).toBe('accepted');
    expect((await parent.children.get(lucia.id)).authorisedPickups).toContainEqual({ name: 'Jeanne Dupont' });
  });

  it('refuses an executable renamed .pdf with the API code, and a parent cannot download it from the agents’ route', async () => {
    const exe = new Uint8Array([
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
      ...new TextEncoder().encode('This program cannot be run in DOS mode.'),
    ]);
    const progress: number[] = [];
    const error = await parent.attachments
      .upload(new Blob([exe], { type: 'application/pdf' }), { filename: 'facture.pdf', onProgress: (f) => progress.push(f) })
      .catch((e) => e);
    expect(error).toBeInstanceOf(FoyerError);
    expect(error).toMatchObject({ status: 415, code: 'unsupported_file_type' });
    expect(error.errors).toEqual([{ path: 'file', message: 'is not a PDF, JPEG or PNG document' }]);
    expect(progress).toEqual([0]);

    const { id } = await parent.attachments.upload(new Blob([pdf()]), { type: 'document' });
    await expect(withAdmin(parent).admin.attachments.download(id)).rejects.toMatchObject({ status: 403, code: 'forbidden' });
    await expect(api.client().attachments.download(id)).rejects.toMatchObject({ status: 401 });
  });
});

describe('the thread of a request', () => {
  it('goes to needs_info when the agent asks, and back to the agent when the family replies', async () => {
    // The test clock stands still: a minute between messages keeps the thread in order.
    const later = () => api.t.clock.advance(60_000);
    const other = category(null);
    const created = await parent.requests.create({ categoryId: other.id, answers: { subject: 'Horaires de la garderie' } });
    await withAdmin(agent).admin.requests.assign(created.id);
    later();
    const asked = await withAdmin(agent).admin.requests.needsInfo(created.id, { message: 'Pour quel site ?' });
    expect(asked.status).toBe('needs_info');
    expect((await parent.requests.list({ status: 'needs_info' })).items.map((r) => r.id)).toContain(created.id);

    const document = await parent.attachments.upload(new Blob([pdf('Planning')]), { filename: 'planning', type: 'document' });
    later();
    const replied = await parent.requests.reply(created.id, { body: 'Les Tilleuls.', attachmentIds: [document.id] });
    expect(replied.status).toBe('in_progress');
    expect(replied.attachments.map((a) => a.filename)).toEqual(['planning.pdf']);
    expect(replied.messages.map((m) => [m.authorKind, m.body])).toEqual([
      ['agent', 'Pour quel site ?'],
      ['parent', 'Les Tilleuls.'],
    ]);

    later();
    const answered = await withAdmin(agent).admin.requests.reply(created.id, { body: 'La garderie ouvre à 7 h 30.' });
    expect(answered.messages.at(-1)).toMatchObject({ authorKind: 'agent', body: 'La garderie ouvre à 7 h 30.' });
    const rejected = await withAdmin(agent).admin.requests.decide(created.id, {
      decision: 'reject',
      reason: 'Question traitée.',
    });
    expect(rejected).toMatchObject({ status: 'rejected', decisionReason: 'Question traitée.' });
    await expect(withAdmin(agent).admin.requests.decide(created.id, { decision: 'accept' })).rejects.toMatchObject({
      status: 409,
      code: 'request_decided',
    });
  });
});

describe('listing requests', () => {
  it('walks every page with for await, one request per page', async () => {
    const all = (await parent.requests.list({ limit: '100' })).items;
    expect(all.length).toBeGreaterThan(2);
    const before = api.count('GET', '/v1/collectivities/ville-de-demo/requests');
    const walked: string[] = [];
    for await (const request of parent.requests.list({ limit: '1' })) walked.push(request.id);
    expect(walked).toEqual(all.map((r) => r.id));
    expect(api.count('GET', '/v1/collectivities/ville-de-demo/requests') - before).toBeGreaterThanOrEqual(all.length);
    expect(await parent.requests.list({ limit: '1' }).toArray({ limit: 2 })).toEqual(all.slice(0, 2));
  });

  it('pages through the agents’ inbox, oldest first', async () => {
    const oldestFirst = await withAdmin(agent).admin.requests.list({ order: 'oldest', limit: '2' }).toArray({ limit: 1000 });
    const newestFirst = (await withAdmin(agent).admin.requests.list({ limit: '100' })).items;
    expect(oldestFirst.map((r) => r.id)).toEqual(newestFirst.map((r) => r.id).reverse());
  });
});

describe('sending a request once', () => {
  /** A network that loses the answer to the first `POST …/requests`, after the API performed it. */
  function losingFirstAnswer(fetch: Fetch): Fetch & { keys: (string | null)[] } {
    const keys: (string | null)[] = [];
    const lossy: Fetch = async (url, init) => {
      const response = await fetch(url, init);
      if (init.method !== 'POST' || !new URL(url).pathname.endsWith('/requests')) return response;
      keys.push(new Headers(init.headers).get('idempotency-key'));
      if (keys.length > 1) return response;
      await response.body?.cancel();
      throw new TypeError('fetch failed', { cause: new Error('read ECONNRESET') });
    };
    return Object.assign(lossy, { keys });
  }

  it('does not send it again by itself when the answer is lost: the request exists once', async () => {
    const fetch = losingFirstAnswer(api.fetch);
    const client = await signedIn(DEMO.parent, api.client({ fetch, backoff: () => 0 }));
    const before = (await client.requests.list({ limit: '100' })).items.length;

    const lost = client.requests.create({ categoryId: category(null).id, answers: { subject: 'Réponse perdue' } });
    await expect(lost).rejects.toBeInstanceOf(FoyerNetworkError);
    expect(fetch.keys).toEqual([expect.stringMatching(/^[0-9a-f-]{36}$/)]);
    expect((await client.requests.list({ limit: '100' })).items).toHaveLength(before + 1);
  });
});

describe('request categories (agents)', () => {
  it('creates a category parents can write in, and archives it', async () => {
    const created = await withAdmin(agent).admin.requestCategories.create({
      title: 'Transport scolaire',
      fields: [{ key: 'line', type: 'choice', label: 'Ligne', required: true, options: ['Nord', 'Sud'] }],
      attachmentTypes: [],
    });
    expect(created).toMatchObject({ title: 'Transport scolaire', archived: false, effect: null, helpText: null });
    expect((await parent.requestCategories.list()).categories.map((c) => c.id)).toContain(created.id);

    const archived = await withAdmin(agent).admin.requestCategories.update(created.id, { archived: true });
    expect(archived.archived).toBe(true);
    expect((await parent.requestCategories.list()).categories.map((c) => c.id)).not.toContain(created.id);
    const all = (await withAdmin(agent).admin.requestCategories.list()).categories;
    expect(all.find((c) => c.id === created.id)).toMatchObject({ archived: true });
    await expect(
      withAdmin(parent).admin.requestCategories.create({ title: 'Piratage', fields: [], attachmentTypes: [] }),
    ).rejects.toMatchObject({ status: 403, code: 'forbidden' });
  });
});
