import type { EntityManager } from '@mikro-orm/postgresql';
import { auditWithin, AuditOutcome } from '../audit';
import { readCredentialSecrets, WhatsAppCredential, type CredentialSecrets } from '../credentials';
import { QueueName, type JobQueue } from '../platform/jobs';
import { KeyError, type KeyService } from '../adapters/keys';
import type { Logger } from '../platform/observability/logger';
import { GraphApiError, WhatsAppClientError, type GraphAuth, type WhatsAppClient, type WebhookConfiguration, type SubscribedApp } from '../adapters/whatsapp';
import { hostOf, subscribeAppFields } from './subscribe-app-fields';
import { newWebhookEndpoint } from './new-webhook-endpoint';
import { teardownWebhookConfiguration } from './teardown-webhook';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { WebhookRouting, WebhookStatus } from './webhook-status';

/** A credential failure seen while configuring (token revoked, permission missing): for the health checks. */
export interface CredentialFailureSignal {
  credentialId: string;
  userId: string;
  kind: string;
  graphCode?: number;
}

export interface ConfigureWebhookDeps {
  whatsapp: WhatsAppClient;
  keys: KeyService;
  logger: Logger;
  /** The current public webhook base; endpoints follow it when it changes. Empty before the server listens. */
  webhookBase: () => string;
  onCredentialFailure?: (signal: CredentialFailureSignal) => Promise<void> | void;
}

export interface ConfigureAttempt {
  /** No retry follows this attempt: a transient failure now ends as FAILED. */
  final: boolean;
}

/**
 * Enqueues the configuration of a credential's webhook in Meta, inside the caller's open transaction
 * (`em.transactional`) when given one, so the job exists if and only if the credential does. One job per
 * credential waits at a time; a second request while one waits is the same request.
 */
export async function enqueueWebhookConfiguration(jobs: JobQueue, em: EntityManager | null, credentialId: string): Promise<void> {
  await jobs.send(QueueName.WebhookConfigure, { credentialId }, { em: em ?? undefined, singletonKey: credentialId });
}

type Step = 'read_secrets' | 'inspect_token' | 'subscribe_app' | 'phone_override' | 'business_account_override' | 'read_back';

const STEP_LABEL: Record<Step, string> = {
  read_secrets: 'Reading the credential\'s secrets',
  inspect_token: 'Checking the access token',
  subscribe_app: 'Subscribing the app to the WhatsApp Business Account',
  phone_override: 'Setting the phone number\'s callback override',
  business_account_override: 'Setting the business account\'s callback override',
  read_back: 'Reading the webhook configuration back',
};

/** A configuration step failed; `retryable` says whether the same attempt may succeed later. */
class ConfigurationError extends Error {
  constructor(
    readonly step: Step,
    readonly retryable: boolean,
    readonly reason: string,
    readonly credentialFailure?: { kind: string; graphCode?: number },
  ) {
    super(`${STEP_LABEL[step]} failed: ${reason}`);
    this.name = 'ConfigurationError';
  }

  static from(step: Step, error: unknown): ConfigurationError {
    if (error instanceof ConfigurationError) return error;
    if (error instanceof KeyError) return new ConfigurationError(step, error.retryable, error.retryable ? 'the key service is unavailable' : error.message);
    if (error instanceof WhatsAppClientError) {
      const credentialFailure = error.isCredentialFailure
        ? { kind: error.kind, graphCode: error instanceof GraphApiError ? error.graphCode : undefined }
        : undefined;
      // The client's messages carry the Graph code and Meta's text with every secret removed.
      return new ConfigurationError(step, error.retryable, error.message, credentialFailure);
    }
    throw error;
  }
}

interface Configured {
  status: WebhookStatus;
  routing: WebhookRouting;
  reason: string | null;
  fields: string[];
  fieldsNote: string | null;
}

/**
 * Configures Meta for one credential, in the order that works (docs/whatsapp-cloud-api.md §2; Meta refuses
 * an override for a WABA the app has not subscribed to, and other integrations learnt that a green status
 * without reading the routing back can lie): subscribe the app to the WABA (unless it already is: a bare
 * subscribe also clears a WABA-level override another of our numbers may use), set the phone-number callback
 * override with the verify token (falling back to the WABA-level override when Meta refuses the phone
 * level), then read the configuration back and record honestly whether Meta routes this number's traffic
 * here.
 */
export async function configureWebhook(deps: ConfigureWebhookDeps, em: EntityManager, credentialId: string, attempt: ConfigureAttempt): Promise<void> {
  const credential = await em.findOne(WhatsAppCredential, { id: credentialId });
  if (!credential || credential.deletingAt) return; // deleted, or being deleted, since the job was queued
  const endpoint = await endpointFor(em, credential, deps.webhookBase());
  endpoint.configureAttempts += 1;

  let secrets: CredentialSecrets;
  try {
    secrets = await readCredentialSecrets(em, deps.keys, credential);
  } catch (caught) {
    return recordFailure(deps, em, credential, endpoint, ConfigurationError.from('read_secrets', caught), attempt);
  }
  let configured: Configured;
  try {
    configured = await applyConfiguration(deps, em, credential, endpoint, secrets);
  } catch (caught) {
    const error = ConfigurationError.from('read_back', caught);
    if (await undoIfDeletedMeanwhile(deps, em, credential, endpoint, secrets)) return;
    return recordFailure(deps, em, credential, endpoint, error, attempt);
  }
  if (await undoIfDeletedMeanwhile(deps, em, credential, endpoint, secrets)) return;
  endpoint.status = configured.status;
  endpoint.routing = configured.routing;
  endpoint.statusReason = configured.reason;
  endpoint.subscribedFields = configured.fields;
  endpoint.fieldsNote = configured.fieldsNote;
  endpoint.configuredAt = new Date();
  auditWithin(em, {
    ...auditBaseOf(credential),
    outcome: configured.status === WebhookStatus.ACTIVE ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE,
    details: { status: configured.status, routing: configured.routing, fields: configured.fields.join(','), fieldsNote: configured.fieldsNote !== null },
  });
  await em.flush();
}

function auditBaseOf(credential: WhatsAppCredential) {
  return { actor: 'system' as const, action: 'webhook.configure', subjectUserId: credential.userId, targetType: 'WhatsAppCredential', targetId: credential.id };
}

/** PENDING and rethrown while a retry follows; FAILED (audited, health signalled) when none does. */
async function recordFailure(
  deps: ConfigureWebhookDeps,
  em: EntityManager,
  credential: WhatsAppCredential,
  endpoint: WebhookEndpoint,
  error: ConfigurationError,
  attempt: ConfigureAttempt,
): Promise<void> {
  if (error.retryable && !attempt.final) {
    endpoint.status = WebhookStatus.PENDING;
    endpoint.statusReason = `${error.message} Retrying.`;
    await em.flush();
    throw error;
  }
  endpoint.status = WebhookStatus.FAILED;
  endpoint.statusReason = error.retryable ? `${error.message} Gave up after ${endpoint.configureAttempts} attempts.` : error.message;
  endpoint.routing = WebhookRouting.UNKNOWN;
  auditWithin(em, { ...auditBaseOf(credential), outcome: AuditOutcome.FAILURE, errorCode: error.step, details: { retryable: error.retryable } });
  await em.flush();
  deps.logger.warn({ credentialId: credential.id, step: error.step, err: error }, 'webhook configuration failed');
  if (error.credentialFailure) await signal(deps, credential, error.credentialFailure);
}

/**
 * A deletion that began while this job talked to Meta tore the configuration down before this job's
 * changes landed (or will find nothing of ours to remove): the deletion marks the credential first, so
 * whichever of the two comes second sees the other, and here the job removes what it set itself.
 */
async function undoIfDeletedMeanwhile(
  deps: ConfigureWebhookDeps,
  em: EntityManager,
  credential: WhatsAppCredential,
  endpoint: WebhookEndpoint,
  secrets: CredentialSecrets,
): Promise<boolean> {
  const current = await em.fork().findOne(WhatsAppCredential, { id: credential.id });
  if (current && !current.deletingAt) return false;
  deps.logger.info({ credentialId: credential.id }, 'credential deleted while its webhook was being configured; undoing the configuration');
  await teardownWebhookConfiguration(deps, em.fork(), credential, { secrets, endpoint });
  return true;
}

async function applyConfiguration(
  deps: ConfigureWebhookDeps,
  em: EntityManager,
  credential: WhatsAppCredential,
  endpoint: WebhookEndpoint,
  secrets: CredentialSecrets,
): Promise<Configured> {
  const { whatsapp } = deps;
  const waba = credential.businessAccountId;
  const phone = credential.phoneNumberId;
  const step = async <T>(name: Step, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw ConfigurationError.from(name, error);
    }
  };

  const auth: GraphAuth = { accessToken: secrets.accessToken, appSecret: secrets.appSecret };
  const token = await step('inspect_token', () => whatsapp.debugToken(secrets.accessToken, secrets.appSecret));
  if (!token.is_valid) {
    throw new ConfigurationError('inspect_token', false, 'Meta reports the access token as invalid.', { kind: 'token_invalid', graphCode: token.error?.code });
  }
  const appId = token.app_id;
  const subscribed = await step('subscribe_app', () => whatsapp.listSubscribedApps(auth, waba));
  if (!isSubscribed(subscribed, appId)) await step('subscribe_app', () => whatsapp.subscribeApp(auth, waba));

  let fallbackNote: string | null = null;
  try {
    await whatsapp.setPhoneCallbackOverride(auth, phone, endpoint.webhookUrl, secrets.verifyToken);
  } catch (error) {
    const phoneError = ConfigurationError.from('phone_override', error);
    if (!canFallBack(error)) throw phoneError;
    const conflict = await em.count(WebhookEndpoint, {
      routing: WebhookRouting.BUSINESS_ACCOUNT_OVERRIDE,
      credential: { businessAccountId: waba, id: { $ne: credential.id } },
    });
    if (conflict > 0) {
      throw new ConfigurationError('phone_override', false, `${phoneError.reason} The business account's override already serves another connected number, so it cannot be used as a fallback.`);
    }
    await step('business_account_override', () => whatsapp.setWabaCallbackOverride(auth, waba, endpoint.webhookUrl, secrets.verifyToken));
    fallbackNote = `Meta refused the phone-number override (${phoneError.reason}); the business account's override is used instead.`;
  }

  const [configuration, apps] = await step('read_back', () =>
    Promise.all([whatsapp.getWebhookConfiguration(auth, phone), whatsapp.listSubscribedApps(auth, waba)]),
  );
  // Last: the fields are the app's, shared by all its numbers, and a refusal here leaves this number's
  // messages flowing, so it is reported beside the routing rather than failing it.
  const fields = await subscribeAppFields(whatsapp, appId, secrets, endpoint.webhookUrl);
  return { ...routingOf(configuration, isSubscribed(apps, appId), endpoint.webhookUrl, fallbackNote), ...fields };
}

/** Which layer delivers this number's `messages` webhooks: phone override, then WABA override, then app (§2). */
function routingOf(configuration: WebhookConfiguration, subscribed: boolean, url: string, note: string | null): Omit<Configured, 'fields' | 'fieldsNote'> {
  if (!subscribed) {
    return { status: WebhookStatus.FAILED, routing: WebhookRouting.NOT_ROUTED_HERE, reason: 'Meta does not list the app as subscribed to the WhatsApp Business Account, so it sends no webhooks.' };
  }
  const layers: Array<[WebhookRouting, string | undefined]> = [
    [WebhookRouting.PHONE_NUMBER_OVERRIDE, configuration.phone_number],
    [WebhookRouting.BUSINESS_ACCOUNT_OVERRIDE, configuration.whatsapp_business_account],
    [WebhookRouting.APP_CALLBACK, configuration.application],
  ];
  const effective = layers.find(([, value]) => value);
  if (effective?.[1] === url) return { status: WebhookStatus.ACTIVE, routing: effective[0], reason: note };
  const elsewhere = effective ? `to another callback URL (on ${hostOf(effective[1]!)})` : 'to no callback URL at all';
  return {
    status: WebhookStatus.FAILED,
    routing: WebhookRouting.NOT_ROUTED_HERE,
    reason: `Meta reads back that this number's webhooks go ${elsewhere}, not to this endpoint. Reconfigure, or check the number's webhook settings in Meta.`,
  };
}

async function endpointFor(em: EntityManager, credential: WhatsAppCredential, base: string): Promise<WebhookEndpoint> {
  let endpoint = await em.findOne(WebhookEndpoint, { credential: credential.id });
  if (!endpoint) {
    endpoint = newWebhookEndpoint(credential, base);
    em.persist(endpoint);
  } else if (base) {
    // The key is the endpoint's identity; the URL follows the configured public base.
    endpoint.webhookUrl = `${base.replace(/\/+$/, '')}/${endpoint.endpointKey}`;
  }
  return endpoint;
}

function isSubscribed(apps: SubscribedApp[], appId: string | undefined): boolean {
  // Without the app id (not in debug_token's answer), any subscription is the best evidence there is.
  return appId ? apps.some((app) => app.whatsapp_business_api_data?.id === appId) : apps.length > 0;
}

/** Meta refused the phone level for a reason the WABA level may not share (e.g. #200 on coexistence numbers). */
function canFallBack(error: unknown): boolean {
  return error instanceof GraphApiError && !error.retryable && error.kind !== 'token_invalid' && error.kind !== 'token_expired';
}

async function signal(deps: ConfigureWebhookDeps, credential: WhatsAppCredential, failure: { kind: string; graphCode?: number }): Promise<void> {
  try {
    await deps.onCredentialFailure?.({ credentialId: credential.id, userId: credential.userId, ...failure });
  } catch (error) {
    deps.logger.warn({ err: error, credentialId: credential.id }, 'credential-failure listener failed');
  }
}
