import type { EntityManager } from '@mikro-orm/postgresql';
import { AuditOutcome, auditWithin } from '../audit';
import type { Viewer } from '../platform/identity';
import { ownAgentConfig } from './agent-config-lookup';

/**
 * Removes the agent's WhatsApp configuration and frees its phone number for another agent. The message
 * history stays (it belongs to the phone number's owner). Admins may remove any agent's configuration.
 */
export async function disableAgentWhatsApp(em: EntityManager, viewer: Viewer, agentId: string, requestId: string): Promise<string> {
  const config = await ownAgentConfig(em, viewer, agentId, { adminAllowed: true });
  em.remove(config);
  auditWithin(em, {
    actor: viewer,
    action: 'agent.whatsapp.disable',
    outcome: AuditOutcome.SUCCESS,
    subjectUserId: config.userId,
    targetType: 'agent',
    targetId: config.agentId,
    requestId,
    details: { phoneNumberId: config.phoneNumberId },
  });
  await em.flush();
  return config.agentId;
}
