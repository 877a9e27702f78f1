import { systemActor } from '../../auth/index.ts';
import type { Db } from '../../db/pool.ts';
import { invalid } from '../../platform/errors.ts';
import { requestCallback } from '../phone/index.ts';
import type { ChatChannel, Visitor } from './chat.types.ts';
import { visitorIdentity } from './visitor-conversation.ts';

/** A visitor asks to be called back: the request joins the channel's callback queue, on the visitor's conversation when there is one. */
export async function requestVisitorCallback(db: Db, channel: ChatChannel, visitor: Visitor, input: { phone: string; name?: string; reason?: string }): Promise<{ id: number; phone: string }> {
  const queueId = channel.settings.callbackQueueId;
  if (queueId === null) throw invalid('phone', 'this chat takes no callback requests');
  const callback = await requestCallback(
    { db, actor: systemActor },
    {
      queueId,
      phone: input.phone,
      name: input.name?.trim() || visitor.name,
      ...(input.reason ? { reason: input.reason } : {}),
      ...(visitor.ticketId ? { ticketId: visitor.ticketId } : {}),
      requester: { identity: visitorIdentity(channel, visitor), ...(visitor.email ? { email: visitor.email } : {}) },
      source: 'widget',
    },
  );
  return { id: callback.id, phone: callback.phone };
}
