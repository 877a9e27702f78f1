import { Type } from 'typebox';
import { API_PREFIX, type App } from '../platform/http/app.ts';
import { ctxOf } from '../platform/http/authenticate.ts';
import { errors, IdParams, PageOf } from '../platform/http/schemas.ts';
import { createPolicy } from './create-policy.ts';
import { deletePolicy } from './delete-policy.ts';
import { getTicketSla, listSlaClocks } from './read-clocks.ts';
import { getPolicy, listPolicies } from './read-policies.ts';
import { ClockListQuery, CreatePolicyBody, ListedClockSchema, PolicySchema, TicketSlaSchema, UpdatePolicyBody } from './sla.schemas.ts';
import { updatePolicy } from './update-policy.ts';

const tags = ['sla'];
const path = `${API_PREFIX}/sla/policies`;

export async function slaRoutes(app: App): Promise<void> {
  app.addSchema(PolicySchema);
  const PolicyRef = Type.Ref('SlaPolicy');

  app.get(
    path,
    { config: { auth: 'user' }, schema: { tags, summary: 'SLA policies, in the order they are tried', response: { 200: PageOf(PolicyRef), ...errors() } } },
    async (request) => ({ data: await listPolicies(ctxOf(request)), nextCursor: null }),
  );

  app.get(
    `${path}/:id`,
    { config: { auth: 'user' }, schema: { tags, summary: 'One SLA policy', params: IdParams, response: { 200: PolicyRef, ...errors(404) } } },
    async (request) => getPolicy(ctxOf(request), request.params.id),
  );

  app.post(
    path,
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'Create an SLA policy: conditions → first/next response and resolution targets', body: CreatePolicyBody, response: { 201: PolicyRef, ...errors(409) } },
    },
    async (request, reply) => reply.status(201).send(await createPolicy(ctxOf(request), request.body)),
  );

  app.patch(
    `${path}/:id`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Change an SLA policy', params: IdParams, body: UpdatePolicyBody, response: { 200: PolicyRef, ...errors(404, 409) } } },
    async (request) => updatePolicy(ctxOf(request), request.params.id, request.body),
  );

  app.delete(
    `${path}/:id`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Delete an SLA policy and its live clocks', params: IdParams, response: { 204: Type.Null(), ...errors(404) } } },
    async (request, reply) => {
      await deletePolicy(ctxOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    `${API_PREFIX}/tickets/:id/sla`,
    { config: { auth: 'user' }, schema: { tags, summary: 'A ticket’s live SLA clocks', params: IdParams, response: { 200: TicketSlaSchema, ...errors(404) } } },
    async (request) => getTicketSla(ctxOf(request), request.params.id),
  );

  app.get(
    `${API_PREFIX}/sla/at-risk`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Running clocks past their warning time, soonest due first', querystring: ClockListQuery, response: { 200: PageOf(ListedClockSchema), ...errors() } } },
    async (request) => listSlaClocks(ctxOf(request), 'at_risk', request.query),
  );

  app.get(
    `${API_PREFIX}/sla/breached`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Open clocks that missed their target', querystring: ClockListQuery, response: { 200: PageOf(ListedClockSchema), ...errors() } } },
    async (request) => listSlaClocks(ctxOf(request), 'breached', request.query),
  );
}
