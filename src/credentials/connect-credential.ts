import { randomBytes } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { auditWithin, AuditOutcome } from '../audit';
import { PublicError } from '../platform/errors';
import { WEBHOOK_FIELDS_USED } from '../adapters/whatsapp';
import type { CommandContext } from './command-context';
import { auditedOperation } from './credential-errors';
import { applyHealthVerdict, announceHealthChange, verdictFromFacts } from './credential-health';
import { checkAccessToken, checkAlertEmail, checkAppSecret, checkGraphId } from './credential-input-rules';
import { writeCredentialSecrets } from './credential-secrets';
import { inspectCredential, type CredentialFacts } from './inspect-credential';
import { WhatsAppCredential } from './whatsapp-credential.entity';

export interface ConnectCredentialCommand {
  accessToken: string;
  appSecret: string;
  businessAccountId: string;
  phoneNumberId: string;
  alertEmail?: string | null;
}

export interface CredentialNotice {
  code: string;
  message: string;
}

export interface ConnectCredentialResult {
  credential: WhatsAppCredential;
  warnings: CredentialNotice[];
  subscribedWebhookFields: string[];
}

export const PHONE_NUMBER_TAKEN = 'This phone number is already connected. Delete the existing connection first.';

/** Things worth telling the user about a credential that was accepted. */
export function noticesOf(facts: CredentialFacts, expiryWarningDays: number): CredentialNotice[] {
  const notices: CredentialNotice[] = [];
  if (facts.tokenExpiresAt) {
    const soon = facts.tokenExpiresAt.getTime() - Date.now() <= expiryWarningDays * 86_400_000;
    notices.push({
      code: soon ? 'TOKEN_EXPIRES_SOON' : 'TOKEN_EXPIRES',
      message: `The access token expires on ${facts.tokenExpiresAt.toISOString()}; a non-expiring system-user token avoids replacing it.`,
    });
  }
  if (facts.restriction) notices.push({ code: facts.restriction.reason.toUpperCase(), message: facts.restriction.message });
  if (facts.qualityRating === 'RED') notices.push({ code: 'QUALITY_LOW', message: 'Meta rates this number\'s quality RED; messaging limits may drop.' });
  return notices;
}

/**
 * Connects a user's own WhatsApp Business number: checks the input, asks Meta (docs/whatsapp-cloud-api.md
 * §9), then stores the credential with every secret encrypted under the user's key, its webhook endpoint, and
 * the job that configures Meta's webhook, all in one transaction. Nothing is stored when any step fails.
 */
export async function connectCredential(ctx: CommandContext, command: ConnectCredentialCommand): Promise<ConnectCredentialResult> {
  const { services, viewer } = ctx;
  return auditedOperation(
    ctx,
    { action: 'credential.connect', targetType: 'WhatsAppCredential', subjectUserId: viewer.userId, details: { phoneNumberId: command.phoneNumberId.slice(0, 40) } },
    async () => {
      const input = {
        accessToken: checkAccessToken(command.accessToken),
        appSecret: checkAppSecret(command.appSecret),
        businessAccountId: checkGraphId('businessAccountId', command.businessAccountId),
        phoneNumberId: checkGraphId('phoneNumberId', command.phoneNumberId),
      };
      const alertEmail = checkAlertEmail(command.alertEmail) ?? viewer.email ?? null;
      if (await ctx.em.count(WhatsAppCredential, { phoneNumberId: input.phoneNumberId })) {
        throw PublicError.conflict(PHONE_NUMBER_TAKEN, 'phoneNumberId');
      }

      const facts = await inspectCredential(services.whatsapp, input);
      await services.keys.ensureUserKey(viewer.userId);
      const credential = new WhatsAppCredential();
      Object.assign(credential, {
        userId: viewer.userId,
        businessAccountId: input.businessAccountId,
        phoneNumberId: input.phoneNumberId,
        phoneNumber: facts.phoneNumber,
        displayName: facts.displayName,
        alertEmail,
      });
      await writeCredentialSecrets(services.keys, credential, {
        accessToken: input.accessToken,
        appSecret: input.appSecret,
        verifyToken: randomBytes(24).toString('base64url'),
      });

      const verdict = verdictFromFacts(facts, services.config.health.expiryWarningDays);
      try {
        const change = await ctx.em.fork().transactional(async (em) => {
          em.persist(credential);
          // A new credential starts ACTIVE/NONE; a restriction or a near expiry is its first change.
          const first = await applyHealthVerdict(em, services, credential, verdict, { actor: viewer, requestId: ctx.requestId });
          await em.flush();
          await services.credentialLifecycle.connected(em, credential);
          auditWithin(em, {
            actor: viewer,
            action: 'credential.connect',
            outcome: AuditOutcome.SUCCESS,
            subjectUserId: viewer.userId,
            targetType: 'WhatsAppCredential',
            targetId: credential.id,
            requestId: ctx.requestId,
            details: { phoneNumberId: credential.phoneNumberId, businessAccountId: credential.businessAccountId, status: credential.status },
          });
          return first;
        });
        await announceHealthChange(services, change);
      } catch (err) {
        if (err instanceof UniqueConstraintViolationException) throw PublicError.conflict(PHONE_NUMBER_TAKEN, 'phoneNumberId');
        throw err;
      }
      return { credential, warnings: noticesOf(facts, services.config.health.expiryWarningDays), subscribedWebhookFields: [...WEBHOOK_FIELDS_USED] };
    },
  );
}
