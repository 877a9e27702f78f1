export { DISPATCH_TASK, type DomainEvent, EVENTS_CHANNEL, emitEvent, emitEvents, loadEvent } from './emit-event.ts';
export { eachEvent, type EventReaction, type EventSubscriber, eventTasks, reactTo, type SubscriberLog } from './dispatch-event.ts';
