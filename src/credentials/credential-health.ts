import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { auditWithin, AuditOutcome, type AuditActor } from '../audit';
import { CredentialTopic } from './credential-events';
import type { CredentialServices } from './credential-services';
import { QueueName } from '../platform/jobs';
import { CredentialStatus, CredentialStatusReason, statusForReason } from './credential-status';
import type { CredentialFacts, CredentialRejectedError } from './inspect-credential';
import { qualityWarningOf, type QualityWarning } from './quality-warning';
import { WhatsAppCredential } from './whatsapp-credential.entity';

/** The outcome of looking at a credential: the reason it is (or is not) healthy, with what Meta told us. */
export interface HealthVerdict {
  reason: CredentialStatusReason;
  message: string | null;
  facts?: CredentialFacts;
}

export interface HealthChange {
  credentialId: string;
  userId: string;
  previousStatus: CredentialStatus;
  previousReason: CredentialStatusReason;
  status: CredentialStatus;
  reason: CredentialStatusReason;
  message: string | null;
  occurredAt: Date;
  /** A quality warning, alone (status unchanged) or with a status change. */
  warning?: QualityWarning;
}

/** Consecutive "Meta unreachable" checks before the owner is told; one blip must not alarm anyone. */
export const UNREACHABLE_THRESHOLD = 3;

export function verdictFromFacts(facts: CredentialFacts, expiryWarningDays: number, now: Date = new Date()): HealthVerdict {
  if (facts.restriction) return { reason: facts.restriction.reason, message: facts.restriction.message, facts };
  if (facts.tokenExpiresAt && facts.tokenExpiresAt.getTime() - now.getTime() <= expiryWarningDays * 86_400_000) {
    return {
      reason: CredentialStatusReason.TOKEN_EXPIRING,
      message: `The access token expires on ${facts.tokenExpiresAt.toISOString()}. Replace it before then to keep the number working.`,
      facts,
    };
  }
  return { reason: CredentialStatusReason.NONE, message: null, facts };
}

export function verdictFromRejection(rejection: CredentialRejectedError): HealthVerdict {
  return { reason: rejection.reason, message: rejection.message };
}

export function unreachableVerdict(failures: number): HealthVerdict {
  return {
    reason: CredentialStatusReason.META_UNREACHABLE,
    message: `Meta's API could not be reached for the last ${failures} checks. The credential itself may be fine; checks continue.`,
  };
}

/**
 * Applies a verdict to the credential in the caller's unit of work (no flush). An administrator's
 * suspension is sticky: checks keep the facts fresh but only reinstating lifts it. On a change of status
 * or reason (and only then) it audits and, when e-mail is configured, enqueues the alert e-mail in the
 * same transaction; the caller publishes the returned change after commit (`announceHealthChange`).
 */
export async function applyHealthVerdict(
  em: EntityManager,
  services: Pick<CredentialServices, 'jobs' | 'mailer'>,
  credential: WhatsAppCredential,
  verdict: HealthVerdict,
  context: { actor: AuditActor; requestId?: string | null; now?: Date; liftAdminHold?: boolean },
): Promise<HealthChange | null> {
  const now = context.now ?? new Date();
  const facts = verdict.facts;
  let quality: ReturnType<typeof qualityWarningOf> = null;
  if (facts) {
    quality = qualityWarningOf(
      { qualityRating: credential.qualityRating, messagingLimit: credential.messagingLimit, qualityFlagged: credential.qualityFlagged },
      { qualityRating: facts.qualityRating, messagingLimit: facts.messagingLimit ?? credential.messagingLimit, qualityFlagged: facts.flagged },
    );
    credential.tokenExpiresAt = facts.tokenExpiresAt;
    credential.tokenScopes = facts.scopes;
    credential.qualityRating = facts.qualityRating;
    if (facts.messagingLimit) credential.messagingLimit = facts.messagingLimit;
    if (facts.throughputLevel) credential.throughputLevel = facts.throughputLevel;
    credential.qualityFlagged = facts.flagged;
    credential.phoneNumber = facts.phoneNumber;
    if (facts.displayName) credential.displayName = facts.displayName;
    credential.lastValidatedAt = now;
  }
  credential.healthCheckedAt = now;
  if (verdict.reason !== CredentialStatusReason.META_UNREACHABLE) credential.consecutiveFailures = 0;

  const adminHold =
    !context.liftAdminHold &&
    credential.statusReason === CredentialStatusReason.SUSPENDED_BY_ADMIN && verdict.reason !== CredentialStatusReason.SUSPENDED_BY_ADMIN;
  if (adminHold) return null;

  const previousStatus = credential.status;
  const previousReason = credential.statusReason;
  const status = statusForReason(verdict.reason, previousStatus);
  credential.statusMessage = verdict.message;
  if (status === previousStatus && verdict.reason === previousReason) {
    return quality ? warnOfQuality(em, services, credential, quality, { ...context, now }) : null;
  }

  credential.status = status;
  credential.statusReason = verdict.reason;
  credential.statusChangedAt = now;
  const change: HealthChange = {
    credentialId: credential.id,
    userId: credential.userId,
    previousStatus,
    previousReason,
    status,
    reason: verdict.reason,
    message: verdict.message,
    occurredAt: now,
    ...(quality ? { warning: quality.warning } : {}),
  };
  auditWithin(em, {
    actor: context.actor,
    action: 'credential.status_changed',
    outcome: AuditOutcome.SUCCESS,
    subjectUserId: credential.userId,
    targetType: 'WhatsAppCredential',
    targetId: credential.id,
    requestId: context.requestId,
    details: { previousStatus, previousReason, status, reason: verdict.reason },
  });
  if (services.mailer.enabled && credential.alertEmail) {
    await services.jobs.send(QueueName.CredentialAlertEmail, alertJobOf(change), { em });
  }
  return change;
}

/**
 * A quality warning on a credential whose status does not change: audited, e-mailed when e-mail is
 * configured, and returned for the caller to publish like a status change. The number keeps sending.
 */
async function warnOfQuality(
  em: EntityManager,
  services: Pick<CredentialServices, 'jobs' | 'mailer'>,
  credential: WhatsAppCredential,
  quality: { warning: QualityWarning; message: string },
  context: { actor: AuditActor; requestId?: string | null; now: Date },
): Promise<HealthChange> {
  const change: HealthChange = {
    credentialId: credential.id,
    userId: credential.userId,
    previousStatus: credential.status,
    previousReason: credential.statusReason,
    status: credential.status,
    reason: credential.statusReason,
    message: quality.message,
    occurredAt: context.now,
    warning: quality.warning,
  };
  auditWithin(em, {
    actor: context.actor,
    action: 'credential.quality_warning',
    outcome: AuditOutcome.SUCCESS,
    subjectUserId: credential.userId,
    targetType: 'WhatsAppCredential',
    targetId: credential.id,
    requestId: context.requestId,
    details: { warning: quality.warning, qualityRating: credential.qualityRating, messagingLimit: credential.messagingLimit },
  });
  if (services.mailer.enabled && credential.alertEmail) {
    await services.jobs.send(QueueName.CredentialAlertEmail, alertJobOf(change), { em });
  }
  return change;
}

export interface CredentialAlertJob {
  credentialId: string;
  previousStatus: CredentialStatus;
  status: CredentialStatus;
  reason: CredentialStatusReason;
  occurredAt: string;
  /** Set for a quality warning; the e-mail then explains the warning (and its message) instead of a status. */
  warning?: QualityWarning;
  message?: string | null;
}

export function alertJobOf(change: HealthChange): CredentialAlertJob {
  return {
    credentialId: change.credentialId,
    previousStatus: change.previousStatus,
    status: change.status,
    reason: change.reason,
    occurredAt: change.occurredAt.toISOString(),
    ...(change.warning ? { warning: change.warning, message: change.message } : {}),
  };
}

/** The real-time alert: after commit, so a subscriber that reloads the credential sees the new state. */
export async function announceHealthChange(services: Pick<CredentialServices, 'eventBus'>, change: HealthChange | null): Promise<void> {
  if (!change) return;
  services.eventBus.publish(CredentialTopic.Health, change.userId, {
    credentialId: change.credentialId,
    userId: change.userId,
    previousStatus: change.previousStatus,
    status: change.status,
    reason: change.reason,
    occurredAt: change.occurredAt.toISOString(),
    ...(change.warning ? { warning: change.warning, message: change.message } : {}),
  });
}

/** Loads, applies and commits a verdict in one transaction (optimistic lock on the row), then announces. */
export async function recordHealthVerdict(
  services: Pick<CredentialServices, 'orm' | 'jobs' | 'mailer' | 'eventBus'>,
  credentialId: string,
  verdict: HealthVerdict | ((credential: WhatsAppCredential) => HealthVerdict | null),
  context: { actor: AuditActor; requestId?: string | null; liftAdminHold?: boolean },
): Promise<WhatsAppCredential | null> {
  let change: HealthChange | null = null;
  const credential = await services.orm.em.fork().transactional(async (em) => {
    const found = await em.findOne(WhatsAppCredential, { id: credentialId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!found) return null;
    const resolved = typeof verdict === 'function' ? verdict(found) : verdict;
    if (resolved) change = await applyHealthVerdict(em, services, found, resolved, context);
    return found;
  });
  await announceHealthChange(services, change);
  return credential;
}
