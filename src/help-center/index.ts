export { helpCenterRoutes, sendHtml } from './help-center.routes.ts';
export { type Html, html, trustedHtml } from './html.ts';
export { page, type PageMeta } from './layout.ts';
