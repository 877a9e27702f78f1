export { WEB_DIST, webAppRoutes } from './web-app.routes.ts';
