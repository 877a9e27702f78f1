import type { TaskList } from 'graphile-worker';
import { agentRoutes } from './agents/index.ts';
import { auditRoutes } from './audit/index.ts';
import { authRoutes } from './auth/index.ts';
import { customerRoutes, organizationRoutes } from './customers/index.ts';
import { emailRoutes, enqueueEmailReply, FILE_RECEIVED_TASK, fileReceivedTask, SEND_TASK, sendEmailReply } from './channels/email/index.ts';
import { eachEvent, eventTasks } from './events/index.ts';
import { customFieldRoutes } from './custom-fields/index.ts';
import type { RoutePlugin } from './platform/http/app.ts';
import { systemRoutes } from './platform/http/system.routes.ts';
import { realtimeRoutes } from './realtime/index.ts';
import { roleRoutes } from './roles/index.ts';
import { searchRoutes } from './search/index.ts';
import { teamRoutes } from './teams/index.ts';
import { ticketRoutes } from './tickets/index.ts';
import { viewRoutes } from './views/index.ts';
import { DELIVER_TASK, deliverWebhook, fanOutToWebhooks, webhookRoutes } from './webhooks/index.ts';
import { webAppRoutes } from './web-app/index.ts';
import { draftRoutes } from './drafts/index.ts';
import { notificationRoutes, notifyOnEvent } from './notifications/index.ts';
import { macroRoutes } from './macros/index.ts';
import { portalRoutes } from './portal/index.ts';
import { helpCenterRoutes } from './help-center/index.ts';
import { chatRoutes, forgetDeletedCallbackQueue } from './channels/chat/index.ts';
import { walkInRoutes } from './channels/walk-in/index.ts';
import { CALLBACK_DUE_TASK, callbackDueTask, OFFER_LAPSE_TASK, OFFER_ROUND_TASK, offerLapseTask, offerOnEvent, offerRoundTask, phoneRoutes } from './channels/phone/index.ts';
import { enqueueMessagingReply, MESSAGING_SEND_TASK, messagingRoutes, sendMessagingReply } from './channels/messaging/index.ts';
import { knowledgeRoutes } from './knowledge/index.ts';
import { businessHoursRoutes } from './business-hours/index.ts';
import { SLA_TIMER_TASK, slaRoutes, slaTimer, trackSlaOnEvent } from './sla/index.ts';
import { activityTracking, DRAIN_TASK, drainTask, FOLLOW_UP_TASK, followUpTask, IDLE_TASK, idleTask, MAX_WAIT_TASK, maxWaitTask, routeOnEvent, routingRoutes, SHIFT_TASK, shiftTask } from './routing/index.ts';

/** Every capability's HTTP routes, in one list so the app and the tests build the same server. */
export const routes: RoutePlugin[] = [activityTracking, systemRoutes, authRoutes, auditRoutes, agentRoutes, teamRoutes, roleRoutes, realtimeRoutes, draftRoutes, notificationRoutes, macroRoutes, customFieldRoutes, businessHoursRoutes, slaRoutes, routingRoutes, ticketRoutes, customerRoutes, organizationRoutes, searchRoutes, viewRoutes, webhookRoutes, emailRoutes, messagingRoutes, chatRoutes, walkInRoutes, phoneRoutes, knowledgeRoutes, helpCenterRoutes, portalRoutes, webAppRoutes];

/** Every capability's background tasks. */
export const tasks: TaskList = { ...eventTasks([notifyOnEvent, fanOutToWebhooks, trackSlaOnEvent, routeOnEvent, ...[enqueueEmailReply, enqueueMessagingReply, offerOnEvent, forgetDeletedCallbackQueue].map(eachEvent)]), [MESSAGING_SEND_TASK]: sendMessagingReply, [DELIVER_TASK]: deliverWebhook, [SLA_TIMER_TASK]: slaTimer, [DRAIN_TASK]: drainTask, [MAX_WAIT_TASK]: maxWaitTask, [FOLLOW_UP_TASK]: followUpTask, [IDLE_TASK]: idleTask, [SHIFT_TASK]: shiftTask, [SEND_TASK]: sendEmailReply, [FILE_RECEIVED_TASK]: fileReceivedTask, [OFFER_ROUND_TASK]: offerRoundTask, [OFFER_LAPSE_TASK]: offerLapseTask, [CALLBACK_DUE_TASK]: callbackDueTask };
