export { DISPATCH_TASK, type DomainEvent, EVENTS_CHANNEL, emitEvent, emitEvents, loadEvent, loadEvents, readEventNotification } from './emit-event.ts';
export { eachEvent, type EventReaction, type EventSubscriber, eventTasks, reactTo, type SubscriberLog } from './dispatch-event.ts';
