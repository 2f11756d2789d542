import type { EntityManager } from '@mikro-orm/postgresql';
import { CredentialSource, PlatformCredentialState, SECRET_COLUMNS, UserCredentialSource, WhatsAppCredential, type PlatformDefault } from '../credentials';
import { ErrorCode, PublicError } from '../platform/errors';
import { qualifiedTable } from '../platform/db/orm';
import { sharedRead } from '../platform/db/shared-read';
import { parseId } from '../platform/graphql/ids';
import type { Sender } from '../messaging';
import { AgentWhatsAppConfig } from './agent-whatsapp-config.entity';

/**
 * Who a send goes out as: an agent (its phone number) or one of the caller's credentials. A send from a
 * credential still belongs to the agent serving that number, so its status events reach that agent's
 * subscribers.
 */
export async function resolveSender(
  em: EntityManager,
  defaultSource: PlatformDefault,
  userId: string,
  input: { agentId?: string | null; credentialId?: string | null },
): Promise<Sender> {
  if ((input.agentId == null) === (input.credentialId == null)) {
    throw PublicError.badInput('input.agentId', 'Give exactly one of agentId and credentialId.');
  }
  if (input.agentId != null) {
    const agentId = parseId(input.agentId, 'Agent');
    // Every send by agent passes here: one plain statement, shared by concurrent sends of the same agent,
    // picks the agent's line (its owner's credential source, the platform's retirement) and loads that
    // line's credential with its secrets' columns.
    const rows = await sharedRead(
      em,
      `with choice as (
         select config.credential_id,
                case when state.retired_at is not null then 'USER' else coalesce(source.source, ?) end as line
           from ${qualifiedTable(em, AgentWhatsAppConfig)} config
           left join ${qualifiedTable(em, UserCredentialSource)} source on source.user_id = config.user_id
           left join ${qualifiedTable(em, PlatformCredentialState)} state on state.id = 1
          where config.agent_id = ? and config.user_id = ?
       )
       select choice.line as choice_line, credential.*
         from choice
         left join ${qualifiedTable(em, WhatsAppCredential)} credential
           on (choice.line = 'USER' and credential.id = choice.credential_id) or (choice.line = 'PLATFORM' and credential.platform)`,
      [defaultSource, agentId, userId],
    );
    const row = rows[0] as ({ choice_line: CredentialSource; id: string | null } & Record<string, unknown>) | undefined;
    if (!row) throw PublicError.notFound('Agent');
    if (row.id === null) throw lineUnavailable(row.choice_line);
    const { choice_line: _line, ...credentialRow } = row;
    return { userId, credential: em.map(WhatsAppCredential, credentialRow), agentId };
  }
  const credential = await em.findOne(
    WhatsAppCredential,
    { id: parseId(input.credentialId!, 'Credential'), userId },
    // Loaded with the credential (`select *` includes them) so the send decrypts without another round trip.
    { populate: [...SECRET_COLUMNS] },
  );
  if (!credential) throw PublicError.notFound('Credential');
  const config = await em.findOne(AgentWhatsAppConfig, { phoneNumberId: credential.phoneNumberId, userId }, { fields: ['agentId'] });
  return { userId, credential, agentId: config?.agentId ?? null };
}

function lineUnavailable(line: CredentialSource): PublicError {
  return new PublicError(
    ErrorCode.CredentialUnavailable,
    line === CredentialSource.USER
      ? 'This agent has no WhatsApp number of your own yet: connect one and move the agent with the migration wizard.'
      : 'The platform\'s WhatsApp number is not available right now.',
    { field: 'input.agentId', reason: line === CredentialSource.USER ? 'NO_OWN_CREDENTIAL' : 'PLATFORM_UNAVAILABLE' },
  );
}
