export { startEmailChannel } from './email-channel.ts';
export { emailRoutes } from './email.routes.ts';
export { smtpRelayUrl } from './email-settings.ts';
export { FILE_RECEIVED_TASK, fileReceivedTask, ingestMail, type IngestResult, type ReceivedMail } from './ingest-mail.ts';
export { enqueueEmailReply, SEND_TASK, sendEmailReply } from './outbound.ts';
export { seal, secretKey, unseal } from './secret-box.ts';
export { DEMO_MAILBOX, seedDemoMailbox } from './seed-demo-mailbox.ts';
export { startSmtpListener, type SmtpListener } from './smtp-listener.ts';
export { enqueueSystemMail, type SystemMail } from './system-mail.ts';
