import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * An agent's settings as the inbox reads them from its row, to ask the agents domain whether the agent
 * will act on a message. The business hours are the agent's own JSON: only the agents domain reads them.
 */
export interface AgentFacts {
  agentId: string;
  enabled: boolean;
  autoReply: boolean;
  businessHours: unknown;
  welcomeMessage: string | null;
  fallbackMessage: string | null;
  /** The agent's own opt-out and opt-in keywords (lowercase); null keeps the defaults. */
  optOutKeywords: string[] | null;
  optInKeywords: string[] | null;
  /** Minutes of silence after the owner writes from the WhatsApp Business app; 0: none. */
  ownerReplyPauseMinutes: number;
}

/** Who a message to the platform's shared number is for, and how that was decided. */
interface PlatformInboundRoute {
  userId: string;
  agentId: string;
  by: 'code' | 'thread';
}

/**
 * What inbound processing asks of the agents domain. Webhooks own the inbox and agents build on it, so
 * the dependency points from agents to webhooks; the composition root (src/app) hands the agents
 * domain's answers in through this interface.
 */
export interface InboundAgents {
  /** Whether the agent will reply, welcome or fall back on a message received at `at`. */
  willAct(agent: AgentFacts, at: Date): boolean;
  /** The agent a message to the platform's shared number is for (by code, then thread), or null. */
  routePlatformInbound(em: EntityManager, platformPhoneNumberId: string, customerWaId: string, text: string | null): Promise<PlatformInboundRoute | null>;
}
