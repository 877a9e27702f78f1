export { draftRoutes } from './drafts.routes.ts';
export { getDraft } from './get-draft.ts';
export { saveDraft } from './save-draft.ts';
