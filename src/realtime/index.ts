export { type RealtimeBus, startRealtimeBus } from './realtime-bus.ts';
export { realtimeRoutes } from './realtime.routes.ts';
export type { PresenceSignal, ServerMessage } from './realtime.types.ts';
