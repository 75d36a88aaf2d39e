import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saintExempleAgent } from './builders.js';
import { type DemoFamily, demoFamily } from './demo-family.js';
import { DEMO, startTestApp, type TestApp, type TestResponse } from './harness.js';
import { TEST_TODAY } from './test-database.js';
import { addDays, parisInstant } from './test-days.js';
import { FILES, uploader } from './uploads.js';

const C = '/v1/collectivities/ville-de-demo';

let t: TestApp;
let family: DemoFamily;
let parent: string;
let parent2: string;
let agent: string;
let agentAccountId: string;
let up: ReturnType<typeof uploader>;
let categories: { id: string; title: string; effect: string | null; fields: { key: string }[] }[];

beforeAll(async () => {
  t = await startTestApp();
  family = await demoFamily(t);
  parent = (await t.login(DEMO.parent)).accessToken;
  parent2 = (await t.login(DEMO.parent2)).accessToken;
  agent = (await t.login(DEMO.agent)).accessToken;
  agentAccountId = (await t.deps.db.selectFrom('accounts').select('id').where('email', '=', DEMO.agent).executeTakeFirstOrThrow())
    .id;
  up = uploader(t);
  categories = (await t.request('GET', `${C}/request-categories`, { token: parent })).body.categories;
});
afterAll(() => t.close());

/** Lets a second pass, so that steps are ordered in time as they would be. */
const tick = () => t.clock.advance(1000);

/** Moves the clock and signs in again (access tokens last minutes). */
async function travelTo(iso: string) {
  t.clock.set(iso);
  parent = (await t.login(DEMO.parent)).accessToken;
  agent = (await t.login(DEMO.agent)).accessToken;
}

function category(effect: 'pickup' | 'address' | 'allergy' | null): string {
  const found = categories.find((c) => c.effect === effect);
  if (!found) throw new Error(`no ${effect} category in the seed`);
  return found.id;
}

async function uploadDoc(type: string, token = parent): Promise<string> {
  const res = await up.upload(FILES.pdf(), { token, name: `${type}.pdf`, type });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

const send = (body: unknown, token = parent) => t.request('POST', `${C}/requests`, { token, body });
const admin = (method: string, path: string, body?: unknown, token = agent) =>
  t.request(method, `${C}/admin/requests${path}`, { token, body });

async function pickupRequest(person = 'Jeanne Dupuis'): Promise<TestResponse> {
  const identity = await uploadDoc('identity');
  return send({
    categoryId: category('pickup'),
    answers: { child: family.lucia, person, from: addDays(TEST_TODAY, 4) },
    body: `Je souhaiterais autoriser ${person} à venir récupérer mon enfant à partir du 1er décembre.`,
    attachmentIds: [identity],
  });
}

function expectProblem(res: TestResponse, status: number, code: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.body).toMatchObject({ status, code });
}

async function auditActions(objectId: string): Promise<string[]> {
  const rows = await t.deps.db
    .selectFrom('audit_log')
    .select('action')
    .where('object_id', '=', objectId)
    .orderBy('at')
    .orderBy('action')
    .execute();
  return rows.map((r) => r.action);
}

async function requestCount(): Promise<number> {
  const { n } = await t.deps.db
    .selectFrom('requests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('collectivity_id', '=', family.collectivityId)
    .executeTakeFirstOrThrow();
  return Number(n);
}

describe('request categories', () => {
  it('lists the seeded categories with their forms, templates and required documents', () => {
    const pickup = categories.find((c) => c.effect === 'pickup');
    expect(pickup).toMatchObject({
      title: "Autorisation de récupération d'un enfant",
      template: expect.stringContaining('Je souhaiterais autoriser'),
      fields: expect.arrayContaining([{ key: 'child', type: 'child', label: 'Enfant', required: true }]),
      attachmentTypes: [{ key: 'identity', label: "Pièce d'identité", required: true }],
    });
    expect(categories.map((c) => c.effect).sort()).toEqual(['address', 'allergy', 'pickup', null].sort());
    expect(categories.find((c) => c.effect === 'address')).toMatchObject({
      attachmentTypes: [expect.objectContaining({ key: 'proof_of_address', required: true })],
    });
    expect(categories.find((c) => c.effect === 'allergy')).toMatchObject({
      attachmentTypes: [expect.objectContaining({ key: 'medical_certificate', required: true })],
    });
  });

  it('are configured by admins: a category with an effect needs its fields, an archived one is hidden', async () => {
    const incomplete = await t.request('POST', `${C}/admin/request-categories`, {
      token: agent,
      body: {
        title: 'Récupération',
        fields: [{ key: 'person', type: 'text', label: 'Qui', required: true }],
        attachmentTypes: [],
        effect: 'pickup',
      },
    });
    expectProblem(incomplete, 400, 'validation_failed');
    expect(incomplete.body.errors).toContainEqual({
      path: 'body.fields',
      message: 'the pickup effect needs a required child field "child"',
    });
    const created = await t.request('POST', `${C}/admin/request-categories`, {
      token: agent,
      body: {
        title: 'Inscription à la sortie de fin d’année',
        helpText: 'Sortie au zoo en juin.',
        fields: [
          { key: 'child', type: 'child', label: 'Enfant', required: true },
          {
            key: 'lunch',
            type: 'choice',
            label: 'Pique-nique',
            required: true,
            options: ['Fourni par la famille', 'Commandé à la cantine'],
          },
        ],
        attachmentTypes: [{ key: 'authorisation', label: 'Autorisation parentale signée', required: true }],
        position: 9,
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ effect: null, archived: false, template: null });
    let listed = await t.request('GET', `${C}/request-categories`, { token: parent });
    expect(listed.body.categories.map((c: { id: string }) => c.id)).toContain(created.body.id);
    const archived = await t.request('PATCH', `${C}/admin/request-categories/${created.body.id}`, {
      token: agent,
      body: { archived: true },
    });
    expect(archived.body.archived).toBe(true);
    listed = await t.request('GET', `${C}/request-categories`, { token: parent });
    expect(listed.body.categories.map((c: { id: string }) => c.id)).not.toContain(created.body.id);
    expect(await auditActions(created.body.id)).toEqual(['request_category.created', 'request_category.updated']);
    // Only admins configure; plain parents cannot.
    expect((await t.request('GET', `${C}/admin/request-categories`, { token: parent })).status).toBe(403);
  });
});

describe('a pick-up authorisation, from the parent to the agent and back', () => {
  it('is sent with its identity card, processed by an agent and seen accepted by the parent', async () => {
    const sent = await pickupRequest();
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const id: string = sent.body.id;
    expect(sent.body).toMatchObject({
      status: 'submitted',
      category: { effect: 'pickup' },
      child: { id: family.lucia, firstName: 'Lucia' },
      answers: { child: family.lucia, person: 'Jeanne Dupuis', from: addDays(TEST_TODAY, 4) },
      attachments: [expect.objectContaining({ type: 'identity', contentType: 'application/pdf' })],
      messages: [],
      decidedAt: null,
    });
    expect(sent.body).not.toHaveProperty('assignedTo');
    await t.deliverEmails();
    expect(t.mailbox.latestTo(DEMO.parent)?.subject).toBe('Ville de Démo — Demande reçue');

    // The agent finds it in the inbox, takes it and answers.
    const inbox = await admin('GET', `?status=submitted&category=${category('pickup')}`);
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.map((r: { id: string }) => r.id)).toContain(id);
    expect(inbox.body.items.find((r: { id: string }) => r.id === id)).toMatchObject({
      household: { name: 'Famille Sanchez-Cordoves' },
      assignedTo: null,
    });
    // Opening it shows who may take Lucia away: the read is audited, as health reads are.
    const opened = await admin('GET', `/${id}`);
    expect(opened.body.answers).toMatchObject({ person: 'Jeanne Dupuis' });
    expect(await auditActions(id)).toEqual(['health.read']);
    tick();
    const assigned = await admin('POST', `/${id}/assign`, {});
    expect(assigned.body).toMatchObject({ status: 'in_progress', assignedTo: { id: agentAccountId } });
    tick();
    const answered = await admin('POST', `/${id}/messages`, { body: 'Bonjour, nous vérifions la pièce d’identité.' });
    expect(answered.body.messages).toEqual([
      expect.objectContaining({
        authorKind: 'agent',
        authorName: 'Nadia Roche (service Enfance)',
        body: 'Bonjour, nous vérifions la pièce d’identité.',
      }),
    ]);

    // It downloads the identity card, and accepts.
    const identity = await up.download(`${C}/admin/attachments/${sent.body.attachments[0].id}`, agent);
    expect(identity.status).toBe(200);
    tick();
    const accepted = await admin('POST', `/${id}/decision`, { decision: 'accept', reason: 'Autorisation ajoutée à la fiche.' });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', decisionReason: 'Autorisation ajoutée à la fiche.' });

    // The child's record now lists the person; the parent sees it accepted in the history.
    const lucia = await t.request('GET', `${C}/children/${family.lucia}`, { token: parent });
    expect(lucia.body.authorisedPickups).toEqual([
      { name: 'Carmen Ruiz', relationship: 'grand-mère', phone: '06 12 34 56 78' },
      { name: 'Jeanne Dupuis' },
    ]);
    const history = await t.request('GET', `${C}/requests`, { token: parent });
    expect(history.body.items[0]).toMatchObject({ id, status: 'accepted', decidedAt: expect.any(String) });
    const detail = await t.request('GET', `${C}/requests/${id}`, { token: parent });
    expect(detail.body).toMatchObject({ status: 'accepted', decisionReason: 'Autorisation ajoutée à la fiche.' });
    expect(detail.body.messages).toHaveLength(1);

    // Every step is audited, and the family was emailed at each change, without the details.
    expect(await auditActions(id)).toEqual(['health.read', 'request.assigned', 'request.answered', 'request.accepted']);
    const childAudit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'actor_account_id', 'details'])
      .where('object_id', '=', family.lucia)
      .where('action', '=', 'child.pickup_authorised')
      .executeTakeFirstOrThrow();
    expect(childAudit).toMatchObject({ actor_account_id: agentAccountId, details: { requestId: id, person: 'Jeanne Dupuis' } });
    await t.deliverEmails();
    const subjects = t.mailbox
      .list()
      .filter((m) => m.to === DEMO.parent)
      .map((m) => m.subject);
    expect(subjects.slice(0, 3)).toEqual([
      'Ville de Démo — Demande acceptée',
      'Ville de Démo — Nouveau message sur votre demande',
      'Ville de Démo — Demande en cours de traitement',
    ]);
    const last = t.mailbox.latestTo(DEMO.parent);
    expect(last?.text).toContain("« Autorisation de récupération d'un enfant » pour Lucia");
    expect(last?.text).not.toContain('Jeanne');

    // A decision is final.
    expectProblem(await admin('POST', `/${id}/decision`, { decision: 'reject', reason: 'Erreur' }), 409, 'request_decided');
    expectProblem(await admin('POST', `/${id}/needs-info`, { message: 'Autre chose ?' }), 409, 'request_decided');
  });

  it('is refused without the identity card, and nothing is created', async () => {
    const before = await requestCount();
    const res = await send({
      categoryId: category('pickup'),
      answers: { child: family.lucia, person: 'Paul', from: addDays(TEST_TODAY, 4) },
    });
    expectProblem(res, 400, 'missing_attachments');
    expect(res.body.errors).toEqual([
      { path: 'body.attachmentIds', message: `needs a document of type "identity" (Pièce d'identité)` },
    ]);
    const proof = await uploadDoc('proof_of_address');
    const wrongType = await send({
      categoryId: category('pickup'),
      answers: { child: family.lucia, person: 'Paul', from: addDays(TEST_TODAY, 4) },
      attachmentIds: [proof],
    });
    expectProblem(wrongType, 400, 'missing_attachments');
    expect(await requestCount()).toBe(before);
    // The document refused with the request is still free for the next one.
    const pending = await t.deps.db
      .selectFrom('attachments')
      .select('request_id')
      .where('id', '=', proof)
      .executeTakeFirstOrThrow();
    expect(pending.request_id).toBeNull();
  });

  it("checks the answers against the category's form", async () => {
    const before = await requestCount();
    const res = await send({
      categoryId: category('pickup'),
      answers: { child: family.leo, from: '1er décembre', colour: 'bleu' },
      attachmentIds: [await uploadDoc('identity')],
    });
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors).toEqual([
      { path: 'body.answers.colour', message: 'is not a field of this category' },
      { path: 'body.answers.child', message: 'is not one of your children' },
      { path: 'body.answers.person', message: 'is required (Personne autorisée)' },
      { path: 'body.answers.from', message: 'must be a date YYYY-MM-DD' },
    ]);
    const choice = await send({
      categoryId: category('allergy'),
      answers: { child: family.alvaro, allergens: 'lait', carePlan: 'Peut-être' },
      attachmentIds: [await uploadDoc('medical_certificate')],
    });
    expect(choice.body.errors).toEqual([
      { path: 'body.answers.carePlan', message: 'must be one of: Oui, Non, Un PAI existe déjà' },
    ]);
    const otherChild = await send({ categoryId: category(null), childId: family.leo, answers: { subject: 'Question' } });
    expect(otherChild.body.errors).toEqual([{ path: 'body.childId', message: 'is not one of your children' }]);
    expectProblem(await send({ categoryId: family.collectivityId, answers: {} }), 400, 'validation_failed');
    expect(await requestCount()).toBe(before);
  });

  it("refuses another household's document, and a document already sent", async () => {
    const theirs = await uploadDoc('identity', parent2);
    const res = await send({
      categoryId: category('pickup'),
      answers: { child: family.lucia, person: 'Paul Martin', from: addDays(TEST_TODAY, 4) },
      attachmentIds: [theirs],
    });
    expectProblem(res, 400, 'invalid_attachment');
    expect(res.body.errors).toEqual([{ path: 'body.attachmentIds.0', message: 'is not one of your documents' }]);

    const first = await pickupRequest('Paul Martin');
    expect(first.status).toBe(201);
    const again = await send({
      categoryId: category('pickup'),
      answers: { child: family.alvaro, person: 'Paul Martin', from: addDays(TEST_TODAY, 4) },
      attachmentIds: [first.body.attachments[0].id],
    });
    expectProblem(again, 409, 'attachment_already_used');
  });

  it('links a document to one request only, even when two are sent at once', async () => {
    const identity = await uploadDoc('identity');
    const body = {
      categoryId: category('pickup'),
      answers: { child: family.lucia, person: 'Léa Bon', from: addDays(TEST_TODAY, 4) },
      attachmentIds: [identity],
    };
    const results = await Promise.all([send(body), send(body)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const linked = await t.deps.db
      .selectFrom('requests')
      .select('id')
      .where(sql<boolean>`answers @> ${JSON.stringify({ person: 'Léa Bon' })}::jsonb`)
      .execute();
    expect(linked).toHaveLength(1);
  });
});

describe('requests are private', () => {
  let id: string;
  let attachmentId: string;
  beforeAll(async () => {
    const res = await pickupRequest('Inès Morel');
    id = res.body.id;
    attachmentId = res.body.attachments[0].id;
  });

  it('answers 404 to another household, on the request, its thread and its document', async () => {
    expectProblem(await t.request('GET', `${C}/requests/${id}`, { token: parent2 }), 404, 'not_found');
    expectProblem(
      await t.request('POST', `${C}/requests/${id}/messages`, { token: parent2, body: { body: 'Bonjour' } }),
      404,
      'not_found',
    );
    expect((await up.download(`${C}/attachments/${attachmentId}`, parent2)).status).toBe(404);
    const list = await t.request('GET', `${C}/requests`, { token: parent2 });
    expect(list.body.items.map((r: { id: string }) => r.id)).not.toContain(id);
  });

  it('answers 404 to an agent of another collectivity, and 403 on this collectivity', async () => {
    const stranger = await saintExempleAgent(t);
    const other = '/v1/collectivities/saint-exemple/admin';
    expectProblem(await t.request('GET', `${other}/requests/${id}`, { token: stranger }), 404, 'not_found');
    expectProblem(
      await t.request('POST', `${other}/requests/${id}/decision`, { token: stranger, body: { decision: 'accept' } }),
      404,
      'not_found',
    );
    expect((await up.download(`${other}/attachments/${attachmentId}`, stranger)).status).toBe(404);
    const inbox = await t.request('GET', `${other}/requests`, { token: stranger });
    expect(inbox.body.items).toEqual([]);
    expectProblem(await admin('GET', `/${id}`, undefined, stranger), 403, 'forbidden');
  });

  it('is not for parents on the agent routes', async () => {
    expectProblem(await admin('GET', `/${id}`, undefined, parent), 403, 'forbidden');
    expectProblem(await admin('POST', `/${id}/decision`, { decision: 'accept' }, parent), 403, 'forbidden');
  });
});

describe('an allergy change goes through a request', () => {
  it('asks for information, gets a new certificate, and updates the child when accepted, audited', async () => {
    const certificate = await uploadDoc('medical_certificate');
    const sent = await send({
      categoryId: category('allergy'),
      answers: {
        child: family.alvaro,
        allergens: 'Lait de vache; œuf',
        carePlan: 'Oui',
        details: 'Stylo d’adrénaline dans le cartable.',
      },
      attachmentIds: [certificate],
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const id: string = sent.body.id;

    // Reading it shows health data: the read is audited.
    const read = await admin('GET', `/${id}`);
    expect(read.body.answers).toMatchObject({ allergens: 'Lait de vache; œuf' });
    expect(await auditActions(id)).toEqual(['health.read']);

    tick();
    const asked = await admin('POST', `/${id}/needs-info`, { message: 'Le certificat est illisible, pouvez-vous le renvoyer ?' });
    expect(asked.body).toMatchObject({ status: 'needs_info', assignedTo: { id: agentAccountId } });
    await t.deliverEmails();
    expect(t.mailbox.latestTo(DEMO.parent)?.text).toContain('en attente d’informations de votre part');

    tick();
    const clearer = await uploadDoc('medical_certificate');
    const replied = await t.request('POST', `${C}/requests/${id}/messages`, {
      token: parent,
      body: { body: 'Voici un nouveau scan.', attachmentIds: [clearer] },
    });
    expect(replied.status, JSON.stringify(replied.body)).toBe(200);
    expect(replied.body.status).toBe('in_progress');
    expect(replied.body.attachments.map((a: { id: string }) => a.id)).toEqual([certificate, clearer]);
    expect(replied.body.messages.map((m: { authorKind: string }) => m.authorKind)).toEqual(['agent', 'parent']);

    tick();
    const accepted = await admin('POST', `/${id}/decision`, { decision: 'accept' });
    expect(accepted.body.status).toBe('accepted');
    const alvaro = await t.deps.db
      .selectFrom('children')
      .select(['allergies', 'care_plan', 'care_plan_notes'])
      .where('id', '=', family.alvaro)
      .executeTakeFirstOrThrow();
    expect(alvaro).toEqual({
      allergies: ['Lait de vache', 'œuf'],
      care_plan: true,
      care_plan_notes: 'Stylo d’adrénaline dans le cartable.',
    });
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'actor_account_id', 'details'])
      .where('object_id', '=', family.alvaro)
      .where('action', '=', 'child.health_changed')
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({
      action: 'child.health_changed',
      actor_account_id: agentAccountId,
      details: { requestId: id, fields: ['allergies', 'care_plan', 'care_plan_notes'] },
    });
    expect(JSON.stringify(audit.details)).not.toContain('Lait');
    expect(await auditActions(id)).toEqual(['health.read', 'request.needs_info', 'request.accepted']);
  });

  it('keeps the allergens a child already has, whatever their case', async () => {
    const sent = await send({
      categoryId: category('allergy'),
      answers: { child: family.lucia, allergens: 'Arachide, kiwi', carePlan: 'Un PAI existe déjà' },
      attachmentIds: [await uploadDoc('medical_certificate')],
    });
    await admin('POST', `/${sent.body.id}/decision`, { decision: 'accept' });
    const lucia = await t.request('GET', `${C}/children/${family.lucia}`, { token: parent });
    expect(lucia.body.allergies).toEqual(['arachide', 'kiwi']);
    expect(lucia.body.carePlanNotes).toBe('Trousse PAI dans le bureau de la direction');
  });

  it('changes nothing when rejected, and a rejection needs a reason', async () => {
    const sent = await send({
      categoryId: category('allergy'),
      answers: { child: family.lucia, allergens: 'gluten', carePlan: 'Non' },
      attachmentIds: [await uploadDoc('medical_certificate')],
    });
    expectProblem(await admin('POST', `/${sent.body.id}/decision`, { decision: 'reject' }), 400, 'validation_failed');
    const rejected = await admin('POST', `/${sent.body.id}/decision`, { decision: 'reject', reason: 'Certificat non signé.' });
    expect(rejected.body).toMatchObject({ status: 'rejected', decisionReason: 'Certificat non signé.' });
    const lucia = await t.request('GET', `${C}/children/${family.lucia}`, { token: parent });
    expect(lucia.body.allergies).not.toContain('gluten');
  });
});

describe('an address change goes through a request', () => {
  it("sets the household's address when accepted", async () => {
    const sent = await send({
      categoryId: category('address'),
      answers: { line1: '3 place de la Mairie', postalCode: '31000', city: 'Toulouse', from: addDays(TEST_TODAY, 18) },
      body: 'Nous avons déménagé.',
      attachmentIds: [await uploadDoc('proof_of_address')],
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body.child).toBeNull();
    await admin('POST', `/${sent.body.id}/decision`, { decision: 'accept', reason: 'Justificatif conforme.' });
    const household = await t.request('GET', `${C}/household`, { token: parent });
    expect(household.body.address).toEqual({ line1: '3 place de la Mairie', postalCode: '31000', city: 'Toulouse' });
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'household.address_changed')
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ requestId: sent.body.id, after: { city: 'Toulouse' }, before: expect.any(Object) });
  });
});

describe('the inbox', () => {
  it('pages by cursor without gaps or repeats, and filters by status, category and day', async () => {
    // Requests sent on three days from five days ahead, the last one just after midnight in Paris.
    const first = addDays(TEST_TODAY, 5);
    const instants = [
      parisInstant(first, '10:00'),
      parisInstant(addDays(first, 1), '10:00'),
      parisInstant(addDays(first, 1), '10:00'),
      parisInstant(addDays(first, 3), '00:30'),
    ];
    for (const day of instants) {
      await travelTo(day);
      const res = await send({ categoryId: category(null), answers: { subject: `Question du ${day}` } });
      expect(res.status).toBe(201);
    }
    const all = await admin('GET', '?limit=100');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: TestResponse = await admin('GET', `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((r: { id: string }) => r.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.body.items.map((r: { id: string }) => r.id));
    expect(new Set(seen).size).toBe(seen.length);
    const times = all.body.items.map((r: { createdAt: string }) => r.createdAt);
    expect([...times].sort().reverse()).toEqual(times);

    // The last one was sent on the evening before in UTC: the day filter is the day in Paris.
    const second = await admin('GET', `?from=${addDays(first, 1)}&to=${addDays(first, 2)}&category=${category(null)}`);
    expect(second.body.items).toHaveLength(2);
    const fourth = await admin('GET', `?from=${addDays(first, 3)}&to=${addDays(first, 3)}`);
    expect(fourth.body.items).toHaveLength(1);
    const oldest = await admin('GET', '?order=oldest&limit=1');
    expect(oldest.body.items[0].createdAt < times[0]).toBe(true);
    const open = await admin('GET', '?status=accepted,rejected');
    expect(open.body.items.every((r: { status: string }) => ['accepted', 'rejected'].includes(r.status))).toBe(true);
    expectProblem(await admin('GET', '?status=lost'), 400, 'validation_failed');
    expectProblem(await admin('GET', '?cursor=bm90LWEtY3Vyc29y'), 400, 'invalid_cursor');
    expectProblem(await admin('GET', `?from=${addDays(first, 3)}&to=${first}`), 400, 'validation_failed');
  });

  it('assigns to another agent of the collectivity only', async () => {
    const sent = await send({ categoryId: category(null), answers: { subject: 'Assignation' } });
    const stranger = await t.deps.db
      .selectFrom('accounts')
      .select('id')
      .where('email', '=', DEMO.parent2)
      .executeTakeFirstOrThrow();
    expectProblem(await admin('POST', `/${sent.body.id}/assign`, { agentAccountId: stranger.id }), 400, 'validation_failed');
    const mine = await admin('GET', `?assignedTo=${agentAccountId}`);
    expect(mine.body.items.every((r: { assignedTo: { id: string } }) => r.assignedTo.id === agentAccountId)).toBe(true);
  });
});

describe('request emails are capped per household', () => {
  it('announces at most 10 requests a day by email, still takes the others, and announces again the next day', async () => {
    const received = () =>
      t.mailbox.list().filter((m) => m.to === DEMO.parent2 && m.subject === 'Ville de Démo — Demande reçue').length;
    parent2 = (await t.login(DEMO.parent2)).accessToken;
    agent = (await t.login(DEMO.agent)).accessToken;
    await t.deliverEmails();
    const before = received();
    const sent: string[] = [];
    for (let i = 1; i <= 12; i++) {
      const res = await send({ categoryId: category(null), answers: { subject: `Question ${i}` } }, parent2);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      sent.push(res.body.id);
    }
    await t.deliverEmails();
    expect(received() - before).toBe(10);
    // Every request reached the agents all the same.
    const inbox = await admin('GET', `?category=${category(null)}&limit=100`);
    expect(inbox.status).toBe(200);
    const ids = new Set(inbox.body.items.map((r: { id: string }) => r.id));
    expect(sent.every((id) => ids.has(id))).toBe(true);

    t.clock.advance(24 * 3_600_000 + 1000);
    parent2 = (await t.login(DEMO.parent2)).accessToken;
    agent = (await t.login(DEMO.agent)).accessToken;
    const nextDay = await send({ categoryId: category(null), answers: { subject: 'Le lendemain' } }, parent2);
    expect(nextDay.status).toBe(201);
    await t.deliverEmails();
    expect(received() - before).toBe(11);
  });
});
