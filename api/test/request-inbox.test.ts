import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentWithRole } from './agent-builders.js';
import { DEMO, startTestApp, type TestApp } from './harness.js';

const C = '/v1/collectivities/ville-de-demo';

let t: TestApp;
let parent: string;
let agent: string;
let categoryId: string;

interface InboxRow {
  id: string;
  unread: boolean;
  lastMessageAt: string | null;
  assignedTo: { id: string } | null;
  status: string;
}

beforeAll(async () => {
  t = await startTestApp();
  parent = (await t.login(DEMO.parent)).accessToken;
  agent = (await t.login(DEMO.agent)).accessToken;
  const categories = (await t.request('GET', `${C}/request-categories`, { token: parent })).body.categories;
  categoryId = categories.find((c: { effect: string | null }) => c.effect === null).id;
});
afterAll(() => t.close());

async function sendRequest(subject: string): Promise<string> {
  const res = await t.request('POST', `${C}/requests`, { token: parent, body: { categoryId, answers: { subject } } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

async function inbox(query = '', token = agent): Promise<{ items: InboxRow[]; unreadCount: number }> {
  const res = await t.request('GET', `${C}/admin/requests?limit=100${query}`, { token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

const rowOf = async (id: string, token = agent) => (await inbox('', token)).items.find((r) => r.id === id);

describe('the inbox says what each agent has not read', () => {
  it('marks a new request unread until the agent opens it, and again when the family writes', async () => {
    const id = await sendRequest('Horaires du centre de loisirs');
    const before = await inbox();
    expect(await rowOf(id)).toMatchObject({ unread: true, lastMessageAt: null });

    expect((await t.request('GET', `${C}/admin/requests/${id}`, { token: agent })).status).toBe(200);
    expect(await rowOf(id)).toMatchObject({ unread: false });
    expect((await inbox()).unreadCount).toBe(before.unreadCount - 1);

    // In the same instant as the reading: still a new message.
    const reply = await t.request('POST', `${C}/requests/${id}/messages`, { token: parent, body: { body: 'Et le mercredi ?' } });
    expect(reply.status).toBe(200);
    const after = await rowOf(id);
    expect(after).toMatchObject({ unread: true, lastMessageAt: t.clock.now().toISOString() });
    expect((await inbox()).unreadCount).toBe(before.unreadCount);

    // The agent's own answer is not news to them.
    await t.request('GET', `${C}/admin/requests/${id}`, { token: agent });
    t.clock.advance(60_000);
    await t.request('POST', `${C}/admin/requests/${id}/messages`, { token: agent, body: { body: 'Le mercredi aussi.' } });
    expect(await rowOf(id)).toMatchObject({ unread: false, lastMessageAt: t.clock.now().toISOString() });
  });

  it('keeps each agent their own marks', async () => {
    const other = await agentWithRole(t, 'agent');
    const id = await sendRequest('Cantine du vendredi');
    await t.request('GET', `${C}/admin/requests/${id}`, { token: agent });
    expect(await rowOf(id)).toMatchObject({ unread: false });
    expect(await rowOf(id, other.token)).toMatchObject({ unread: true });
  });

  it("does not hand a new agent the decided history as unread, only a family's writing after the decision", async () => {
    const id = await sendRequest('Question réglée');
    await t.request('GET', `${C}/admin/requests/${id}`, { token: agent });
    t.clock.advance(60_000);
    const decided = await t.request('POST', `${C}/admin/requests/${id}/decision`, {
      token: agent,
      body: { decision: 'reject', reason: 'Sans objet.' },
    });
    expect(decided.status).toBe(200);
    const newcomer = await agentWithRole(t, 'agent');
    expect(await rowOf(id, newcomer.token)).toMatchObject({ unread: false });
    t.clock.advance(60_000);
    await t.request('POST', `${C}/requests/${id}/messages`, { token: parent, body: { body: 'Merci.' } });
    expect(await rowOf(id, newcomer.token)).toMatchObject({ unread: true });
    expect(await rowOf(id)).toMatchObject({ unread: true });
  });

  it('filters the requests nobody has taken', async () => {
    const free = await sendRequest('Pas encore prise');
    const taken = await sendRequest('Déjà prise');
    await t.request('POST', `${C}/admin/requests/${taken}/assign`, { token: agent, body: {} });
    const unassigned = (await inbox('&assignedTo=none')).items;
    expect(unassigned.some((r) => r.id === free)).toBe(true);
    expect(unassigned.every((r) => r.assignedTo === null)).toBe(true);
    expect(unassigned.some((r) => r.id === taken)).toBe(false);
    const bad = await t.request('GET', `${C}/admin/requests?assignedTo=personne`, { token: agent });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
  });

  it('lets an agent see the colleagues who process requests, by name only, and assign one', async () => {
    const colleague = await agentWithRole(t, 'agent');
    const kitchen = await agentWithRole(t, 'kitchen');
    const res = await t.request('GET', `${C}/admin/request-assignees`, { token: colleague.token });
    expect(res.status).toBe(200);
    const ids = res.body.assignees.map((a: { accountId: string }) => a.accountId);
    expect(ids).toContain(colleague.accountId);
    expect(ids).not.toContain(kitchen.accountId);
    for (const assignee of res.body.assignees) expect(Object.keys(assignee).sort()).toEqual(['accountId', 'displayName']);

    const id = await sendRequest('Changement de classe');
    const demoAgent = res.body.assignees.find((a: { accountId: string }) => a.accountId !== colleague.accountId);
    const assigned = await t.request('POST', `${C}/admin/requests/${id}/assign`, {
      token: colleague.token,
      body: { agentAccountId: demoAgent.accountId },
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body.assignedTo.id).toBe(demoAgent.accountId);
    expect((await t.request('GET', `${C}/admin/request-assignees`, { token: kitchen.token })).status).toBe(403);
  });

  it('counts only the caller collectivity', async () => {
    const stranger = await agentWithRole(t, 'admin', { slug: 'saint-exemple' });
    const res = await t.request('GET', '/v1/collectivities/saint-exemple/admin/requests', { token: stranger.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ items: [], unreadCount: 0 });
  });
});
