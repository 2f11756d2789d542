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
registerEnumType(MessageDirection, {
  name: 'WhatsAppMessageDirection',
  description: 'Whether a message came from the customer or went to them.',
  valuesConfig: {
    INBOUND: { description: 'Sent by the customer to the business number.' },
    OUTBOUND: { description: 'Sent by the business number to the customer.' },
  },
});
registerEnumType(MessageStatus, {
  name: 'WhatsAppMessageStatus',
  description: 'Where a message is in its delivery; a status only advances, FAILED is final.',
  valuesConfig: {
    PENDING: { description: 'Being sent: Meta has not answered yet.' },
    SENT: { description: 'Accepted by Meta for delivery.' },
    DELIVERED: { description: 'Delivered to the customer\'s phone.' },
    READ: { description: 'The customer read it.' },
    PLAYED: { description: 'The customer played the voice message.' },
    FAILED: { description: 'Meta could not deliver it (see errorCode and errorTitle).' },
    RECEIVED: { description: 'An inbound message, received from the customer.' },
  },
});
