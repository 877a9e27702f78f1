export { createPolicy } from './create-policy.ts';
export { deletePolicy } from './delete-policy.ts';
export { getTicketSla, listSlaClocks } from './read-clocks.ts';
export { getPolicy, listPolicies } from './read-policies.ts';
export { slaTimer } from './sla-timer.ts';
export { slaRoutes } from './sla.routes.ts';
export type { SlaClock, SlaConditions, SlaEscalation, SlaMetric, SlaPolicy } from './sla.types.ts';
export { reconcileTicketSla, SLA_TIMER_TASK, trackSlaOnEvent } from './track-sla.ts';
export { updatePolicy } from './update-policy.ts';
