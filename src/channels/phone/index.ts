export { logCall } from './calls.ts';
export { phoneRoutes, telephonySignature } from './phone.routes.ts';
