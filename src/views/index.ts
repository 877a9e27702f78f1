export { createView, type CreateViewInput } from './create-view.ts';
export { deleteView } from './delete-view.ts';
export { getView, listViewTickets, listViews } from './read-views.ts';
export { updateView, type ViewPatch } from './update-view.ts';
export { viewRoutes } from './views.routes.ts';
export type { View } from './views.types.ts';
