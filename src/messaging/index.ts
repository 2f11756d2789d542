export { Conversation } from './conversation.entity';
export { Message } from './message.entity';
export { MessageAliasesResolver } from './message-aliases.resolver';
export { MessageDirection, MessageStatus } from './message-enums';
export { MessageTopic, type MessageEvents, type MessageEvent, type MessageSnapshot } from './message-events';
export { CUSTOMER_SERVICE_WINDOW_MS, serviceWindowOf, type ServiceWindow } from './customer-window';
export { agentLineFor, findOrCreateConversation } from './conversations';
export { contentDraft, draftFromInput, textDraft, toOutboundContent, LIMITS as OUTBOUND_LIMITS, type OutboundDraft, type OutboundType } from './outbound-content';
export { SendMessageInput, TemplateButtonSubType, TemplateComponentType, TemplateParameterType } from './send-message.input';
export { sendMessage, type SendDependencies, type SendRequest, type Sender } from './send-message';
export { markMessageRead, type MarkReadRequest } from './mark-message-read';
export { messageHistory, customerWaIdOf, MessagePage, type HistoryQuery } from './message-history';
export { readableText } from './message-text';
export { MessageStatusEvent } from './message-status-event.entity';
export { canAdvance, statusFromWebhook } from './status-order';
export { applyRecordedStatuses, type AppliedStatus } from './record-message-status';
export {
  statusKey,
  storeInboundMessages,
  storeMessageStatuses,
  type InboundMessageRow,
  type InboundStatusRow,
  type StoredInboundMessage,
} from './inbound-batch-store';
export { applyMessageChanges, type MessageChangeRow, type MessageChangeOutcome } from './message-changes-store';
export { storeOwnerEchoes, type OwnerEchoRow } from './owner-echo-store';
export { inboundMediaOf, mediaLinkFor, mediaLinkSettingsOf, type InboundMediaRef, type MediaLinkSettings } from './inbound-media';
export { verifyMediaUrl } from './signed-media-url';
export { credentialUnavailableError } from './send-errors';
