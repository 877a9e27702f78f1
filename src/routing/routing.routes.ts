import { Type } from 'typebox';
import type { Ctx } from '../platform/context.ts';
import { API_PREFIX, type App } from '../platform/http/app.ts';
import { ctxOf } from '../platform/http/authenticate.ts';
import { errors, IdParams, PageOf } from '../platform/http/schemas.ts';
import { TicketSchema } from '../tickets/index.ts';
import { getAgent } from '../agents/index.ts';
import { noteAgentActivity } from './auto-away.ts';
import { createQueue } from './create-queue.ts';
import { deleteQueue } from './delete-queue.ts';
import { getQueue, listAgentRouting, listQueues, routingOverview } from './read-routing.ts';
import { AgentRoutingSchema, AvailabilityBody, CreateQueueBody, OverviewSchema, QueueSchema, RoutingProfileBody, TransferBody, UpdateQueueBody } from './routing.schemas.ts';
import type { AgentRouting } from './routing.types.ts';
import { setAvailability } from './set-availability.ts';
import { setRoutingProfile } from './set-routing-profile.ts';
import { transferTicket } from './transfer-ticket.ts';
import { updateQueue } from './update-queue.ts';

const tags = ['routing'];
const base = `${API_PREFIX}/routing`;

const named = async (ctx: Ctx, routing: AgentRouting) => ({ ...routing, name: (await getAgent(ctx, routing.userId)).name });

export async function routingRoutes(app: App): Promise<void> {
  app.addSchema(QueueSchema);
  app.addSchema(TicketSchema);
  const QueueRef = Type.Ref('RoutingQueue');

  app.get(
    `${base}/queues`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Routing queues, in matching order', response: { 200: PageOf(QueueRef), ...errors() } } },
    async (request) => ({ data: await listQueues(ctxOf(request)), nextCursor: null }),
  );

  app.get(
    `${base}/queues/:id`,
    { config: { auth: 'user' }, schema: { tags, summary: 'One queue', params: IdParams, response: { 200: QueueRef, ...errors(404) } } },
    async (request) => getQueue(ctxOf(request), request.params.id),
  );

  app.post(
    `${base}/queues`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Create a queue for a team with an assignment strategy', body: CreateQueueBody, response: { 201: QueueRef, ...errors(409) } } },
    async (request, reply) => reply.status(201).send(await createQueue(ctxOf(request), request.body)),
  );

  app.patch(
    `${base}/queues/:id`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Change a queue', params: IdParams, body: UpdateQueueBody, response: { 200: QueueRef, ...errors(404, 409) } } },
    async (request) => updateQueue(ctxOf(request), request.params.id, request.body),
  );

  app.delete(
    `${base}/queues/:id`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Delete a queue', params: IdParams, response: { 204: Type.Null(), ...errors(404) } } },
    async (request, reply) => {
      await deleteQueue(ctxOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    `${base}/agents`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Active agents with availability, capacities, skills and live load', response: { 200: PageOf(AgentRoutingSchema), ...errors() } } },
    async (request) => ({ data: await listAgentRouting(ctxOf(request)), nextCursor: null }),
  );

  app.put(
    `${base}/agents/:id/availability`,
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'Set an agent online, away or offline (your own, or anyone’s with teams.manage)', params: IdParams, body: AvailabilityBody, response: { 200: AgentRoutingSchema, ...errors(404) } },
    },
    async (request) => {
      const ctx = ctxOf(request);
      return named(ctx, await setAvailability(ctx, request.params.id, request.body.status));
    },
  );

  app.patch(
    `${base}/agents/:id`,
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'Set an agent’s capacities per channel and skills with levels', params: IdParams, body: RoutingProfileBody, response: { 200: AgentRoutingSchema, ...errors(404) } },
    },
    async (request) => {
      const ctx = ctxOf(request);
      return named(ctx, await setRoutingProfile(ctx, request.params.id, request.body));
    },
  );

  app.post(
    `${base}/activity`,
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'Say the signed-in agent is active (the agent app sends this while they read or type); keeps them from going away for inactivity', response: { 204: Type.Null(), ...errors() } },
    },
    async (request, reply) => {
      const ctx = ctxOf(request);
      if (ctx.actor.userId !== null) await noteAgentActivity(request.server.deps.db, ctx.actor.userId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    `${base}/overview`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Supervisor view: queues with waiting counts and longest wait, agents with status and load', response: { 200: OverviewSchema, ...errors() } } },
    async (request) => routingOverview(ctxOf(request)),
  );

  app.post(
    `${API_PREFIX}/tickets/:id/transfer`,
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'Transfer a ticket to an agent or team with a handover note and an optional follow-up reminder', params: IdParams, body: TransferBody, response: { 200: Type.Ref('Ticket'), ...errors(404, 409) } },
    },
    async (request) => transferTicket(ctxOf(request), request.params.id, request.body),
  );
}
