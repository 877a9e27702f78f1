import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTend, type TestTend } from '../testing/harness.ts';

let t: TestTend;
beforeAll(async () => {
  t = await createTestTend();
});
afterAll(() => t.close());

let seq = 0;
const teamName = (label: string) => `${label} ${++seq}`;

async function createTeam(name = teamName('Team')) {
  const res = await t.admin.post('/api/v1/teams', { name, description: 'Handles things' });
  expect(res.status).toBe(201);
  return res.body as { id: number; name: string };
}

describe('teams', () => {
  it('an admin creates, renames and lists teams; names are unique', async () => {
    const name = teamName('Support');
    const team = await createTeam(name);
    expect(team).toMatchObject({ name, description: 'Handles things', memberCount: 0 });
    const dup = await t.admin.post('/api/v1/teams', { name });
    expect(dup.status).toBe(409);
    expect(dup.body.error.field).toBe('name');

    const renamed = await t.admin.patch(`/api/v1/teams/${team.id}`, { name: `${name} EU` });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: `${name} EU`, description: 'Handles things' });
    const other = await createTeam();
    expect((await t.admin.patch(`/api/v1/teams/${other.id}`, { name: `${name} EU` })).status).toBe(409);

    const list = await t.admin.get('/api/v1/teams');
    expect(list.body.data.map((x: { id: number }) => x.id)).toEqual(expect.arrayContaining([team.id, other.id]));
    expect(list.body.nextCursor).toBeNull();
  });

  it('records changes with before and after', async () => {
    const team = await createTeam();
    await t.admin.patch(`/api/v1/teams/${team.id}`, { description: 'Now handles billing' });
    const audit = await t.admin.get(`/api/v1/audit?entityType=team&entityId=${team.id}`);
    expect(audit.body.data.map((e: { action: string }) => e.action)).toEqual(['team.updated', 'team.created']);
    expect(audit.body.data[0]).toMatchObject({
      actor: { userId: t.admin.userId },
      before: { description: 'Handles things' },
      after: { description: 'Now handles billing' },
    });
  });

  it('an agent may read teams but not create, change or delete them; a supervisor may', async () => {
    const agent = await t.user('agent');
    const team = await createTeam();
    expect((await agent.get('/api/v1/teams')).status).toBe(200);
    expect((await agent.get(`/api/v1/teams/${team.id}/members`)).status).toBe(200);
    expect((await agent.post('/api/v1/teams', { name: teamName('Agents only') })).status).toBe(403);
    expect((await agent.patch(`/api/v1/teams/${team.id}`, { name: 'Mine now' })).status).toBe(403);
    expect((await agent.put(`/api/v1/teams/${team.id}/members/${agent.userId}`)).status).toBe(403);
    expect((await agent.delete(`/api/v1/teams/${team.id}`)).status).toBe(403);
    const supervisor = await t.user('supervisor');
    expect((await supervisor.post('/api/v1/teams', { name: teamName('Supervised') })).status).toBe(201);
  });

  it('rejects an empty name naming the field', async () => {
    const res = await t.admin.post('/api/v1/teams', { name: '   ' });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('name');
  });

  it('deletes a team, but not while tickets belong to it', async () => {
    const busy = await createTeam();
    const ticket = await t.admin.post('/api/v1/tickets', {
      subject: 'Invoice question',
      requester: { email: `teams-${process.pid}@customers.example` },
      message: { body: 'Where is my invoice?' },
      teamId: busy.id,
    });
    expect(ticket.status).toBe(201);
    const refused = await t.admin.delete(`/api/v1/teams/${busy.id}`);
    expect(refused.status).toBe(409);
    expect((await t.admin.get(`/api/v1/teams/${busy.id}`)).status).toBe(200);

    const idle = await createTeam();
    const member = await t.user('agent');
    await t.admin.put(`/api/v1/teams/${idle.id}/members/${member.userId}`);
    expect((await t.admin.delete(`/api/v1/teams/${idle.id}`)).status).toBe(204);
    expect((await t.admin.get(`/api/v1/teams/${idle.id}`)).status).toBe(404);
    const audit = await t.admin.get(`/api/v1/audit?entityType=team&entityId=${idle.id}&action=team.deleted`);
    expect(audit.body.data[0].before).toMatchObject({ name: idle.name, memberIds: [member.userId] });
  });
});

describe('membership', () => {
  it('adds agents once, lists members and an agent’s teams, and removes them', async () => {
    const team = await createTeam();
    const other = await createTeam();
    const ann = await t.user('agent', { name: 'Ann Member' });
    const bob = await t.user('light_agent', { name: 'Bob Member' });
    for (const id of [ann.userId, bob.userId, ann.userId]) {
      expect((await t.admin.put(`/api/v1/teams/${team.id}/members/${id}`)).status).toBe(204);
    }
    await t.admin.put(`/api/v1/teams/${other.id}/members/${ann.userId}`);

    const members = await t.admin.get(`/api/v1/teams/${team.id}/members`);
    expect(members.body.data).toEqual([
      expect.objectContaining({ id: ann.userId, name: 'Ann Member', role: 'agent', status: 'active' }),
      expect.objectContaining({ id: bob.userId, name: 'Bob Member', role: 'light_agent' }),
    ]);
    expect((await t.admin.get(`/api/v1/teams/${team.id}`)).body.memberCount).toBe(2);
    const annTeams = await ann.get(`/api/v1/agents/${ann.userId}/teams`);
    expect(annTeams.body.data.map((x: { id: number }) => x.id).sort()).toEqual([team.id, other.id].sort());

    expect((await t.admin.delete(`/api/v1/teams/${team.id}/members/${ann.userId}`)).status).toBe(204);
    expect((await t.admin.delete(`/api/v1/teams/${team.id}/members/${ann.userId}`)).status).toBe(404);
    expect((await t.admin.get(`/api/v1/agents/${ann.userId}/teams`)).body.data.map((x: { id: number }) => x.id)).toEqual([other.id]);

    const audit = await t.admin.get(`/api/v1/audit?entityType=team&entityId=${team.id}`);
    const actions = audit.body.data.map((e: { action: string }) => e.action);
    expect(actions.filter((a: string) => a === 'team.member_added')).toHaveLength(2);
    expect(audit.body.data[0]).toMatchObject({ action: 'team.member_removed', before: { userId: ann.userId } });
  });

  it('refuses unknown teams and agents, and deactivated agents', async () => {
    const team = await createTeam();
    expect((await t.admin.put(`/api/v1/teams/${team.id}/members/987654`)).status).toBe(404);
    expect((await t.admin.put(`/api/v1/teams/987654/members/${t.admin.userId}`)).status).toBe(404);
    expect((await t.admin.get('/api/v1/agents/987654/teams')).status).toBe(404);
    const gone = await t.user('agent');
    await t.admin.post(`/api/v1/agents/${gone.userId}/deactivate`);
    expect((await t.admin.put(`/api/v1/teams/${team.id}/members/${gone.userId}`)).status).toBe(409);
  });
});
