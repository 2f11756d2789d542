import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AgentWhatsAppConfig } from '../agents';
import { AuditOutcome, auditWithin } from '../audit';
import {
  assertPlatformOpenForNewUse,
  auditedOperation,
  CredentialSource,
  platformCredentialOf,
  PlatformCredentialState,
  platformStateOf,
  PLATFORM_OWNER_ID,
  readCredentialSecrets,
  UserCredentialSource,
  WhatsAppCredential,
  type CommandContext,
  type PlatformDefault,
} from '../credentials';
import { qualifiedTable } from '../platform/db/orm';
import { PublicError } from '../platform/errors';
import { parseId } from '../platform/graphql/ids';
import type { PlatformMigrationServices } from './platform-migration-services';

export interface PlatformDependent {
  userId: string;
  agentCount: number;
}

/**
 * Users whose agents still talk through the platform's credentials: an enabled agent and the platform
 * as their source (their own choice, or the global default). Migration phase 3 waits for this to be empty.
 */
export async function platformDependents(em: EntityManager, defaultSource: PlatformDefault): Promise<PlatformDependent[]> {
  if ((await platformStateOf(em)).retiredAt) return [];
  const rows = await em.execute(
    `select config.user_id, count(*)::int as agent_count
       from ${qualifiedTable(em, AgentWhatsAppConfig)} config
       left join ${qualifiedTable(em, UserCredentialSource)} source on source.user_id = config.user_id
      where config.enabled and coalesce(source.source, ?) = 'PLATFORM'
      group by config.user_id
      order by config.user_id`,
    [defaultSource],
  );
  return (rows as Array<{ user_id: string; agent_count: number }>).map((r) => ({ userId: r.user_id, agentCount: r.agent_count }));
}

/** An admin chooses which credentials one user's agents use (the per-user feature flag), or clears the choice. */
export async function setUserCredentialSource(ctx: CommandContext<PlatformMigrationServices>, rawUserId: string, source: CredentialSource | null): Promise<void> {
  const userId = parseId(rawUserId, 'User');
  await auditedOperation(ctx, { action: 'platform.user_source', targetType: 'User', targetId: userId, subjectUserId: userId, details: { source } }, async () => {
    if (source === CredentialSource.PLATFORM || (source === null && ctx.services.config.platform.defaultSource === 'PLATFORM')) {
      await assertPlatformOpenForNewUse(ctx.em, 'source');
    }
    await ctx.em.fork().transactional(async (tx) => {
      if (source === null) await tx.nativeDelete(UserCredentialSource, { userId });
      else await tx.upsert(UserCredentialSource, { userId, source, updatedAt: new Date() });
      auditWithin(tx, {
        actor: ctx.viewer,
        action: 'platform.user_source',
        outcome: AuditOutcome.SUCCESS,
        subjectUserId: userId,
        targetType: 'User',
        targetId: userId,
        requestId: ctx.requestId,
        details: { source },
      });
    });
  });
}

/** Phase 3, first half: the platform's credentials take no new agents or users; existing ones keep working. */
export async function setPlatformDeprecated(ctx: CommandContext<PlatformMigrationServices>, deprecated: boolean): Promise<void> {
  await auditedOperation(ctx, { action: 'platform.deprecate', targetType: 'PlatformCredentials', details: { deprecated } }, async () => {
    await ctx.em.fork().transactional(async (tx) => {
      const state = (await tx.findOne(PlatformCredentialState, { id: 1 })) ?? tx.create(PlatformCredentialState, {});
      if (state.retiredAt) throw PublicError.conflict('The platform\'s credentials are retired; that cannot be undone.');
      state.deprecatedAt = deprecated ? (state.deprecatedAt ?? new Date()) : null;
      state.deprecatedBy = deprecated ? ctx.viewer.userId : null;
      auditWithin(tx, {
        actor: ctx.viewer,
        action: 'platform.deprecate',
        outcome: AuditOutcome.SUCCESS,
        targetType: 'PlatformCredentials',
        requestId: ctx.requestId,
        details: { deprecated },
      });
      await tx.flush();
    });
  });
}

/**
 * Phase 3, the clean-up: once deprecated and nobody depends on them, the platform's credentials go for
 * good. The decision is taken first, under the state row's lock: once retired, every user is on USER and
 * nobody can start depending again. Then the clean-up, which a call after a crash repeats: Meta's webhook
 * configuration for the platform number is removed (it needs the token, so before the row), the credential
 * row and its key destroyed, the routing codes and per-user PLATFORM choices cleared. Customers' threads
 * on the platform number stay in their owners' history.
 */
export async function retirePlatform(ctx: CommandContext<PlatformMigrationServices>): Promise<void> {
  const { services } = ctx;
  await auditedOperation(ctx, { action: 'platform.retire', targetType: 'PlatformCredentials' }, async () => {
    const wasRetired = await ctx.em.fork().transactional(async (tx) => {
      const state = await tx.findOne(PlatformCredentialState, { id: 1 }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (state?.retiredAt) return true;
      if (!state?.deprecatedAt) throw PublicError.conflict('Deprecate the platform\'s credentials first, and wait for every user to migrate.');
      const dependents = await platformDependents(tx, services.config.platform.defaultSource);
      if (dependents.length > 0) {
        throw PublicError.conflict(`${dependents.length} user(s) still depend on the platform's credentials; see platformWhatsApp.dependents.`);
      }
      state.retiredAt = new Date();
      await tx.flush();
      return false;
    });
    const platform = await platformCredentialOf(ctx.em);
    if (wasRetired && !platform) return;
    // Not abandoned if the rows cannot go now: retirement is decided, and running it again finishes it.
    if (platform) await services.credentialLifecycle.beginDeletion(platform, await readCredentialSecrets(ctx.em, services.keys, platform));
    await ctx.em.fork().transactional(async (tx) => {
      if (platform) await tx.nativeDelete(WhatsAppCredential, { id: platform.id });
      await tx.nativeUpdate(AgentWhatsAppConfig, { platformCode: { $ne: null } }, { platformCode: null });
      await tx.nativeDelete(UserCredentialSource, { source: CredentialSource.PLATFORM });
      auditWithin(tx, {
        actor: ctx.viewer,
        action: 'platform.retire',
        outcome: AuditOutcome.SUCCESS,
        subjectUserId: PLATFORM_OWNER_ID,
        targetType: 'PlatformCredentials',
        targetId: platform?.id ?? null,
        requestId: ctx.requestId,
        details: { phoneNumberId: platform?.phoneNumberId ?? null },
      });
    });
    // Nothing is encrypted under the platform's key any more.
    await services.keys.deleteUserKey(PLATFORM_OWNER_ID).catch((err: unknown) => ctx.logger.warn({ err }, 'could not delete the platform key'));
  });
}
