import type { Queryable } from '../../db/pool.ts';
import { enqueue } from '../../jobs/enqueue.ts';
import type { CallbackRequest } from './callbacks.types.ts';

export const OFFER_ROUND_TASK = 'phone.callback_offers';
export const OFFER_LAPSE_TASK = 'phone.callback_offer_lapse';
export const CALLBACK_DUE_TASK = 'phone.callback_due';
/** How long an agent has to take an offered callback before it goes to the next one. */
export const OFFER_SECONDS = 90;

/** Offers waiting callbacks to free agents soon; one pending round serves every reason to run one. */
export const scheduleOfferRound = (tx: Queryable) => enqueue(tx, OFFER_ROUND_TASK, {}, { jobKey: OFFER_ROUND_TASK });

/** The escalation timer: one per callback, at the moment it has waited as long as its queue allows. */
export const scheduleDue = (tx: Queryable, callback: Pick<CallbackRequest, 'id' | 'dueAt'>) =>
  enqueue(tx, CALLBACK_DUE_TASK, { callbackId: callback.id }, { runAt: callback.dueAt, jobKey: `${CALLBACK_DUE_TASK}:${callback.id}` });

export const scheduleOfferLapse = (tx: Queryable, callbackId: number, agentId: number, offeredAt: Date) =>
  enqueue(tx, OFFER_LAPSE_TASK, { callbackId, agentId }, { runAt: new Date(offeredAt.getTime() + OFFER_SECONDS * 1000), jobKey: `${OFFER_LAPSE_TASK}:${callbackId}` });
