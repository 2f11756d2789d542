import type { EntityManager } from '@mikro-orm/postgresql';
import type { CredentialSecrets } from './credential-secrets';
import { WhatsAppCredential } from './whatsapp-credential.entity';

/**
 * What other domains do when a credential comes and goes, registered by the composition root so that
 * credentials never import them (webhooks depend on credentials, not the other way round).
 */
export class CredentialLifecycle {
  private readonly connectedHandlers: Array<(em: EntityManager, credential: WhatsAppCredential) => Promise<void>> = [];
  private readonly deletingHandlers: Array<(credential: WhatsAppCredential, secrets: CredentialSecrets) => Promise<void>> = [];

  /** `em` is the root manager: the deletion mark is committed on its own, outside any caller's transaction. */
  constructor(private readonly em: EntityManager) {}

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

  /**
   * Marks the credential as being deleted (committed first, so work racing the deletion can see it), then
   * runs the handlers. A handler that throws stops the deletion, and the mark is lifted again.
   */
  async deleting(credential: WhatsAppCredential, secrets: CredentialSecrets): Promise<void> {
    await this.em.fork().nativeUpdate(WhatsAppCredential, { id: credential.id }, { deletingAt: new Date() });
    try {
      for (const handler of this.deletingHandlers) await handler(credential, secrets);
    } catch (error) {
      await this.em.fork().nativeUpdate(WhatsAppCredential, { id: credential.id }, { deletingAt: null });
      throw error;
    }
  }
}
