import type { EntityManager } from '@mikro-orm/postgresql';
import { WhatsAppCredential } from '../credentials';
import { PublicError } from '../errors';
import { qualifiedTable } from '../db/orm';
import { sharedRead } from '../db/shared-read';
import { parseId } from '../graphql/ids';
import type { Sender } from '../messaging';
import { AgentWhatsAppConfig } from './agent-whatsapp-config.entity';

// Loaded with the credential (`select *` includes them) so the send decrypts without another round trip.
const SECRET_COLUMNS = ['accessTokenCiphertext', 'appSecretCiphertext', 'verifyTokenCiphertext'] as const;

/**
 * Who a send goes out as: an agent (its phone number) or one of the caller's credentials. A send from a
 * credential still belongs to the agent serving that number, so its status events reach that agent's
 * subscribers.
 */
export async function resolveSender(
  em: EntityManager,
  userId: string,
  input: { agentId?: string | null; credentialId?: string | null },
): Promise<Sender> {
  if ((input.agentId == null) === (input.credentialId == null)) {
    throw PublicError.badInput('input.agentId', 'Give exactly one of agentId and credentialId.');
  }
  if (input.agentId != null) {
    const agentId = parseId(input.agentId, 'Agent');
    // Every send by agent passes here: one plain statement instead of an ORM query with a populate,
    // shared by the concurrent sends of the same agent.
    const rows = await sharedRead(
      em,
      `select credential.* from ${qualifiedTable(em, WhatsAppCredential)} credential
         join ${qualifiedTable(em, AgentWhatsAppConfig)} config on config.credential_id = credential.id
        where config.agent_id = ? and config.user_id = ?`,
      [agentId, userId],
    );
    if (!rows[0]) throw PublicError.notFound('Agent');
    return { userId, credential: em.map(WhatsAppCredential, rows[0]), agentId };
  }
  const credential = await em.findOne(
    WhatsAppCredential,
    { id: parseId(input.credentialId!, 'Credential'), userId },
    { populate: [...SECRET_COLUMNS] },
  );
  if (!credential) throw PublicError.notFound('Credential');
  const config = await em.findOne(AgentWhatsAppConfig, { phoneNumberId: credential.phoneNumberId, userId }, { fields: ['agentId'] });
  return { userId, credential, agentId: config?.agentId ?? null };
}
