export { enqueueMessagingReply, MESSAGING_SEND_TASK, sendMessagingReply } from './outbound.ts';
export { messagingRoutes } from './messaging.routes.ts';
export { sameSignature } from './same-signature.ts';
