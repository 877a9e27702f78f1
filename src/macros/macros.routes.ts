import { Type } from 'typebox';
import { API_PREFIX, type App } from '../platform/http/app.ts';
import { ctxOf } from '../platform/http/authenticate.ts';
import { errors, IdParams, PageOf } from '../platform/http/schemas.ts';
import { createMacro } from './create-macro.ts';
import { deleteMacro } from './delete-macro.ts';
import { listMacros } from './list-macros.ts';
import { CreateMacroBody, MacroSchema, UpdateMacroBody } from './macros.schemas.ts';
import { updateMacro } from './update-macro.ts';

const tags = ['macros'];

export async function macroRoutes(app: App): Promise<void> {
  app.get(
    `${API_PREFIX}/macros`,
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'Shared macros and your own; q searches names', querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 120 })) }), response: { 200: PageOf(MacroSchema), ...errors() } },
    },
    async (request) => ({ data: await listMacros(ctxOf(request), request.query), nextCursor: null }),
  );

  app.post(
    `${API_PREFIX}/macros`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Create a personal or shared macro', body: CreateMacroBody, response: { 201: MacroSchema, ...errors() } } },
    async (request, reply) => reply.status(201).send(await createMacro(ctxOf(request), request.body)),
  );

  app.patch(
    `${API_PREFIX}/macros/:id`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Change a macro', params: IdParams, body: UpdateMacroBody, response: { 200: MacroSchema, ...errors(404) } } },
    async (request) => updateMacro(ctxOf(request), request.params.id, request.body),
  );

  app.delete(
    `${API_PREFIX}/macros/:id`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Delete a macro', params: IdParams, response: { 204: Type.Null(), ...errors(404) } } },
    async (request, reply) => {
      await deleteMacro(ctxOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
