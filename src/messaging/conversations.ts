import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { PublicError } from '../platform/errors';
import { Conversation } from './conversation.entity';

export interface ConversationKey {
  userId: string;
  phoneNumberId: string;
  customerWaId: string;
  agentId: string | null;
  /** See Conversation.agentLine: '' except on the platform's shared number. */
  agentLine: string;
}

/** Conversation.agentLine of a thread: the agent's own on the platform's shared number, '' on a user's own. */
export function agentLineFor(credential: { platform: boolean }, agentId: string | null): string {
  return credential.platform && agentId ? agentId : '';
}

/**
 * The thread of one customer with one phone number, created on the first message either way. Concurrent
 * first messages race on the (phone number, customer) unique key; the loser reads the winner's row.
 */
export async function findOrCreateConversation(em: EntityManager, key: ConversationKey): Promise<Conversation> {
  const where = { phoneNumberId: key.phoneNumberId, customerWaId: key.customerWaId, agentLine: key.agentLine };
  let conversation = await em.findOne(Conversation, where);
  if (!conversation) {
    const created = new Conversation();
    Object.assign(created, key);
    try {
      await em.insert(created);
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
    }
    conversation = await em.findOneOrFail(Conversation, where);
  }
  assertConversationOwner(conversation, key.userId);
  return conversation;
}

/**
 * A thread left behind by a previous owner of the number (its credential deleted, the number reconnected
 * by someone else) is never reused: nothing of it may reach the new owner.
 */
export function assertConversationOwner(conversation: Conversation, userId: string): void {
  if (conversation.userId !== userId) {
    throw PublicError.conflict('This customer\'s thread still belongs to an earlier connection of this number.', 'input.to');
  }
}
