import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { AgentReply } from '../agents/agent-reply.entity';
import { AgentWhatsAppConfig } from '../agents/agent-whatsapp-config.entity';
import { AuditEntry, AuditOutcome, auditSeparately, auditWithin, type AuditActor } from '../audit';
import { UserCredentialSource, WhatsAppCredential } from '../credentials';
import { ErrorCode, PublicError } from '../platform/errors';
import { KeyPermissionDeniedError, KeyServiceUnavailableError, type KeyService } from '../adapters/keys';
import { Conversation } from '../messaging/conversation.entity';
import { WhatsAppMigration } from '../platform-migration/whatsapp-migration.entity';
import { Message } from '../messaging/message.entity';
import { MessageStatusEvent } from '../messaging/message-status-event.entity';
import type { Logger } from '../platform/observability/logger';
import { WebhookDelivery, WebhookEndpoint } from '../webhooks';
import { UserDataErasure } from './user-data-erasure.type';

/** What a before-erasure hook gets: the user's credentials while they still exist and still decrypt. */
interface UserErasureContext {
  userId: string;
  /** Loaded in `em`, so `readCredentialSecrets(em, keys, credential)` works. */
  credentials: readonly WhatsAppCredential[];
  /** A unit of work of the hook's own. */
  em: EntityManager;
  /** Aborted when the hook's time is up; the erasure does not wait longer. */
  signal: AbortSignal;
}

/**
 * Work that must happen before a user's data and key are gone, best effort: e.g. removing the callback
 * override and app subscription from Meta, which needs the user's access token. A failing or slow hook
 * is logged and reported in `hooksFailed`; it never stops the erasure.
 */
export interface BeforeUserDataErasedHook {
  /** Names the hook in logs and in `hooksFailed`. */
  name: string;
  run(context: UserErasureContext): Promise<void>;
  /** Undoes `run` when the erasure then fails and nothing is deleted (the user's data stays in use). */
  abandon?(context: { userId: string; credentialIds: string[] }): Promise<void>;
}

export interface UserErasureOptions {
  orm: MikroORM;
  keys: KeyService;
  logger: Logger;
  /** Drops the user's key-rotation bookkeeping inside the erasure's transaction. */
  keyRotation: { forgetUser(tx: EntityManager, userId: string): Promise<number> };
  /** Per hook. Default 10 s. */
  hookTimeoutMs?: number;
}

const ERASE_ACTION = 'user.erase';

/**
 * GDPR erasure of one user, called by the host when it deletes the user (or by an administrator):
 * before-erasure hooks, then the user's key is destroyed (crypto-shredding every copy of their secrets,
 * backups included), then every row of theirs is deleted in one transaction with the audit entry.
 * Idempotent: erasing again finds nothing and says so with zero counts.
 *
 * The key goes first because it is the guarantee that matters: if deleting rows then fails, what is left
 * is already unreadable and a retry removes it.
 */
export class UserErasure {
  private readonly orm: MikroORM;
  private readonly keys: KeyService;
  private readonly logger: Logger;
  private readonly keyRotation: UserErasureOptions['keyRotation'];
  private readonly hookTimeoutMs: number;
  private readonly hooks: BeforeUserDataErasedHook[] = [];

  constructor(options: UserErasureOptions) {
    this.orm = options.orm;
    this.keys = options.keys;
    this.logger = options.logger.child({ component: 'user-erasure' });
    this.keyRotation = options.keyRotation;
    this.hookTimeoutMs = options.hookTimeoutMs ?? 10_000;
  }

  /** Registers work to run before each erasure (in registration order). */
  onBeforeErase(hook: BeforeUserDataErasedHook): void {
    this.hooks.push(hook);
  }

  async erase(actor: AuditActor, userId: string, requestId: string | null): Promise<UserDataErasure> {
    const em = this.orm.em.fork();
    const hooksFailed = await this.runHooks(userId);
    const credentials = await em.find(WhatsAppCredential, { userId });

    try {
      await this.keys.deleteUserKey(userId);
    } catch (error) {
      // Nothing is deleted, so the user's credentials stay in use: undo what the hooks began. Past this
      // point the key is gone and the rows are only waiting for a retry to remove them.
      await this.abandonHooks(userId, credentials.map((credential) => credential.id));
      await this.auditFailure(em, actor, userId, requestId, error);
      if (error instanceof KeyPermissionDeniedError) {
        this.logger.error({ userId, error: error.name, reason: error.reason }, 'the key service refused to delete a key: check the Vault token and policy');
      }
      if (error instanceof KeyServiceUnavailableError || error instanceof KeyPermissionDeniedError) {
        throw new PublicError(
          ErrorCode.DependencyUnavailable,
          'The key service is unavailable: the user\'s key was not destroyed and no data was deleted. Retry the erasure shortly.',
        );
      }
      throw error;
    }

    try {
      const erased = await em.transactional(async (tx) => {
        const counts = await this.deleteRows(tx, userId, credentials.map((c) => c.id));
        // Counts and hook names only: the entry that proves the erasure must not hold what was erased.
        auditWithin(tx, {
          actor,
          action: ERASE_ACTION,
          outcome: AuditOutcome.SUCCESS,
          subjectUserId: userId,
          targetType: 'user',
          targetId: userId,
          requestId,
          details: { ...counts, keyDestroyed: true, hooksFailed },
        });
        return counts;
      });
      const result = Object.assign(new UserDataErasure(), { userId, keyDestroyed: true, hooksFailed, ...erased });
      this.logger.info({ userId, ...erased, hooksFailed }, 'erased a user\'s data and destroyed their key');
      return result;
    } catch (error) {
      await this.auditFailure(em, actor, userId, requestId, error);
      throw error;
    }
  }

  private async deleteRows(tx: EntityManager, userId: string, credentialIds: string[]): Promise<Omit<UserDataErasure, 'userId' | 'keyDestroyed' | 'hooksFailed'>> {
    // Rows are matched by owner and by the credentials read above, so a row created for one of those
    // credentials under another owner id cannot survive.
    const ofCredentials = credentialIds.length > 0 ? [{ credential: { $in: credentialIds } }] : [];
    const endpoints = await tx.find(WebhookEndpoint, { $or: [{ userId }, ...ofCredentials] }, { fields: ['id'] });
    const endpointIds = endpoints.map((endpoint) => endpoint.id);

    const messages = await tx.nativeDelete(Message, { $or: [{ userId }, ...(credentialIds.length > 0 ? [{ credentialId: { $in: credentialIds } }] : [])] });
    // The runtime's replies and the raw status payloads (they name the customer) are message data too.
    await tx.nativeDelete(AgentReply, { userId });
    if (credentialIds.length > 0) await tx.nativeDelete(MessageStatusEvent, { credentialId: { $in: credentialIds } });
    const conversations = await tx.nativeDelete(Conversation, { userId });
    const webhookDeliveries = endpointIds.length > 0 ? await tx.nativeDelete(WebhookDelivery, { endpointId: { $in: endpointIds } }) : 0;
    // Explicit before the credentials, although their foreign keys cascade, so the counts are exact.
    const agentConfigs = await tx.nativeDelete(AgentWhatsAppConfig, { $or: [{ userId }, ...ofCredentials] });
    const webhookEndpoints = endpointIds.length > 0 ? await tx.nativeDelete(WebhookEndpoint, { id: { $in: endpointIds } }) : 0;
    const credentials = await tx.nativeDelete(WhatsAppCredential, { userId });
    // The migration record's snapshot names the user's agents and numbers; the source choice goes with it.
    await tx.nativeDelete(WhatsAppMigration, { userId });
    await tx.nativeDelete(UserCredentialSource, { userId });
    const keyRotationRecords = await this.keyRotation.forgetUser(tx, userId);
    // Older entries stay as the security record (who did what, when, with which outcome) under opaque
    // ids; their details, which may name phone numbers or businesses, go.
    const auditEntriesScrubbed = await tx.nativeUpdate(
      AuditEntry,
      { subjectUserId: userId, action: { $ne: ERASE_ACTION }, details: { $ne: null } },
      { details: null },
    );
    return { credentials, webhookEndpoints, webhookDeliveries, agentConfigs, conversations, messages, keyRotationRecords, auditEntriesScrubbed };
  }

  private async runHooks(userId: string): Promise<string[]> {
    const failed: string[] = [];
    for (const hook of this.hooks) {
      const em = this.orm.em.fork();
      const credentials = await em.find(WhatsAppCredential, { userId });
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), this.hookTimeoutMs);
      const timedOut = new Promise<never>((_resolve, reject) => {
        controller.signal.addEventListener('abort', () => reject(new Error('timed out')), { once: true });
      });
      timedOut.catch(() => undefined);
      try {
        await Promise.race([hook.run({ userId, credentials, em, signal: controller.signal }), timedOut]);
      } catch (error) {
        failed.push(hook.name);
        const reason = controller.signal.aborted ? 'timed out' : error instanceof Error ? error.name : 'unknown error';
        this.logger.warn({ userId, hook: hook.name, reason }, 'a before-erasure hook failed; erasing anyway');
      } finally {
        clearTimeout(timer);
        controller.abort();
      }
    }
    return failed;
  }

  private async abandonHooks(userId: string, credentialIds: string[]): Promise<void> {
    for (const hook of this.hooks) {
      try {
        await hook.abandon?.({ userId, credentialIds });
      } catch (error) {
        this.logger.warn({ userId, hook: hook.name, reason: error instanceof Error ? error.name : 'unknown error' }, 'could not undo a before-erasure hook');
      }
    }
  }

  private async auditFailure(em: EntityManager, actor: AuditActor, userId: string, requestId: string | null, error: unknown): Promise<void> {
    await auditSeparately(em, {
      actor,
      action: ERASE_ACTION,
      outcome: AuditOutcome.FAILURE,
      subjectUserId: userId,
      targetType: 'user',
      targetId: userId,
      errorCode: error instanceof Error ? error.name : null,
      requestId,
    }).catch((auditError: unknown) => this.logger.error({ userId, error: (auditError as Error).name }, 'could not audit a failed erasure'));
  }
}
