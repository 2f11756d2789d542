import type { EntityManager } from '@mikro-orm/postgresql';
import { AgentWhatsAppConfig } from '../agents';
import { CredentialStatus, WhatsAppCredential } from '../credentials';
import { PublicError } from '../platform/errors';
import { parseId } from '../platform/graphql/ids';

export interface AgentMapping {
  agentId: string;
  credentialId: string;
}

interface PlannedAgent {
  config: AgentWhatsAppConfig;
  /** The own credential the agent moves to; null when the user has none left for it. */
  credential: WhatsAppCredential | null;
}

export interface MigrationPlan {
  agents: PlannedAgent[];
  /** What the user must do before the run can succeed, in words; empty when ready. */
  requirements: string[];
}

/**
 * Which own number each of the user's agents moves to: the user's choice where given, else the
 * credential the agent already has, else the user's next unused number (oldest first). One agent per
 * number, as everywhere.
 */
export async function planMigration(em: EntityManager, userId: string, choices: AgentMapping[] = []): Promise<MigrationPlan> {
  const [configs, credentials] = await Promise.all([
    em.find(AgentWhatsAppConfig, { userId }, { orderBy: { createdAt: 'asc', id: 'asc' } }),
    em.find(WhatsAppCredential, { userId, platform: false }, { orderBy: { createdAt: 'asc', id: 'asc' } }),
  ]);
  const byId = new Map(credentials.map((c) => [c.id, c]));
  const chosen = new Map<string, WhatsAppCredential>();
  for (const [index, choice] of choices.entries()) {
    const agentId = parseId(choice.agentId, 'Agent');
    if (!configs.some((c) => c.agentId === agentId)) throw PublicError.notFound('Agent');
    const credential = byId.get(parseId(choice.credentialId, 'Credential'));
    if (!credential) throw PublicError.notFound('Credential');
    if ([...chosen.values()].includes(credential)) {
      throw PublicError.badInput(`input.agents.${index}.credentialId`, 'Each phone number serves one agent: this credential is chosen twice.');
    }
    chosen.set(agentId, credential);
  }

  const taken = new Set<string>([...chosen.values()].map((c) => c.id));
  for (const config of configs) {
    if (!chosen.has(config.agentId) && config.credential && !taken.has(config.credential.id)) {
      chosen.set(config.agentId, byId.get(config.credential.id)!);
      taken.add(config.credential.id);
    }
  }
  const free = credentials.filter((c) => !taken.has(c.id));
  const agents = configs.map((config) => {
    let credential = chosen.get(config.agentId) ?? null;
    if (!credential && free.length > 0) credential = free.shift()!;
    return { config, credential };
  });

  const requirements: string[] = [];
  const missing = agents.filter((a) => !a.credential).length;
  if (missing > 0) {
    requirements.push(`Connect ${missing} more WhatsApp Business number${missing === 1 ? '' : 's'} of your own: each agent needs one (access token, app secret, business account id, phone number id).`);
  }
  for (const { credential } of agents) {
    if (credential && credential.status !== CredentialStatus.ACTIVE) {
      requirements.push(`Fix the credential of ${credential.phoneNumber}: it is ${credential.status} (${credential.statusReason}); update its token or revalidate it.`);
    }
  }
  return { agents, requirements };
}
