import { type Actor, hashPassword, type Permission, systemActor, verifyPassword } from '../auth/index.ts';
import { seedDemoChatChannel } from '../channels/chat/index.ts';
import { seedDemoMailbox } from '../channels/email/index.ts';
import { createCustomer } from '../customers/index.ts';
import { type Db, withTransaction } from '../db/pool.ts';
import { DISPATCH_TASK } from '../events/index.ts';
import type pg from 'pg';
import { addTeamMember, createTeam } from '../teams/index.ts';
import { addMessage, createTicket, linkTickets, mergeTickets, updateTicket } from '../tickets/index.ts';
import { DEMO_AGENTS, DEMO_ORGANIZATIONS, DEMO_PASSWORD, DEMO_TEAMS, type TeamKey } from './demo-people.ts';
import { createRandom } from './demo-random.ts';
import { type DemoPlan, type DemoStep, type DemoTicket, planDemoWorkspace } from './demo-story.ts';
import { anyUserExists, backdateLastStep, demoAdminHasPassword, insertDemoOrganizations, insertDemoUsers, lockDemoSeed, skipHistoricDeliveries } from './demo.queries.ts';

/** Fixed, so that every demo workspace tells the same story. */
const DEMO_RANDOM_SEED = 20_250_601;

export interface SeedDemoOptions {
  /** Where the story ends (default: now). Tests pin it to compare two workspaces; it must not be in the future. */
  now?: Date;
}

/**
 * Seeds the demo workspace — people, teams, customers and six months of tickets — into a
 * database that has no users yet. Everything happens in one transaction under an advisory
 * lock: two processes starting together seed once, and a crash part-way leaves an empty
 * database that seeds again on the next start. Returns whether it seeded.
 */
export async function seedDemoIfEmpty(db: Db, options: SeedDemoOptions = {}): Promise<boolean> {
  const realStart = new Date();
  return withTransaction(db, async (tx) => {
    await lockDemoSeed(tx);
    if (await anyUserExists(tx)) return false;
    const plan = planDemoWorkspace(createRandom(DEMO_RANDOM_SEED), options.now ?? realStart);
    await seedWorkspace(tx, plan, realStart);
    return true;
  });
}

async function seedWorkspace(tx: pg.PoolClient, plan: DemoPlan, realStart: Date): Promise<void> {
  const as = (actor: Actor) => ({ db: tx, actor });
  // All demo people share the one public password, so one (slow, salted) hash serves them all.
  const users = await insertDemoUsers(tx, DEMO_AGENTS, await hashPassword(DEMO_PASSWORD), plan.foundedAt);
  const agents = new Map(DEMO_AGENTS.map((a, i) => [a.key, actorOf(users[i] as (typeof users)[number])]));
  const agent = (key: string) => agents.get(key) as Actor;
  const userId = (key: string) => agent(key).userId as number;

  const teams = new Map<TeamKey, number>();
  for (const team of DEMO_TEAMS) {
    teams.set(team.key, (await createTeam(as(agent('ada')), { name: team.name, description: team.description })).id);
    for (const member of DEMO_AGENTS.filter((a) => a.teams.includes(team.key))) {
      await addTeamMember(as(agent('ada')), teams.get(team.key) as number, userId(member.key));
    }
  }
  const organizations = await insertDemoOrganizations(tx, DEMO_ORGANIZATIONS, plan.foundedAt);
  await seedDemoMailbox(tx);
  await seedDemoChatChannel(tx);
  let marks = await backdateLastStep(tx, plan.foundedAt, realStart, { message: 0, audit: 0, event: 0 });

  // The story is replayed in the order it happened, so ids and the audit trail run in time order too.
  const customerIds: number[] = [];
  const ticketIds = new Map<number, number>();
  const ticketId = (key: number) => ticketIds.get(key) as number;
  const timeline: { at: Date; run: () => Promise<unknown> }[] = [
    ...plan.customers.map((c, i) => ({
      at: c.createdAt,
      run: async () => {
        customerIds[i] = (
          await createCustomer(as(systemActor), {
            name: c.name,
            emails: c.email ? [c.email] : [],
            phones: c.phone ? [c.phone] : [],
            identities: c.whatsapp && c.phone ? [{ kind: 'whatsapp', value: c.phone }] : [],
            organizationId: c.organization === null ? null : (organizations[c.organization] as number),
            language: c.language,
            timeZone: c.timeZone,
            tags: c.tags,
            attributes: { ...c.attributes, city: c.city },
          })
        ).id;
      },
    })),
    ...plan.tickets.flatMap((t) => [
      { at: t.createdAt, run: async () => ticketIds.set(t.key, await openTicket(t)) },
      ...t.steps.map((step) => ({ at: step.at, run: () => play(ticketId(t.key), step) })),
    ]),
  ];
  timeline.sort((a, b) => a.at.getTime() - b.at.getTime());

  async function openTicket(t: DemoTicket): Promise<number> {
    const { ticket } = await createTicket(as(t.loggedBy ? agent(t.loggedBy) : systemActor), {
      subject: t.subject,
      requester: { customerId: customerIds[t.customer] as number },
      channel: t.channel,
      priority: t.priority,
      type: t.type,
      tags: t.tags,
      teamId: t.team ? (teams.get(t.team) as number) : null,
      assigneeId: t.loggedBy ? userId(t.loggedBy) : null,
      message: t.loggedBy ? { body: t.opening, author: 'agent', internal: true } : { body: t.opening },
      createdAt: t.createdAt,
    });
    return ticket.id;
  }

  async function play(id: number, step: DemoStep): Promise<unknown> {
    switch (step.kind) {
      case 'customer':
        return addMessage(as(systemActor), id, { body: step.body, author: 'customer', createdAt: step.at });
      case 'reply':
        return addMessage(as(agent(step.agent)), id, { body: step.body, channel: step.channel, status: step.status, createdAt: step.at });
      case 'note':
        return addMessage(as(agent(step.agent)), id, { body: step.body, internal: true, createdAt: step.at });
      case 'update':
        return updateTicket(as(step.by ? agent(step.by) : systemActor), id, {
          status: step.status,
          assigneeId: step.assignee ? userId(step.assignee) : undefined,
          teamId: step.team ? teams.get(step.team) : undefined,
          addTags: step.addTags,
        });
      case 'link':
        return linkTickets(as(agent(step.agent)), id, ticketId(step.ticket));
      case 'merge':
        return mergeTickets(as(agent(step.agent)), id, [ticketId(step.source)]);
    }
  }

  for (const { at, run } of timeline) {
    await run();
    marks = await backdateLastStep(tx, at, realStart, marks);
  }
  await skipHistoricDeliveries(tx, DISPATCH_TASK);
}

function actorOf(user: { id: number; name: string; role: string; permissions: Permission[] }): Actor {
  return { kind: 'user', userId: user.id, name: user.name, role: user.role, permissions: new Set(user.permissions) };
}

/** Whether the demo admin can still sign in with the published password, so that it is worth printing. */
export async function hasDemoLogin(db: Db): Promise<boolean> {
  return demoAdminHasPassword(db, (hash) => verifyPassword(hash, DEMO_PASSWORD));
}
