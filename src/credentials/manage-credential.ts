import { auditSeparately, auditWithin, AuditOutcome } from '../audit';
import { PublicError } from '../platform/errors';
import { WEBHOOK_FIELDS_USED } from '../adapters/whatsapp';
import { parseId } from '../platform/graphql/ids';
import { assertOwnerOrAdmin } from '../platform/graphql/viewer-guards';
import type { CommandContext } from './command-context';
import { auditedOperation } from './credential-errors';
import { announceHealthChange, applyHealthVerdict, recordHealthVerdict, verdictFromFacts, type HealthChange } from './credential-health';
import { checkAccessToken, checkAlertEmail, checkAppSecret, checkMessageRetentionDays } from './credential-input-rules';
import { readCredentialSecrets, writeCredentialSecrets } from './credential-secrets';
import { CredentialStatusReason } from './credential-status';
import { checkCredentialHealth } from './health-check';
import { inspectCredential } from './inspect-credential';
import { noticesOf, type ConnectCredentialResult } from './connect-credential';
import { WhatsAppCredential } from './whatsapp-credential.entity';

export interface UpdateCredentialCommand {
  accessToken?: string | null;
  appSecret?: string | null;
  alertEmail?: string | null;
  /** Absent: unchanged; null: keep every message; days: older messages are deleted by the retention sweep. */
  messageRetentionDays?: number | null;
}

const TARGET = 'WhatsAppCredential';

/** The caller's own credential (admins may reach any when `adminAllowed`); NOT_FOUND otherwise. */
async function loadCredentialFor(ctx: CommandContext, rawId: string, adminAllowed: boolean): Promise<WhatsAppCredential> {
  const credential = await ctx.em.findOne(WhatsAppCredential, { id: parseId(rawId, 'Credential') });
  if (!credential) throw PublicError.notFound('Credential');
  assertOwnerOrAdmin(ctx.viewer, credential.userId, 'Credential', adminAllowed);
  return credential;
}

/**
 * Replaces the token and/or app secret (validated with Meta first: nothing changes when the new values
 * fail) or the alert address. The business account and number cannot change: that is a new connection.
 */
export async function updateCredential(ctx: CommandContext, rawId: string, command: UpdateCredentialCommand): Promise<ConnectCredentialResult> {
  return auditedOperation(ctx, { action: 'credential.update', targetType: TARGET, targetId: rawId.slice(0, 64), subjectUserId: ctx.viewer.userId }, async () => {
    const credential = await loadCredentialFor(ctx, rawId, false);
    const accessToken = command.accessToken == null ? undefined : checkAccessToken(command.accessToken);
    const appSecret = command.appSecret == null ? undefined : checkAppSecret(command.appSecret);
    const alertEmail = checkAlertEmail(command.alertEmail);
    const messageRetentionDays = checkMessageRetentionDays(command.messageRetentionDays);
    const { services } = ctx;

    let facts = null;
    if (accessToken !== undefined || appSecret !== undefined) {
      const current = await readCredentialSecrets(ctx.em, services.keys, credential);
      facts = await inspectCredential(services.whatsapp, {
        accessToken: accessToken ?? current.accessToken,
        appSecret: appSecret ?? current.appSecret,
        businessAccountId: credential.businessAccountId,
        phoneNumberId: credential.phoneNumberId,
      });
    }

    const { row: updated, change } = await ctx.em.transactional(async (em) => {
      const row = await em.findOneOrFail(WhatsAppCredential, { id: credential.id });
      await writeCredentialSecrets(services.keys, row, { accessToken, appSecret }, em);
      if (alertEmail !== undefined) row.alertEmail = alertEmail;
      if (messageRetentionDays !== undefined) row.messageRetentionDays = messageRetentionDays;
      let changed: HealthChange | null = null;
      if (facts) {
        changed = await applyHealthVerdict(em, services, row, verdictFromFacts(facts, services.config.health.expiryWarningDays), {
          actor: ctx.viewer,
          requestId: ctx.requestId,
        });
      }
      auditWithin(em, {
        actor: ctx.viewer,
        action: 'credential.update',
        outcome: AuditOutcome.SUCCESS,
        subjectUserId: row.userId,
        targetType: TARGET,
        targetId: row.id,
        requestId: ctx.requestId,
        details: { accessTokenChanged: accessToken !== undefined, appSecretChanged: appSecret !== undefined, alertEmailChanged: alertEmail !== undefined, messageRetentionDays: row.messageRetentionDays },
      });
      return { row, change: changed };
    });
    await announceHealthChange(services, change);
    return { credential: updated, warnings: facts ? noticesOf(facts, services.config.health.expiryWarningDays) : [], subscribedWebhookFields: [...WEBHOOK_FIELDS_USED] };
  });
}

/** Asks Meta now and records the verdict; Meta being unreachable changes nothing and says so. */
export async function revalidateCredential(ctx: CommandContext, rawId: string): Promise<WhatsAppCredential> {
  return auditedOperation(ctx, { action: 'credential.revalidate', targetType: TARGET, targetId: rawId.slice(0, 64), subjectUserId: ctx.viewer.userId }, async () => {
    const credential = await loadCredentialFor(ctx, rawId, false);
    const checked = await checkCredentialHealth(ctx.services, credential.id, { actor: ctx.viewer, requestId: ctx.requestId, whenUnreachable: 'throw' });
    if (!checked) throw PublicError.notFound('Credential');
    await auditSeparately(ctx.em, {
      actor: ctx.viewer,
      action: 'credential.revalidate',
      outcome: AuditOutcome.SUCCESS,
      subjectUserId: checked.userId,
      targetType: TARGET,
      targetId: checked.id,
      requestId: ctx.requestId,
      details: { status: checked.status, reason: checked.statusReason },
    });
    return checked;
  });
}

/**
 * Removes a credential: first what other domains hang on it (Meta's webhook configuration, which needs
 * the token), then the row with its ciphertexts; endpoints and agent configurations cascade.
 */
export async function deleteCredential(ctx: CommandContext, rawId: string): Promise<string> {
  return auditedOperation(ctx, { action: 'credential.delete', targetType: TARGET, targetId: rawId.slice(0, 64), subjectUserId: ctx.viewer.userId }, async () => {
    const credential = await loadCredentialFor(ctx, rawId, false);
    const secrets = await readCredentialSecrets(ctx.em, ctx.services.keys, credential);
    await ctx.services.credentialLifecycle.delete(credential, secrets, () =>
      ctx.em.transactional(async (em) => {
        await em.nativeDelete(WhatsAppCredential, { id: credential.id });
        auditWithin(em, {
          actor: ctx.viewer,
          action: 'credential.delete',
          outcome: AuditOutcome.SUCCESS,
          subjectUserId: credential.userId,
          targetType: TARGET,
          targetId: credential.id,
          requestId: ctx.requestId,
          details: { phoneNumberId: credential.phoneNumberId },
        });
      }),
    );
    return credential.id;
  });
}

/** An administrator takes a credential out of service (no sends, no checks) without seeing its secrets. */
export async function suspendCredential(ctx: CommandContext, rawId: string, note: string): Promise<WhatsAppCredential> {
  const message = note.trim().slice(0, 500) || 'Suspended by an administrator.';
  return auditedOperation(ctx, { action: 'credential.suspend', targetType: TARGET, targetId: rawId.slice(0, 64) }, async () => {
    const credential = await loadCredentialFor(ctx, rawId, true);
    const updated = await recordHealthVerdict(ctx.services, credential.id, { reason: CredentialStatusReason.SUSPENDED_BY_ADMIN, message: `Suspended by an administrator: ${message}` }, {
      actor: ctx.viewer,
      requestId: ctx.requestId,
    });
    return updated ?? credential;
  });
}

/** Lifts an administrator's suspension; the credential's real health is then checked with Meta. */
export async function reinstateCredential(ctx: CommandContext, rawId: string): Promise<WhatsAppCredential> {
  return auditedOperation(ctx, { action: 'credential.reinstate', targetType: TARGET, targetId: rawId.slice(0, 64) }, async () => {
    const credential = await loadCredentialFor(ctx, rawId, true);
    if (credential.statusReason !== CredentialStatusReason.SUSPENDED_BY_ADMIN) return credential;
    // Back to active first, so the check below reports (and alerts) whatever Meta says now.
    await recordHealthVerdict(ctx.services, credential.id, { reason: CredentialStatusReason.NONE, message: null }, { actor: ctx.viewer, requestId: ctx.requestId, liftAdminHold: true });
    const checked = await checkCredentialHealth(ctx.services, credential.id, { actor: ctx.viewer, requestId: ctx.requestId, whenUnreachable: 'count' });
    return checked ?? credential;
  });
}
