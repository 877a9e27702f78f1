import { recordAudit } from '../../audit/index.ts';
import { systemActor } from '../../auth/index.ts';
import { inClientTransaction } from '../../db/pool.ts';
import type { EventReaction } from '../../events/index.ts';
import { CALLBACK_QUEUE_DELETED } from '../phone/index.ts';
import { clearCallbackQueue } from './chat.queries.ts';

/**
 * Event subscriber: a chat that offered callbacks into a queue since deleted stops offering them,
 * rather than showing visitors a callback form that can only fail. Each change is audited.
 */
export const forgetDeletedCallbackQueue: EventReaction = async (db, event) => {
  if (event.type !== CALLBACK_QUEUE_DELETED || typeof event.payload.queueId !== 'number') return;
  const queueId = event.payload.queueId;
  await inClientTransaction(db, async (tx) => {
    for (const channel of await clearCallbackQueue(tx, queueId)) {
      await recordAudit(tx, systemActor, {
        action: 'chat_channel.updated',
        entityType: 'chat_channel',
        entityId: channel.id,
        before: { settings: { callbackQueueId: queueId } },
        after: { settings: { callbackQueueId: null }, reason: `callback queue "${String(event.payload.name)}" was deleted` },
      });
    }
  });
};
