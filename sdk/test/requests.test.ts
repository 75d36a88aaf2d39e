import { type FoyerClient, FoyerError, FoyerNetworkError, type me } from '@foyer/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withAdmin } from '../src/client/admin.js';
import { DEMO, type SdkTestApp, startSdkTestApp } from './api.js';
import { fakeFetch, json, problem } from './fake-fetch.js';

let api: SdkTestApp;
let parent: FoyerClient;
beforeAll(async () => {
  api = await startSdkTestApp();
  parent = api.client();
  await parent.auth.login({ email: DEMO.parent, password: DEMO.password });
});
afterAll(() => api.close());

describe('namespaces', () => {
  it('reads public collectivity information, for the client collectivity or another one', async () => {
    const anonymous = api.client();
    expect(await anonymous.collectivity.get()).toMatchObject({ slug: 'ville-de-demo', timeZone: 'Europe/Paris' });
    expect(await anonymous.collectivity.get({ collectivity: DEMO.collectivities.second })).toMatchObject({
      slug: 'saint-exemple',
    });
    expect(api.sent.at(-1)).toBe('GET /v1/collectivities/saint-exemple');
  });

  it("reads the parent's household and children", async () => {
    const household = await parent.household.get();
    expect(household.guardians.map((g) => g.email)).toContain(DEMO.parent);
    const { children } = await parent.children.list();
    expect(children.length).toBeGreaterThan(0);
    const [first] = children;
    expect(await parent.children.get(first?.id ?? '')).toEqual(first);
  });

  it('takes the collectivity of one call over the client one', async () => {
    const here = await parent.household.get();
    const there = await parent.household.get({ collectivity: DEMO.collectivities.second });
    expect(there.id).not.toBe(here.id);
    expect(api.sent.at(-1)).toBe('GET /v1/collectivities/saint-exemple/household');
  });

  it('refuses a collectivity-scoped call when no collectivity is known', async () => {
    const client = api.client({ collectivity: undefined });
    await expect(client.collectivity.get()).rejects.toThrow(/needs the path parameter "c"/);
  });
});

describe('booking-engine namespaces', () => {
  it('send the contract requests: ids in the path, the rest in the query or the body', async () => {
    const fetch = fakeFetch(json(200, {}));
    const client = api.client({ fetch, validateResponses: false });
    const lines = [{ childId: 'child-1', activityId: 'act-1', action: 'book' as const, dates: ['2027-01-04'] }];
    await client.services.list();
    await client.calendar.get('child-1', { from: '2027-01-01', to: '2027-01-31', service: 'svc-1' });
    await client.cart.get();
    await client.cart.addLines({ lines });
    await client.cart.removeLine('line-1');
    await client.cart.empty();
    await client.cart.checkout();
    await client.bookings.list({ from: '2027-01-01', to: '2027-01-31', child: 'child-1', status: 'booked' });
    await client.payments.get('pay-1');
    await withAdmin(client).admin.lateCancellations.list();
    await withAdmin(client).admin.lateCancellations.decide('booking-1', { decision: 'reject', reason: 'Trop tard' });
    await withAdmin(client).admin.dayList.get({ date: '2026-11-27', activity: 'act-1' });

    const c = '/v1/collectivities/ville-de-demo';
    expect(fetch.requests.map((r) => `${r.method} ${r.url.replace('http://foyer.test', '')}`)).toEqual([
      `GET ${c}/services`,
      `GET ${c}/children/child-1/calendar?from=2027-01-01&to=2027-01-31&service=svc-1`,
      `GET ${c}/cart`,
      `POST ${c}/cart/lines`,
      `DELETE ${c}/cart/lines/line-1`,
      `DELETE ${c}/cart`,
      `POST ${c}/cart/checkout`,
      `GET ${c}/bookings?from=2027-01-01&to=2027-01-31&child=child-1&status=booked`,
      `GET ${c}/payments/pay-1`,
      `GET ${c}/admin/late-cancellations`,
      `POST ${c}/admin/late-cancellations/booking-1/decision`,
      `GET ${c}/admin/day-list?date=2026-11-27&activity=act-1`,
    ]);
    const [addLines, checkout, decide] = fetch.requests.filter((r) => r.method === 'POST');
    expect(addLines?.body).toEqual({ lines });
    expect(checkout?.body).toEqual({});
    expect(decide?.body).toEqual({ decision: 'reject', reason: 'Trop tard' });
    // Only the checkout must happen once: it alone carries a key.
    const keyed = fetch.requests.filter((r) => r.headers.has('idempotency-key'));
    expect(keyed).toEqual([checkout]);
  });
});

describe('request and profile namespaces', () => {
  const id = 'req-1';
  const c = '/v1/collectivities/ville-de-demo';

  it('send the contract requests: ids in the path, the rest in the query or the body', async () => {
    const fetch = fakeFetch(json(200, { items: [], nextCursor: null }));
    const client = api.client({ fetch, validateResponses: false });
    await client.requestCategories.list();
    await client.requests.list({ status: 'submitted,needs_info', limit: '10' });
    await client.requests.get(id);
    await client.requests.create({ categoryId: 'cat-1', answers: { subject: 'Cantine' } });
    await client.requests.reply(id, { body: 'Voici le document', attachmentIds: ['att-1'] });
    await client.attachments.download('att-1');
    await client.household.update({ phone: '05 61 00 00 00' });
    await client.household.guardians.list();
    await client.household.guardians.create({ firstName: 'Carmen', lastName: 'Ruiz' });
    await client.household.guardians.update('g-1', { phoneMobile: null });
    await client.me.changeEmail({ newEmail: 'new@example.org', password: 'p' });
    await client.me.confirmEmail({ token: 'a'.repeat(32) });
    await withAdmin(client).admin.requests.list({ assignedTo: 'agent-1', order: 'oldest' });
    await withAdmin(client).admin.requests.get(id);
    await withAdmin(client).admin.requests.assign(id);
    await withAdmin(client).admin.requests.reply(id, { body: 'Bien reçu' });
    await withAdmin(client).admin.requests.needsInfo(id, { message: 'Pouvez-vous joindre la pièce ?' });
    await withAdmin(client).admin.requests.decide(id, { decision: 'reject', reason: 'Pièce illisible' });
    await withAdmin(client).admin.requestCategories.list();
    await withAdmin(client).admin.requestCategories.create({ title: 'Transport', fields: [], attachmentTypes: [] });
    await withAdmin(client).admin.requestCategories.update('cat-1', { archived: true });
    await withAdmin(client).admin.attachments.download('att-1');

    expect(fetch.requests.map((r) => `${r.method} ${r.url.replace('http://foyer.test', '')}`)).toEqual([
      `GET ${c}/request-categories`,
      `GET ${c}/requests?status=submitted%2Cneeds_info&limit=10`,
      `GET ${c}/requests/req-1`,
      `POST ${c}/requests`,
      `POST ${c}/requests/req-1/messages`,
      `GET ${c}/attachments/att-1`,
      `PATCH ${c}/household`,
      `GET ${c}/household/guardians`,
      `POST ${c}/household/guardians`,
      `PATCH ${c}/household/guardians/g-1`,
      'POST /v1/me/email',
      'POST /v1/me/email/confirm',
      `GET ${c}/admin/requests?assignedTo=agent-1&order=oldest`,
      `GET ${c}/admin/requests/req-1`,
      `POST ${c}/admin/requests/req-1/assign`,
      `POST ${c}/admin/requests/req-1/messages`,
      `POST ${c}/admin/requests/req-1/needs-info`,
      `POST ${c}/admin/requests/req-1/decision`,
      `GET ${c}/admin/request-categories`,
      `POST ${c}/admin/request-categories`,
      `PATCH ${c}/admin/request-categories/cat-1`,
      `GET ${c}/admin/attachments/att-1`,
    ]);
    const bodies = fetch.requests.filter((r) => r.method !== 'GET').map((r) => r.body);
    expect(bodies).toEqual([
      { categoryId: 'cat-1', answers: { subject: 'Cantine' } },
      { body: 'Voici le document', attachmentIds: ['att-1'] },
      { phone: '05 61 00 00 00' },
      { firstName: 'Carmen', lastName: 'Ruiz' },
      { phoneMobile: null },
      { newEmail: 'new@example.org', password: 'p' },
      { token: 'a'.repeat(32) },
      {},
      { body: 'Bien reçu' },
      { message: 'Pouvez-vous joindre la pièce ?' },
      { decision: 'reject', reason: 'Pièce illisible' },
      { title: 'Transport', fields: [], attachmentTypes: [] },
      { archived: true },
    ]);
    // Only the new request carries a key (besides the checkout, not called here).
    const keyed = fetch.requests.filter((r) => r.headers.has('idempotency-key'));
    expect(keyed.map((r) => r.url)).toEqual([`http://foyer.test${c}/requests`]);
  });

  it('uploads a Blob as multipart/form-data, leaving the Content-Type and its boundary to fetch', async () => {
    const fetch = fakeFetch(json(201, {}));
    const client = api.client({ fetch, validateResponses: false });
    const progress: number[] = [];
    const blob = new Blob(['%PDF-1.4 scan'], { type: 'application/pdf' });
    await client.attachments.upload(blob, { filename: 'scan.pdf', type: 'identity', onProgress: (f) => progress.push(f) });
    await client.attachments.upload(new File(['%PDF-1.4'], 'justificatif.pdf'));
    await client.attachments.upload(new Blob(['%PDF-1.4']));

    const [named, file, bare] = fetch.requests.map((r) => ({ ...r, form: r.form ?? new FormData() }));
    expect(named).toMatchObject({ method: 'POST', url: `http://foyer.test${c}/attachments`, body: undefined });
    expect(named?.headers.has('content-type')).toBe(false);
    expect(named?.form.get('type')).toBe('identity');
    const sent = named?.form.get('file');
    expect(sent).toBeInstanceOf(File);
    expect((sent as File).name).toBe('scan.pdf');
    expect(await (sent as File).text()).toBe('%PDF-1.4 scan');
    expect(progress).toEqual([0, 1]);
    const nameOf = (form: FormData | undefined) => (form?.get('file') as File | null)?.name;
    expect(nameOf(file?.form)).toBe('justificatif.pdf');
    expect(file?.form.has('type')).toBe(false);
    expect(nameOf(bare?.form)).toBe('document');
  });

  it('sends a new request with an idempotency key, but never retries it: the API does not recognise the key yet', async () => {
    const fetch = fakeFetch(problem(503, 'service_unavailable'), json(201, {}));
    const client = api.client({ fetch, validateResponses: false });
    const body = { categoryId: 'cat-1' };
    await expect(client.requests.create(body)).rejects.toMatchObject({ status: 503 });
    expect(fetch.requests).toHaveLength(1);
    expect(fetch.requests[0]?.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);

    const offline = fakeFetch(new TypeError('fetch failed'), json(201, {}));
    const again = api.client({ fetch: offline, validateResponses: false });
    await expect(again.requests.create(body, { idempotencyKey: 'request-42', maxRetries: 3 })).rejects.toBeInstanceOf(
      FoyerNetworkError,
    );
    expect(offline.requests.map((r) => r.headers.get('idempotency-key'))).toEqual(['request-42']);
  });

  it('reads the file name of a download from Content-Disposition, UTF-8 name first', async () => {
    const pdf = (disposition?: string) =>
      new Response('%PDF-1.4', {
        headers: { 'content-type': 'application/pdf', ...(disposition ? { 'content-disposition': disposition } : {}) },
      });
    const fetch = fakeFetch(
      pdf(`attachment; filename="Piece d'identite.pdf"; filename*=UTF-8''Pi%C3%A8ce%20d%27identit%C3%A9.pdf`),
      pdf('attachment; filename="scan \\"1\\".pdf"'),
      pdf('attachment; filename=scan.pdf'),
      pdf(),
    );
    const client = api.client({ fetch });
    const names = [];
    for (let i = 0; i < 4; i++) names.push((await client.attachments.download('att-1')).filename);
    expect(names).toEqual(["Pièce d'identité.pdf", 'scan "1".pdf', 'scan.pdf', 'document']);
    const download = await client.attachments.download('att-1');
    expect(download.contentType).toBe('application/pdf');
    expect(await download.blob.text()).toBe('%PDF-1.4');
    expect(fetch.requests[0]?.headers.get('accept')).toBe('*/*');
  });
});

describe('errors', () => {
  it('turns a validation problem into a FoyerError with the invalid fields', async () => {
    const error = await api
      .client()
      .auth.login({ email: 'not-an-email', password: 'whatever' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(FoyerError);
    expect(error).not.toBeInstanceOf(FoyerNetworkError);
    expect(error).toMatchObject({ status: 400, code: 'validation_failed', title: 'Bad Request' });
    expect(error.errors[0]).toEqual({ path: 'body.email', message: 'must be an email address' });
    expect(error.requestId).toEqual(expect.any(String));
    expect(error.message).toBe(error.detail);
  });

  it('answers an unknown child with not_found and an agent-only call with forbidden', async () => {
    await expect(parent.children.get(crypto.randomUUID())).rejects.toMatchObject({ status: 404, code: 'not_found' });
    await expect(
      withAdmin(parent).admin.households.create({
        name: 'X',
        guardian: { firstName: 'A', lastName: 'B', email: 'a@example.org' },
      }),
    ).rejects.toMatchObject({ status: 403, code: 'forbidden' });
  });

  it('sends JSON bodies the API accepts, and resolves empty answers to undefined', async () => {
    const answer = await api.client().auth.resetPassword.request({ email: DEMO.parent2, collectivity: DEMO.collectivities.demo });
    expect(answer).toBeUndefined();
  });
});

describe('response validation', () => {
  const wrongMe = { account: { id: 'not-a-uuid', email: 'x@example.org', displayName: 'X' }, memberships: [] };

  it('rejects an answer outside the contract with invalid_response', async () => {
    const client = api.client({ fetch: fakeFetch(json(200, wrongMe, { 'x-request-id': 'req-1' })) });
    const error = await client.me.get().catch((e) => e);
    expect(error).toBeInstanceOf(FoyerError);
    expect(error).toMatchObject({ status: 200, code: 'invalid_response', requestId: 'req-1' });
    expect(error.errors).toEqual([{ path: 'response.account.id', message: 'must be a UUID' }]);
  });

  it('can be turned off, and returns the output of the schema when on', async () => {
    const lenient = api.client({ fetch: fakeFetch(json(200, wrongMe)), validateResponses: false });
    expect(await lenient.me.get()).toEqual(wrongMe);
    const withExtra = { ...wrongMe, account: { ...wrongMe.account, id: crypto.randomUUID() }, internal: true };
    const strict = api.client({ fetch: fakeFetch(json(200, withExtra)) });
    const answer: me.Me = await strict.me.get();
    expect(answer).not.toHaveProperty('internal');
  });

  it('rejects an answer that is not JSON', async () => {
    const client = api.client({ fetch: fakeFetch(new Response('<html>proxy</html>', { status: 200 })) });
    await expect(client.me.get()).rejects.toMatchObject({ code: 'invalid_response' });
  });

  it('builds an error from a status alone when the body is not a problem', async () => {
    const client = api.client({
      fetch: fakeFetch(new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' })),
    });
    await expect(client.me.get()).rejects.toMatchObject({ status: 502, code: 'http_error', title: 'Bad Gateway' });
  });
});
