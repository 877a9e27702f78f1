import { systemActor } from '../auth/index.ts';
import type { Db } from '../db/pool.ts';
import { listCallbackQueues, requestCallback } from '../channels/phone/index.ts';
import type { PortalCustomer } from './portal-access.ts';

/** The topics a customer may ask to be called back about: the callback queues. */
export const callbackQueues = async (db: Db) => (await listCallbackQueues({ db, actor: systemActor })).map(({ id, name }) => ({ id, name }));

/** A signed-in customer asks to be called back; the request opens a phone ticket they see among their requests. */
export async function requestPortalCallback(db: Db, customer: PortalCustomer, input: { queueId: number; phone: string; reason: string }): Promise<{ ticketId: number }> {
  const callback = await requestCallback(
    { db, actor: systemActor },
    { queueId: input.queueId, phone: input.phone, name: customer.name, reason: input.reason, customerId: customer.customerId, source: 'portal' },
  );
  return { ticketId: callback.ticketId };
}
