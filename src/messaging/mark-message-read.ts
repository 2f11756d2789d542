import type { EntityManager } from '@mikro-orm/postgresql';
import { CredentialStatus, WhatsAppCredential, readCredentialSecrets } from '../credentials';
import { PublicError } from '../platform/errors';
import { isUuid } from '../platform/graphql/ids';
import { MessageDirection } from './message-enums';
import { Message } from './message.entity';
import { classifySendFailure, credentialUnavailableError } from './send-errors';
import type { SendDependencies } from './send-message';

export interface MarkReadRequest {
  userId: string;
  messageId: string;
  /** Also shows "typing…" to the customer until the reply or for 25 s (docs/whatsapp-cloud-api.md §5.4). */
  typingIndicator: boolean;
}

/**
 * Sends the blue ticks for a received message (and, by Meta's rules, every earlier one in the thread).
 * Only the owner's received messages qualify; anything else is NOT_FOUND or refused before any Graph call.
 */
export async function markMessageRead(deps: SendDependencies, em: EntityManager, request: MarkReadRequest): Promise<Message> {
  const message = isUuid(request.messageId) ? await em.findOne(Message, { id: request.messageId.toLowerCase() }) : null;
  if (!message || message.userId !== request.userId) throw PublicError.notFound('Message');
  if (message.direction !== MessageDirection.INBOUND || !message.whatsappMessageId) {
    throw PublicError.badInput('messageId', 'Only messages received from a customer can be marked read.');
  }
  // The number the customer wrote to: the user's own, or the platform's shared one their agent answers on.
  const credential = await em.findOne(WhatsAppCredential, { id: message.credentialId, $or: [{ userId: request.userId }, { platform: true }] });
  if (!credential) throw PublicError.notFound('Message');
  if (credential.status !== CredentialStatus.ACTIVE) throw credentialUnavailableError(credential.status, credential.statusReason);

  const secrets = await readCredentialSecrets(em, deps.keys, credential);
  try {
    await deps.whatsapp.markAsRead(secrets, credential.phoneNumberId, message.whatsappMessageId, {
      typingIndicator: request.typingIndicator,
    });
  } catch (error) {
    const failure = classifySendFailure(error);
    if (!failure) throw error;
    // A read receipt that may or may not have arrived does no harm: the caller can simply repeat it.
    throw failure.kind === 'unknown' ? PublicError.dependencyUnavailable('WhatsApp (Meta Graph API)') : failure.error;
  }
  return message;
}
