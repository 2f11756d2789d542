import type { EntityManager } from '@mikro-orm/postgresql';
import { AuditOutcome, auditWithin } from '../audit';
import type { Viewer } from '../platform/identity';
import type { UpdateAgentWhatsAppInput } from './agent-config.input';
import { configMessage, ownAgentConfig } from './agent-config-lookup';
import { applyKeywordInput } from './agent-keywords';
import type { AgentWhatsAppConfig } from './agent-whatsapp-config.entity';
import { normalizeBusinessHours } from './business-hours-clock';
import { ownerReplyPauseOf } from './owner-reply-pause';

/** Changes what the caller gave; an omitted field keeps its value and an explicit null clears it. */
export async function updateAgentWhatsApp(
  em: EntityManager,
  viewer: Viewer,
  agentId: string,
  input: UpdateAgentWhatsAppInput,
  requestId: string,
): Promise<AgentWhatsAppConfig> {
  const config = await ownAgentConfig(em, viewer, agentId);
  const changed: string[] = [];
  if (input.enabled != null) {
    config.enabled = input.enabled;
    changed.push('enabled');
  }
  if (input.autoReply != null) {
    config.autoReply = input.autoReply;
    changed.push('autoReply');
  }
  for (const flag of ['markRead', 'typingIndicator'] as const) {
    const value = input[flag];
    if (value != null) {
      config[flag] = value;
      changed.push(flag);
    }
  }
  if (input.ownerReplyPauseMinutes != null) {
    config.ownerReplyPauseMinutes = ownerReplyPauseOf(input.ownerReplyPauseMinutes, 'input.ownerReplyPauseMinutes');
    changed.push('ownerReplyPauseMinutes');
  }
  if (input.welcomeMessage !== undefined) {
    config.welcomeMessage = configMessage(input.welcomeMessage, 'input.welcomeMessage');
    changed.push('welcomeMessage');
  }
  if (input.fallbackMessage !== undefined) {
    config.fallbackMessage = configMessage(input.fallbackMessage, 'input.fallbackMessage');
    changed.push('fallbackMessage');
  }
  if (input.businessHours !== undefined) {
    config.businessHours = input.businessHours ? normalizeBusinessHours(input.businessHours, 'input.businessHours') : null;
    changed.push('businessHours');
  }
  changed.push(...applyKeywordInput(config, input));
  auditWithin(em, {
    actor: viewer,
    action: 'agent.whatsapp.update',
    outcome: AuditOutcome.SUCCESS,
    subjectUserId: config.userId,
    targetType: 'agent',
    targetId: config.agentId,
    requestId,
    details: { changed },
  });
  await em.flush();
  return config;
}
