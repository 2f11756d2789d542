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
  private readonly restoredHandlers: Array<(credentialId: string) => Promise<void>> = [];

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

  /**
   * Runs when a deletion that had begun did not happen: the deleting handlers may have undone things
   * (Meta's configuration) that the credential, still here, needs again.
   */
  onRestored(handler: (credentialId: string) => Promise<void>): void {
    this.restoredHandlers.push(handler);
  }

  async connected(em: EntityManager, credential: WhatsAppCredential): Promise<void> {
    for (const handler of this.connectedHandlers) await handler(em, credential);
  }

  /**
   * Deletes a credential: `beginDeletion`, then `removeRows`; when either fails the deletion is abandoned,
   * so a credential that stays is never left marked.
   */
  async delete(credential: WhatsAppCredential, secrets: CredentialSecrets, removeRows: () => Promise<void>): Promise<void> {
    await this.beginDeletion(credential, secrets);
    try {
      await removeRows();
    } catch (error) {
      await this.abandonDeletion([credential.id]);
      throw error;
    }
  }

  /**
   * Marks the credential as being deleted (committed first, so work racing the deletion can see it), then
   * runs the deleting handlers. The caller removes the rows next, or calls `abandonDeletion` if it cannot.
   */
  async beginDeletion(credential: WhatsAppCredential, secrets: CredentialSecrets): Promise<void> {
    await this.em.fork().nativeUpdate(WhatsAppCredential, { id: credential.id }, { deletingAt: new Date() });
    try {
      for (const handler of this.deletingHandlers) await handler(credential, secrets);
    } catch (error) {
      await this.abandonDeletion([credential.id]);
      throw error;
    }
  }

  /** Lifts the deletion mark of credentials that stay, and lets the restored handlers set them up again. */
  async abandonDeletion(credentialIds: string[]): Promise<void> {
    if (credentialIds.length === 0) return;
    const lifted = await this.em.fork().nativeUpdate(WhatsAppCredential, { id: { $in: credentialIds }, deletingAt: { $ne: null } }, { deletingAt: null });
    if (lifted === 0) return;
    for (const credentialId of credentialIds) {
      for (const handler of this.restoredHandlers) await handler(credentialId);
    }
  }
}
