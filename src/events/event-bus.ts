import { createPubSub, type PubSub } from '@graphql-yoga/subscription';
import type { CredentialStatus, CredentialStatusReason } from '../credentials/credential-status';
import type { MessageStatus } from '../messaging/message-enums';

export enum Topic {
  CredentialHealth = 'CREDENTIAL_HEALTH',
  InboundMessage = 'INBOUND_MESSAGE',
  MessageStatus = 'MESSAGE_STATUS',
  /** A user's data is being erased: every instance closes the user's open sockets. */
  UserErased = 'USER_ERASED',
}

export interface CredentialHealthChanged {
  credentialId: string;
  userId: string;
  previousStatus: CredentialStatus;
  status: CredentialStatus;
  reason: CredentialStatusReason;
  occurredAt: string;
}

export interface MessageEvent {
  messageId: string;
  userId: string;
  agentId: string | null;
  status: MessageStatus;
}

/** Topic → [the id a subscriber filters on, payload]. */
export type EventTopics = {
  [Topic.CredentialHealth]: [userId: string, event: CredentialHealthChanged];
  [Topic.InboundMessage]: [agentId: string, event: MessageEvent];
  [Topic.MessageStatus]: [agentId: string, event: MessageEvent];
  [Topic.UserErased]: [event: { userId: string }];
};

export type EventBus = PubSub<EventTopics>;

export function createEventBus(eventTarget?: EventTarget): EventBus {
  return createPubSub<EventTopics>({ eventTarget: eventTarget as never });
}
