import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { qualifiedTable } from '../platform/db/orm';
import { Conversation } from '../messaging';
import { AgentWhatsAppConfig } from './agent-whatsapp-config.entity';

// Crockford's base32: no I, L, O or U, so a code read aloud or typed by a customer survives.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE = /\bWA-([0-9A-HJKMNP-TV-Z]{8})\b/i;

/** A fresh routing code, e.g. WA-7KQ2M9XD (40 bits: collisions are caught by the unique index anyway). */
export function newPlatformCode(): string {
  const bytes = randomBytes(8);
  let code = '';
  for (const byte of bytes) code += ALPHABET[byte & 31];
  return `WA-${code}`;
}

/** The routing code a customer's message carries, normalised; null when it has none. */
function platformCodeIn(text: string | null | undefined): string | null {
  const match = text ? CODE.exec(text) : null;
  return match ? `WA-${match[1]!.toUpperCase()}` : null;
}

export interface PlatformRoute {
  userId: string;
  agentId: string;
  /** How the agent was found, for the audit log. */
  by: 'code' | 'thread';
}

/**
 * Which agent a customer's message on the platform's shared number is for: the agent whose code it
 * carries (the customer followed that agent's link), else the agent of the customer's latest thread on
 * this number. Null when neither exists: the message is kept for the platform and audited.
 */
export async function routePlatformInbound(
  em: EntityManager,
  platformPhoneNumberId: string,
  customerWaId: string,
  text: string | null,
): Promise<PlatformRoute | null> {
  const code = platformCodeIn(text);
  if (code) {
    const config = await em.findOne(AgentWhatsAppConfig, { platformCode: code }, { fields: ['agentId', 'userId'] });
    if (config) return { userId: config.userId, agentId: config.agentId, by: 'code' };
  }
  const rows = await em.execute(
    `select conversation.user_id, conversation.agent_line
       from ${qualifiedTable(em, Conversation)} conversation
       join ${qualifiedTable(em, AgentWhatsAppConfig)} config on config.agent_id::text = conversation.agent_line and config.user_id = conversation.user_id
      where conversation.phone_number_id = ? and conversation.customer_wa_id = ? and conversation.agent_line <> ''
      order by greatest(conversation.last_inbound_at, conversation.last_outbound_at) desc nulls last, conversation.created_at desc
      limit 1`,
    [platformPhoneNumberId, customerWaId],
  );
  const latest = rows[0] as { user_id: string; agent_line: string } | undefined;
  return latest ? { userId: latest.user_id, agentId: latest.agent_line, by: 'thread' } : null;
}
