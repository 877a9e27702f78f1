import type { Queryable } from '../db/pool.ts';
import { emitEvents } from '../events/index.ts';
import { insertNotification, type NewNotification } from './notifications.queries.ts';

export type NotificationToSend = Omit<NewNotification, 'eventId'>;

/**
 * Puts notifications in people's bells and pushes them live. `eventId` is the domain event that
 * caused them: sending again for the same event (a re-run job) notifies nobody twice.
 */
export async function notifyPeople(db: Queryable, eventId: number, notifications: NotificationToSend[]): Promise<void> {
  const pushes = [];
  for (const n of notifications) {
    const id = await insertNotification(db, { ...n, eventId });
    if (id !== null) pushes.push({ type: 'notification.created', payload: { forUserId: n.userId, notificationId: id, kind: n.kind, ticketId: n.ticketId } });
  }
  // Only the recipient's open apps want these; no subscriber does.
  await emitEvents(db, pushes, { live: true });
}
