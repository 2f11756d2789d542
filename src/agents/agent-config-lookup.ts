import type { EntityManager } from '@mikro-orm/postgresql';
import { PublicError } from '../platform/errors';
import { parseId } from '../platform/graphql/ids';
import type { Viewer } from '../platform/identity';
import { AgentWhatsAppConfig } from './agent-whatsapp-config.entity';

/**
 * The configuration of one of the viewer's agents. A missing one, a malformed id and another user's
 * agent are the same NOT_FOUND. Admins may act on any agent only where `adminAllowed` says so (never for
 * message content).
 */
export async function ownAgentConfig(
  em: EntityManager,
  viewer: Viewer,
  agentId: string,
  options: { adminAllowed?: boolean; populateCredential?: boolean } = {},
): Promise<AgentWhatsAppConfig> {
  const id = parseId(agentId, 'Agent');
  const config = await em.findOne(AgentWhatsAppConfig, { agentId: id }, options.populateCredential ? { populate: ['credential'] } : {});
  const visible = config && (config.userId === viewer.userId || (options.adminAllowed === true && viewer.isAdmin));
  if (!visible) throw PublicError.notFound('Agent');
  return config;
}

const MAX_MESSAGE = 4096;

/** A welcome or fallback text: null clears it; otherwise 1 to 4,096 characters, not blank. */
export function configMessage(value: string | null, field: string): string | null {
  if (value === null) return null;
  if (value.trim() === '') throw PublicError.badInput(field, 'The message cannot be blank; use null to remove it.');
  if ([...value].length > MAX_MESSAGE) throw PublicError.badInput(field, `The message is longer than ${MAX_MESSAGE} characters.`);
  return value;
}
