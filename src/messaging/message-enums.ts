import { registerEnumType } from 'type-graphql';

export enum MessageDirection {
  Inbound = 'inbound',
  Outbound = 'outbound',
}

/**
 * Delivery states in the order they can only advance (a late "delivered" never undoes "read");
 * `failed` is final. `received` is the state of every inbound message.
 */
export enum MessageStatus {
  Pending = 'pending',
  Sent = 'sent',
  Delivered = 'delivered',
  Read = 'read',
  Played = 'played',
  Failed = 'failed',
  Received = 'received',
}

registerEnumType(MessageDirection, { name: 'MessageDirection' });
registerEnumType(MessageStatus, { name: 'MessageStatus' });
