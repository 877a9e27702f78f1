export { DISPATCH_TASK, type DomainEvent, EVENTS_CHANNEL, emitEvent, emitEvents, loadEvent } from './emit-event.ts';
export { type EventSubscriber, eventTasks } from './dispatch-event.ts';
