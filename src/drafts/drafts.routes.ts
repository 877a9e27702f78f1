import { Type } from 'typebox';
import { API_PREFIX, type App } from '../platform/http/app.ts';
import { ctxOf } from '../platform/http/authenticate.ts';
import { errors, IdParams, Nullable, Timestamp } from '../platform/http/schemas.ts';
import { getDraft } from './get-draft.ts';
import { saveDraft } from './save-draft.ts';

const DraftSchema = Type.Object({ ticketId: Type.Integer(), body: Type.String(), html: Nullable(Type.String()), internal: Type.Boolean(), updatedAt: Timestamp });
const DraftAnswer = Type.Object({ draft: Nullable(DraftSchema) });
const tags = ['drafts'];

export async function draftRoutes(app: App): Promise<void> {
  app.get(
    `${API_PREFIX}/tickets/:id/draft`,
    { config: { auth: 'user' }, schema: { tags, summary: 'Your unsent reply or note on this ticket, if any', params: IdParams, response: { 200: DraftAnswer, ...errors(404) } } },
    async (request) => ({ draft: await getDraft(ctxOf(request), request.params.id) }),
  );

  app.put(
    `${API_PREFIX}/tickets/:id/draft`,
    {
      config: { auth: 'user' },
      schema: {
        tags,
        summary: 'Keep your unsent reply or note; an empty body discards it',
        params: IdParams,
        body: Type.Object({
          body: Type.String({ maxLength: 1_000_000 }),
          html: Type.Optional(Type.String({ maxLength: 5_000_000, description: 'The same draft with its formatting; sanitised' })),
          internal: Type.Optional(Type.Boolean({ default: false })),
        }),
        response: { 200: DraftAnswer, ...errors(404) },
      },
    },
    async (request) => ({ draft: await saveDraft(ctxOf(request), request.params.id, { body: request.body.body, html: request.body.html, internal: request.body.internal ?? false }) }),
  );
}
