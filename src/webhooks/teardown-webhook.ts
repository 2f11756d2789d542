import type { EntityManager } from '@mikro-orm/postgresql';
import { auditSeparately, AuditOutcome, type AuditActor } from '../audit';
import { readCredentialSecrets, WhatsAppCredential, type CredentialSecrets } from '../credentials';
import type { KeyService } from '../adapters/keys';
import type { Logger } from '../platform/observability/logger';
import type { GraphAuth, WebhookConfiguration, WhatsAppClient } from '../adapters/whatsapp';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { WebhookRouting } from './webhook-status';

export interface TeardownDeps {
  whatsapp: WhatsAppClient;
  keys: KeyService;
  logger: Logger;
}

export interface TeardownOptions {
  actor?: AuditActor;
  requestId?: string | null;
  /** The credential's secrets, when the caller already decrypted them (or its rows may already be gone). */
  secrets?: CredentialSecrets;
  /**
   * The endpoint as the caller holds it, for a credential whose rows may already be gone (a configuration
   * job undoing its work after a racing deletion).
   */
  endpoint?: WebhookEndpoint;
}

export interface TeardownResult {
  /** Every step that was needed succeeded; false leaves something in Meta for the user to remove. */
  complete: boolean;
  clearedPhoneOverride: boolean;
  clearedBusinessAccountOverride: boolean;
  unsubscribedApp: boolean;
  /** The app's own callback URL pointed here (configuration sets it when the app had none) and was removed. */
  removedAppCallback: boolean;
  /** Safe, human-readable descriptions of the steps that failed. */
  problems: string[];
}

/**
 * Removes what `configureWebhook` set in Meta, before the credential is deleted: this number's override
 * (phone level, or the WABA level when it is ours), and the app's subscription to the WABA only when no
 * other credential of ours still uses that WABA, so a sibling number keeps receiving.
 *
 * Best effort by design: deleting a credential must work even when its token is already revoked (often
 * the reason for deleting it), so Meta's refusals are reported in the result and the audit log, never
 * thrown. Call it before deleting the credential (it needs the secrets).
 */
export async function teardownWebhookConfiguration(
  deps: TeardownDeps,
  em: EntityManager,
  credential: WhatsAppCredential,
  options: TeardownOptions = {},
): Promise<TeardownResult> {
  const result: TeardownResult = { complete: true, clearedPhoneOverride: false, clearedBusinessAccountOverride: false, unsubscribedApp: false, removedAppCallback: false, problems: [] };
  /** Runs one step; a failure is recorded and yields undefined. */
  const attempt = async <T>(what: string, run: () => Promise<T>): Promise<{ value: T } | undefined> => {
    try {
      return { value: await run() };
    } catch (error) {
      result.complete = false;
      result.problems.push(`${what}: ${error instanceof Error ? error.message : 'unknown error'}`);
      deps.logger.warn({ err: error, credentialId: credential.id }, `webhook teardown: ${what} failed`);
      return undefined;
    }
  };

  const endpoint = options.endpoint ?? (await em.findOne(WebhookEndpoint, { credential: credential.id }));
  const given = options.secrets;
  const secrets = given ? { value: given } : await attempt('reading the credential\'s secrets', () => readCredentialSecrets(em, deps.keys, credential));
  if (secrets) {
    const auth: GraphAuth = { accessToken: secrets.value.accessToken, appSecret: secrets.value.appSecret };
    const waba = credential.businessAccountId;
    const readBack = await attempt('reading the webhook configuration', () => deps.whatsapp.getWebhookConfiguration(auth, credential.phoneNumberId));
    // Ours whatever the public base was when it was set (a configuration job may have moved it to a new
    // base without saving yet): the 192-bit key names the endpoint. Without a read-back, trust what the
    // last configuration recorded.
    const ours = (layer: keyof WebhookConfiguration & ('phone_number' | 'whatsapp_business_account'), routing: WebhookRouting) =>
      readBack ? !!endpoint && isEndpointUrl(readBack.value[layer], endpoint) : endpoint?.routing === routing;

    if (ours('phone_number', WebhookRouting.PHONE_NUMBER_OVERRIDE)) {
      result.clearedPhoneOverride = !!(await attempt('clearing the phone number\'s override', () =>
        deps.whatsapp.clearPhoneCallbackOverride(auth, credential.phoneNumberId),
      ));
    }
    // Credentials being deleted themselves do not keep the subscription alive.
    const siblings = await em.count(WhatsAppCredential, { businessAccountId: waba, id: { $ne: credential.id }, deletingAt: null });
    if (siblings === 0) {
      // Unsubscribing removes the app's WABA-level override with it.
      result.unsubscribedApp = !!(await attempt('unsubscribing the app from the business account', () => deps.whatsapp.unsubscribeApp(auth, waba)));
      result.clearedBusinessAccountOverride = result.unsubscribedApp && ours('whatsapp_business_account', WebhookRouting.BUSINESS_ACCOUNT_OVERRIDE);
    } else if (ours('whatsapp_business_account', WebhookRouting.BUSINESS_ACCOUNT_OVERRIDE)) {
      result.clearedBusinessAccountOverride = !!(await attempt('clearing the business account\'s override', () =>
        deps.whatsapp.clearWabaCallbackOverride(auth, waba),
      ));
    }
    if (readBack && endpoint && isEndpointUrl(readBack.value.application, endpoint)) {
      // Else Meta goes on sending the app's fields, for every WABA of the app, to an endpoint that is gone.
      const { accessToken, appSecret } = secrets.value;
      result.removedAppCallback = !!(await attempt('removing the app\'s callback URL', async () => {
        const appId = (await deps.whatsapp.debugToken(accessToken, appSecret)).app_id;
        if (!appId) throw new Error('Meta did not name the token\'s app.');
        await deps.whatsapp.deleteAppSubscription(appId, appSecret);
      }));
    }
  }

  await auditSeparately(em, {
    actor: options.actor ?? 'system',
    action: 'webhook.teardown',
    outcome: result.complete ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE,
    subjectUserId: credential.userId,
    targetType: 'WhatsAppCredential',
    targetId: credential.id,
    requestId: options.requestId ?? null,
    details: {
      clearedPhoneOverride: result.clearedPhoneOverride,
      clearedBusinessAccountOverride: result.clearedBusinessAccountOverride,
      unsubscribedApp: result.unsubscribedApp,
      removedAppCallback: result.removedAppCallback,
      problems: result.problems.length,
    },
  });
  return result;
}

function isEndpointUrl(url: string | undefined, endpoint: WebhookEndpoint): boolean {
  if (!url) return false;
  try {
    return new URL(url).pathname.split('/').at(-1) === endpoint.endpointKey;
  } catch {
    return false;
  }
}
