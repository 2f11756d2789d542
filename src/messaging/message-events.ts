import type { MessageStatus } from './message-enums';

/** The topics the messaging domain's messages travel on (published by sends and the inbox). */
export enum MessageTopic {
  Inbound = 'INBOUND_MESSAGE',
  Status = 'MESSAGE_STATUS',
}

/**
 * The message as it was committed, carried by the event so that subscribers need not read it back.
 * Left out when it would not fit one NOTIFY (a long text): subscribers then read the row.
 */
export interface MessageSnapshot {
  id: string;
  userId: string;
  credentialId: string;
  agentId: string | null;
  conversationId: string;
  whatsappMessageId: string | null;
  fromPhone: string;
  toPhone: string;
  direction: string;
  messageType: string;
  content: Record<string, unknown>;
  replyToMessageId: string | null;
  status: string;
  statusAt: string | null;
  errorCode: number | null;
  errorTitle: string | null;
  timestamp: string;
  createdAt: string;
  /** Set on inbound messages the customer edited or revoked (absent means none of that). */
  /** `BUSINESS_APP` for what the owner sent from the WhatsApp Business app; absent otherwise. */
  origin?: string | null;
  edits?: Array<{ editWhatsAppMessageId: string; previousType: string; previousContent: Record<string, unknown>; editedAt: string }>;
  editedAt?: string | null;
  revokedAt?: string | null;
}

export interface MessageEvent {
  messageId: string;
  userId: string;
  agentId: string | null;
  status: MessageStatus;
  message?: MessageSnapshot;
  /** On the inbound topic: the customer edited or revoked this (earlier) message. */
  change?: 'edited' | 'revoked';
}

/** Topic → [the agent a subscriber filters on, payload]: this domain's part of the bus's event map. */
export type MessageEvents = {
  [MessageTopic.Inbound]: [agentId: string, event: MessageEvent];
  [MessageTopic.Status]: [agentId: string, event: MessageEvent];
};
