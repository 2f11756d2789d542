import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AuditOutcome, auditWithin } from '../audit';
import {
  assertPlatformOpenForNewUse,
  CredentialSource,
  credentialSourceOf,
  WhatsAppCredential,
  type PlatformDefault,
} from '../credentials';
import { PublicError } from '../platform/errors';
import { parseId } from '../platform/graphql/ids';
import type { Viewer } from '../platform/identity';
import { applyKeywordInput } from './agent-keywords';
import type { EnableAgentWhatsAppInput } from './agent-config.input';
import { configMessage } from './agent-config-lookup';
import { AgentWhatsAppConfig } from './agent-whatsapp-config.entity';
import { normalizeBusinessHours } from './business-hours-clock';
import { newPlatformCode } from './platform-routing';
import { ownerReplyPauseOf } from './owner-reply-pause';

/**
 * Puts one of the caller's agents on one of the caller's phone numbers. The plugin cannot see the host's
 * agents table: it trusts the host to show users only their own agents, and records the caller as the
 * agent's owner. One configuration per agent, one agent per phone number.
 */
export async function enableAgentWhatsApp(
  em: EntityManager,
  defaultSource: PlatformDefault,
  viewer: Viewer,
  input: EnableAgentWhatsAppInput,
  requestId: string,
): Promise<AgentWhatsAppConfig> {
  const agentId = parseId(input.agentId, 'Agent');
  const credential = input.credentialId == null ? null : await em.findOne(WhatsAppCredential, { id: parseId(input.credentialId, 'Credential'), userId: viewer.userId });
  if (input.credentialId != null && !credential) throw PublicError.notFound('Credential');
  if (!credential) await assertPlatformLine(em, defaultSource, viewer.userId);
  const welcomeMessage = configMessage(input.welcomeMessage ?? null, 'input.welcomeMessage');
  const fallbackMessage = configMessage(input.fallbackMessage ?? null, 'input.fallbackMessage');
  const businessHours = input.businessHours ? normalizeBusinessHours(input.businessHours, 'input.businessHours') : null;
  const keywords: Pick<AgentWhatsAppConfig, 'optOutKeywords' | 'optInKeywords'> = { optOutKeywords: null, optInKeywords: null };
  applyKeywordInput(keywords, input);

  await assertFree(em, viewer, agentId, credential?.phoneNumberId ?? null);
  const config = em.create(AgentWhatsAppConfig, {
    agentId,
    userId: viewer.userId,
    credential,
    phoneNumberId: credential?.phoneNumberId ?? null,
    // Every agent gets one, so it can be reached on the platform's number whenever its owner is on it.
    platformCode: newPlatformCode(),
    autoReply: input.autoReply,
    markRead: input.markRead,
    typingIndicator: input.typingIndicator,
    ownerReplyPauseMinutes: ownerReplyPauseOf(input.ownerReplyPauseMinutes ?? 30, 'input.ownerReplyPauseMinutes'),
    welcomeMessage,
    fallbackMessage,
    businessHours,
    ...keywords,
  });
  auditWithin(em, {
    actor: viewer,
    action: 'agent.whatsapp.enable',
    outcome: AuditOutcome.SUCCESS,
    subjectUserId: viewer.userId,
    targetType: 'agent',
    targetId: agentId,
    requestId,
    details: { credentialId: credential?.id ?? null, line: credential ? CredentialSource.USER : CredentialSource.PLATFORM, autoReply: input.autoReply, businessHours: businessHours !== null },
  });
  try {
    await em.flush();
  } catch (error) {
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    // Lost a race with a concurrent enable: answer as if it had committed first.
    await assertFree(em.fork(), viewer, agentId, credential?.phoneNumberId ?? null);
    throw error;
  }
  return config;
}

/** Without a credential of their own, the owner must be on the platform's credentials and those must take new agents. */
async function assertPlatformLine(em: EntityManager, defaultSource: PlatformDefault, userId: string): Promise<void> {
  if ((await credentialSourceOf(em, defaultSource, userId)) !== CredentialSource.PLATFORM) {
    throw PublicError.badInput('input.credentialId', 'Give one of your credentials: your agents use your own WhatsApp numbers.');
  }
  await assertPlatformOpenForNewUse(em, 'input.credentialId');
}

async function assertFree(em: EntityManager, viewer: Viewer, agentId: string, phoneNumberId: string | null): Promise<void> {
  const existing = await em.findOne(AgentWhatsAppConfig, phoneNumberId ? { $or: [{ agentId }, { phoneNumberId }] } : { agentId });
  if (!existing) return;
  if (existing.agentId === agentId) {
    // Someone else's agent is indistinguishable from an unknown one.
    if (existing.userId !== viewer.userId) throw PublicError.notFound('Agent');
    throw PublicError.conflict('WhatsApp is already enabled for this agent; update or disable it instead.', 'input.agentId');
  }
  throw PublicError.conflict('This phone number already serves another agent; disable it there first.', 'input.credentialId');
}
