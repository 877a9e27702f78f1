export { helpCenterRoutes } from './help-center.routes.ts';
export { sendHtml } from './send-html.ts';
export { type Html, html, trustedHtml } from './html.ts';
export { page, type PageMeta } from './layout.ts';
