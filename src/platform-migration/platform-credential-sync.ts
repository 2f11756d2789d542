import { randomBytes } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { AuditOutcome, auditWithin } from '../audit';
import type { Config } from '../config';
import {
  CredentialRejectedError,
  inspectCredential,
  platformCredentialOf,
  platformStateOf,
  PLATFORM_OWNER_ID,
  readCredentialSecrets,
  requestCredentialHealthCheck,
  WhatsAppCredential,
  writeCredentialSecrets,
} from '../credentials';
import type { PlatformMigrationServices } from './platform-migration-services';
import { QueueName } from '../platform/jobs';

export type PlatformSyncOutcome = 'not_configured' | 'retired' | 'created' | 'updated' | 'unchanged' | 'rejected' | 'number_changed' | 'number_taken';

type PlatformCredentials = NonNullable<Config['platform']['credentials']>;

/**
 * Makes the platform's credential row match configuration (migration phase 1): created on the first
 * start with PLATFORM_WHATSAPP_* set (checked with Meta, secrets encrypted under the platform's own key,
 * webhook endpoint provisioned and configured like any user's), secrets replaced when the settings
 * change. Meta being unreachable throws, so the job retries; Meta's refusal is logged, not retried.
 */
export async function syncPlatformCredential(services: PlatformMigrationServices): Promise<PlatformSyncOutcome> {
  const settings = services.config.platform.credentials;
  const { logger, keys } = services;
  if (!settings) return 'not_configured';
  const em = services.orm.em.fork();
  if ((await platformStateOf(em)).retiredAt) {
    logger.warn('the platform\'s WhatsApp credentials are retired: PLATFORM_WHATSAPP_* are ignored and can be removed');
    return 'retired';
  }

  const existing = await platformCredentialOf(em);
  if (existing && existing.phoneNumberId !== settings.phoneNumberId) {
    // Moving every platform user's threads to another number is not something to do silently at start-up.
    logger.error({ configured: settings.phoneNumberId, stored: existing.phoneNumberId }, 'PLATFORM_WHATSAPP_PHONE_NUMBER_ID changed; the stored platform number stays in use');
    return 'number_changed';
  }
  if (existing) {
    const current = await readCredentialSecrets(em, keys, existing);
    if (current.accessToken === settings.accessToken && current.appSecret === settings.appSecret) return 'unchanged';
  }

  let facts;
  try {
    facts = await inspectCredential(services.whatsapp, settings);
  } catch (error) {
    if (!(error instanceof CredentialRejectedError)) throw error;
    logger.error({ reason: error.reason, field: error.field }, `Meta refused the platform's WhatsApp credentials: ${error.message}`);
    return 'rejected';
  }

  await keys.ensureUserKey(PLATFORM_OWNER_ID);
  try {
    const outcome = await em.transactional(async (tx) => {
      const credential = existing ? await tx.findOneOrFail(WhatsAppCredential, { id: existing.id }) : newPlatformCredential(settings);
      Object.assign(credential, { phoneNumber: facts.phoneNumber, displayName: facts.displayName, lastValidatedAt: new Date() });
      await writeCredentialSecrets(keys, credential, {
        accessToken: settings.accessToken,
        appSecret: settings.appSecret,
        ...(existing ? {} : { verifyToken: randomBytes(24).toString('base64url') }),
      }, tx);
      tx.persist(credential);
      await tx.flush();
      if (!existing) await services.credentialLifecycle.connected(tx, credential);
      auditWithin(tx, {
        actor: 'system',
        action: existing ? 'platform.credential_updated' : 'platform.credential_created',
        outcome: AuditOutcome.SUCCESS,
        subjectUserId: PLATFORM_OWNER_ID,
        targetType: 'WhatsAppCredential',
        targetId: credential.id,
        details: { phoneNumberId: credential.phoneNumberId, businessAccountId: credential.businessAccountId },
      });
      return { outcome: existing ? ('updated' as const) : ('created' as const), credentialId: credential.id };
    });
    // The full health verdict (expiry, restrictions, quality) comes from the regular check.
    await requestCredentialHealthCheck(services, outcome.credentialId);
    logger.info({ phoneNumberId: settings.phoneNumberId, outcome: outcome.outcome }, 'platform WhatsApp credential synced');
    return outcome.outcome;
  } catch (error) {
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    logger.error({ phoneNumberId: settings.phoneNumberId }, 'the platform\'s phone number is connected by a user as their own; the platform credential is not in use');
    return 'number_taken';
  }
}

function newPlatformCredential(settings: PlatformCredentials): WhatsAppCredential {
  const credential = new WhatsAppCredential();
  Object.assign(credential, {
    userId: PLATFORM_OWNER_ID,
    platform: true,
    businessAccountId: settings.businessAccountId,
    phoneNumberId: settings.phoneNumberId,
  });
  return credential;
}

/** Syncs on start-up through the queue: one instance does it, and Meta being down only delays it. */
export async function registerPlatformCredentialSync(services: PlatformMigrationServices): Promise<void> {
  if (!services.config.platform.credentials) return;
  await services.jobs.define(QueueName.PlatformCredentialSync, async () => {
    await syncPlatformCredential(services);
  });
  await services.jobs.send(QueueName.PlatformCredentialSync, {}, { singletonKey: 'platform' });
}
