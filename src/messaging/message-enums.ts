import { registerEnumType } from 'type-graphql';

export enum MessageDirection {
  INBOUND = 'inbound',
  OUTBOUND = 'outbound',
}

/**
 * Delivery states in the order they can only advance (a late "delivered" never undoes "read");
 * `failed` is final. `received` is the state of every inbound message.
 */
export enum MessageStatus {
  PENDING = 'pending',
  SENT = 'sent',
  DELIVERED = 'delivered',
  READ = 'read',
  PLAYED = 'played',
  FAILED = 'failed',
  RECEIVED = 'received',
}

// Prefixed: a host supergraph may well have its own Message types.
registerEnumType(MessageDirection, { name: 'WhatsAppMessageDirection' });
registerEnumType(MessageStatus, { name: 'WhatsAppMessageStatus' });
