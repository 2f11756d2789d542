// Public surface of the WhatsApp vendor boundary. Other modules import from here only.
export { WhatsAppClient } from './whatsapp-client';
export {
  isCredentialFailureCode,
  WhatsAppClientError,
  GraphApiError,
  GraphApiUnavailableError,
  GraphApiMalformedResponseError,
  GraphRequestValidationError,
  type GraphErrorKind,
} from './graph-api-error';
export {
  type GraphAuth,
  type DebugTokenData,
  type PhoneNumber,
  type HealthStatus,
  type WebhookConfiguration,
  type SubscribedApp,
  type AppSubscription,
  type OutboundMessage,
  type OutboundContent,
  
  
  
  
  
  
  
} from './graph-api-types';
export { WEBHOOK_FIELDS_USED } from './webhook-fields';
export { AccountUpdateSchema, CallsValueSchema, OwnerEchoesValueSchema, UserPreferencesValueSchema } from './account-update';
export { isMessageChange, parseMessageChange } from './message-changes';
export { downloadMedia } from './media-download';
export { signWebhookBody, verifyWebhookSignature, SIGNATURE_HEADER } from './webhook-signature';
export {
  parseWebhookPayload,
  isMessagesChange,
  OtherChangeSchema,
  LenientMessagesValueSchema,
  StatusSchema,
  parseInboundMessage,
  parseWebhookContact,
  type LenientMessagesValue,
  type MessagesValue,
  type InboundMessage,
  type WebhookContact,
} from './webhook-payload';
export {
  parseE164,
  
  
  toWaId,
  parseBsuid,
  parseRecipient,
  
  
  
  
  
  type Recipient,
} from './phone-number';
export {
  
  
  TemplateStatusUpdateSchema,
  TemplateQualityUpdateSchema,
  TemplateCategoryUpdateSchema,
  TemplateComponentsUpdateSchema,
  PhoneNumberQualityUpdateSchema,
  
  messagingLimitOf,
  isLimitDecrease,
  type MessageTemplate,
  type TemplateComponentsUpdate,
  
} from './message-templates';
export { OUTBOUND_MEDIA_LIMITS, outboundMediaProblem, type WhatsAppMediaKind } from './outbound-media-limits';
