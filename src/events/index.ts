export { Topic, createEventBus, type EventBus, type EventTopics, type CredentialHealthChanged, type MessageEvent } from './event-bus';
export { PostgresEventTarget } from './postgres-event-target';
