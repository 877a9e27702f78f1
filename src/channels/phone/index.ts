export { logCall } from './calls.ts';
export { CALLBACK_DUE_TASK, OFFER_LAPSE_TASK, OFFER_ROUND_TASK } from './callback-schedule.ts';
export { callbackDueTask, offerLapseTask, offerOnEvent, offerRoundTask } from './callback-jobs.ts';
export type { CallbackQueue, CallbackRequest } from './callbacks.types.ts';
export { CALLBACK_QUEUE_DELETED, listCallbackQueues } from './manage-callback-queues.ts';
export { phoneRoutes, telephonySignature } from './phone.routes.ts';
export { type CallbackRequestInput, requestCallback } from './request-callback.ts';
