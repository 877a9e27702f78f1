import type { Queryable } from '../../db/pool.ts';
import { insertMailbox, selectMailboxForRecipient } from './email.queries.ts';

export const DEMO_MAILBOX = 'support@example.com';

/** The demo workspace's mailbox: mail to support@example.com on SMTP_PORT opens tickets with no setup. */
export async function seedDemoMailbox(db: Queryable): Promise<void> {
  if (await selectMailboxForRecipient(db, DEMO_MAILBOX)) return;
  await insertMailbox(db, { address: DEMO_MAILBOX, name: 'Support', inbound: 'smtp' });
}
