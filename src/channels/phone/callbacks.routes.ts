import { Type } from 'typebox';
import { API_PREFIX, type App } from '../../platform/http/app.ts';
import { ctxOf } from '../../platform/http/authenticate.ts';
import { errors, IdParams, PageOf } from '../../platform/http/schemas.ts';
import { cancelCallback } from './cancel-callback.ts';
import { completeCallback } from './complete-callback.ts';
import { declineCallback } from './decline-callback.ts';
import { liveCallQueue } from './live-call-queue.ts';
import { createCallbackQueue, deleteCallbackQueue, listCallbackQueues, updateCallbackQueue } from './manage-callback-queues.ts';
import {
  CallbackListQuery,
  CallbackQueueSchema,
  CallbackSchema,
  CancelCallbackBody,
  CompleteCallbackBody,
  CreateCallbackQueueBody,
  LiveCallQueueSchema,
  RequestCallbackBody,
  UpdateCallbackQueueBody,
} from './phone.schemas.ts';
import { getCallback, listCallbacks } from './read-callbacks.ts';
import { requestCallback } from './request-callback.ts';
import { takeCallback } from './take-callback.ts';

const tags = ['phone'];

/** Callback queues (admins), callback requests and their work (agents), the live call queue (supervisors). */
export async function callbackRoutes(app: App): Promise<void> {
  app.get(
    `${API_PREFIX}/phone/callback-queues`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Callback queues', response: { 200: Type.Object({ data: Type.Array(CallbackQueueSchema) }), ...errors() } } },
    async (request) => ({ data: await listCallbackQueues(ctxOf(request)) }),
  );

  app.post(
    `${API_PREFIX}/phone/callback-queues`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Add a callback queue with its maximum wait and the lead told when a callback waits longer', body: CreateCallbackQueueBody, response: { 201: CallbackQueueSchema, ...errors(409) } } },
    async (request, reply) => reply.status(201).send(await createCallbackQueue(ctxOf(request), request.body)),
  );

  app.patch(
    `${API_PREFIX}/phone/callback-queues/:id`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Change a callback queue; a new wait limit applies to callbacks requested afterwards', params: IdParams, body: UpdateCallbackQueueBody, response: { 200: CallbackQueueSchema, ...errors(404, 409) } } },
    async (request) => updateCallbackQueue(ctxOf(request), request.params.id, request.body),
  );

  app.delete(
    `${API_PREFIX}/phone/callback-queues/:id`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Delete a callback queue and its callback requests', params: IdParams, response: { 204: Type.Null(), ...errors(404) } } },
    async (request, reply) => {
      await deleteCallbackQueue(ctxOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    `${API_PREFIX}/phone/live`,
    { config: { auth: 'user' }, schema: { tags, summary: 'The live call queue: calls and callbacks waiting, the longest wait, agents on a call (supervisors)', response: { 200: LiveCallQueueSchema, ...errors() } } },
    async (request) => liveCallQueue(ctxOf(request)),
  );

  app.get(
    `${API_PREFIX}/callbacks`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Callback requests, newest first', querystring: CallbackListQuery, response: { 200: PageOf(CallbackSchema), ...errors() } } },
    async (request) => listCallbacks(ctxOf(request), request.query),
  );

  app.post(
    `${API_PREFIX}/callbacks`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Request a call back for a customer; it waits in its queue until an agent takes it', body: RequestCallbackBody, response: { 201: CallbackSchema, ...errors() } } },
    async (request, reply) => {
      const { email, ...input } = request.body;
      return reply.status(201).send(await requestCallback(ctxOf(request), { ...input, ...(email ? { requester: { email } } : {}), source: 'api' }));
    },
  );

  app.get(
    `${API_PREFIX}/callbacks/:id`,
    { config: { auth: 'user' }, schema: { tags, summary: 'One callback request', params: IdParams, response: { 200: CallbackSchema, ...errors(404) } } },
    async (request) => getCallback(ctxOf(request), request.params.id),
  );

  app.post(
    `${API_PREFIX}/callbacks/:id/take`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Take a callback offered to you (or still waiting) to make the call', params: IdParams, response: { 200: CallbackSchema, ...errors(404, 409) } } },
    async (request) => takeCallback(ctxOf(request), request.params.id),
  );

  app.post(
    `${API_PREFIX}/callbacks/:id/decline`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Pass on a callback offered to you; the next free agent is offered it', params: IdParams, response: { 200: CallbackSchema, ...errors(404, 409) } } },
    async (request) => declineCallback(ctxOf(request), request.params.id),
  );

  app.post(
    `${API_PREFIX}/callbacks/:id/complete`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Record how a callback you took went, linked to a call record on its ticket', params: IdParams, body: CompleteCallbackBody, response: { 200: CallbackSchema, ...errors(404, 409) } } },
    async (request) => completeCallback(ctxOf(request), request.params.id, request.body),
  );

  app.post(
    `${API_PREFIX}/callbacks/:id/cancel`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Withdraw a callback that is not done yet', params: IdParams, body: CancelCallbackBody, response: { 200: CallbackSchema, ...errors(404, 409) } } },
    async (request) => cancelCallback(ctxOf(request), request.params.id, request.body.reason),
  );
}
