export { createEventBus, endWithNotice, type EventBus, type EventMap } from './event-bus';
export { PostgresEventTarget } from './postgres-event-target';
