export { chatRoutes } from './chat.routes.ts';
export { forgetDeletedCallbackQueue } from './forget-callback-queue.ts';
export { identitySignature } from './chat-visitors.ts';
export { seedDemoChatChannel } from './seed-demo-chat-channel.ts';
