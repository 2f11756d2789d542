export {
  Topic,
  createEventBus,
  endWithNotice,
  SubscriberOverflowError,
  type EventBus,
  type EventTopics,
  type CredentialHealthChanged,
  type TemplateStatusChanged,
  type MessageEvent,
  type MessageSnapshot,
} from './event-bus';
export { PostgresEventTarget } from './postgres-event-target';
