import type { EntityManager } from '@mikro-orm/postgresql';
import { CredentialSource, credentialSourceOf, platformCredentialOf, WhatsAppCredential, type PlatformDefault } from '../credentials';
import type { AgentWhatsAppConfig } from './agent-whatsapp-config.entity';

/** Which number an agent talks on right now, decided by its owner's credential source. */
export interface AgentLine {
  source: CredentialSource;
  /** Null when that line has no credential: no own number yet, or the platform's not synced or retired. */
  credential: WhatsAppCredential | null;
}

export async function agentLineOf(em: EntityManager, defaultSource: PlatformDefault, config: AgentWhatsAppConfig): Promise<AgentLine> {
  const source = await credentialSourceOf(em, defaultSource, config.userId);
  if (source === CredentialSource.PLATFORM) return { source, credential: await platformCredentialOf(em) };
  const credential = config.credential ? await em.findOne(WhatsAppCredential, { id: config.credential.id }) : null;
  return { source, credential };
}

/** The wa.me link that opens a chat with the platform's number, the agent's routing code pre-filled. */
export function platformLinkOf(platform: WhatsAppCredential, code: string): string {
  return `https://wa.me/${platform.phoneNumber.replace(/\D/g, '')}?text=${encodeURIComponent(code)}`;
}
