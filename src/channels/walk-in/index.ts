export { logWalkIn } from './log-walk-in.ts';
export { walkInRoutes } from './walk-in.routes.ts';
