import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AuditOutcome, auditWithin } from '../audit';
import { WhatsAppCredential } from '../credentials';
import { PublicError } from '../errors';
import { parseId } from '../graphql/ids';
import type { Viewer } from '../identity';
import type { EnableAgentWhatsAppInput } from './agent-config.input';
import { configMessage } from './agent-config-lookup';
import { AgentWhatsAppConfig } from './agent-whatsapp-config.entity';
import { normalizeBusinessHours } from './business-hours-clock';

/**
 * Puts one of the caller's agents on one of the caller's phone numbers. The plugin cannot see the host's
 * agents table: it trusts the host to show users only their own agents, and records the caller as the
 * agent's owner. One configuration per agent, one agent per phone number.
 */
export async function enableAgentWhatsApp(
  em: EntityManager,
  viewer: Viewer,
  input: EnableAgentWhatsAppInput,
  requestId: string,
): Promise<AgentWhatsAppConfig> {
  const agentId = parseId(input.agentId, 'Agent');
  const credential = await em.findOne(WhatsAppCredential, { id: parseId(input.credentialId, 'Credential'), userId: viewer.userId });
  if (!credential) throw PublicError.notFound('Credential');
  const welcomeMessage = configMessage(input.welcomeMessage ?? null, 'input.welcomeMessage');
  const fallbackMessage = configMessage(input.fallbackMessage ?? null, 'input.fallbackMessage');
  const businessHours = input.businessHours ? normalizeBusinessHours(input.businessHours, 'input.businessHours') : null;

  await assertFree(em, viewer, agentId, credential.phoneNumberId);
  const config = em.create(AgentWhatsAppConfig, {
    agentId,
    userId: viewer.userId,
    credential,
    phoneNumberId: credential.phoneNumberId,
    autoReply: input.autoReply,
    welcomeMessage,
    fallbackMessage,
    businessHours,
  });
  auditWithin(em, {
    actor: viewer,
    action: 'agent.whatsapp.enable',
    outcome: AuditOutcome.SUCCESS,
    subjectUserId: viewer.userId,
    targetType: 'agent',
    targetId: agentId,
    requestId,
    details: { credentialId: credential.id, autoReply: input.autoReply, businessHours: businessHours !== null },
  });
  try {
    await em.flush();
  } catch (error) {
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    // Lost a race with a concurrent enable: answer as if it had committed first.
    await assertFree(em.fork(), viewer, agentId, credential.phoneNumberId);
    throw error;
  }
  return config;
}

async function assertFree(em: EntityManager, viewer: Viewer, agentId: string, phoneNumberId: string): Promise<void> {
  const existing = await em.findOne(AgentWhatsAppConfig, { $or: [{ agentId }, { phoneNumberId }] });
  if (!existing) return;
  if (existing.agentId === agentId) {
    // Someone else's agent is indistinguishable from an unknown one.
    if (existing.userId !== viewer.userId) throw PublicError.notFound('Agent');
    throw PublicError.conflict('WhatsApp is already enabled for this agent; update or disable it instead.', 'input.agentId');
  }
  throw PublicError.conflict('This phone number already serves another agent; disable it there first.', 'input.credentialId');
}
