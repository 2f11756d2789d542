export { createEventBus, endWithNotice, type EventBus, type EventMap } from './event-bus';
export { endOnError } from './end-on-error';
export { PostgresEventTarget } from './postgres-event-target';
