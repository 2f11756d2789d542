import type { EntityManager } from '@mikro-orm/postgresql';
import type { CredentialSecrets } from './credential-secrets';
import type { WhatsAppCredential } from './whatsapp-credential.entity';

/**
 * What other domains do when a credential comes and goes, registered by the composition root so that
 * credentials never import them (webhooks depend on credentials, not the other way round).
 */
export class CredentialLifecycle {
  private readonly connectedHandlers: Array<(em: EntityManager, credential: WhatsAppCredential) => Promise<void>> = [];
  private readonly deletingHandlers: Array<(credential: WhatsAppCredential, secrets: CredentialSecrets) => Promise<void>> = [];

  /** Runs inside the connect transaction, after the credential is persisted: enqueue work with `{ em }`. */
  onConnected(handler: (em: EntityManager, credential: WhatsAppCredential) => Promise<void>): void {
    this.connectedHandlers.push(handler);
  }

  /**
   * Runs before a credential's rows and secrets are removed (e.g. tearing down Meta's webhook
   * configuration, which needs the token). A handler that throws stops the deletion, so handlers decide
   * for themselves what is best-effort.
   */
  onDeleting(handler: (credential: WhatsAppCredential, secrets: CredentialSecrets) => Promise<void>): void {
    this.deletingHandlers.push(handler);
  }

  async connected(em: EntityManager, credential: WhatsAppCredential): Promise<void> {
    for (const handler of this.connectedHandlers) await handler(em, credential);
  }

  async deleting(credential: WhatsAppCredential, secrets: CredentialSecrets): Promise<void> {
    for (const handler of this.deletingHandlers) await handler(credential, secrets);
  }
}
