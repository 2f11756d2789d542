export { Conversation } from './conversation.entity';
export { Message } from './message.entity';
export { MessageStatusEvent } from './message-status-event.entity';
export { MessageDirection, MessageStatus } from './message-enums';
export { canAdvance, statusFromWebhook } from './status-order';
export { recordInboundMessage, type InboundMessageRecord, type RecordedInbound } from './record-inbound-message';
export {
  recordMessageStatus,
  applyRecordedStatuses,
  type MessageStatusRecord,
  type RecordedStatus,
  type AppliedStatus,
} from './record-message-status';
