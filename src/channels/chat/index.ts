export { chatRoutes } from './chat.routes.ts';
export { identitySignature } from './chat-visitors.ts';
export { seedDemoChatChannel } from './seed-demo-chat-channel.ts';
