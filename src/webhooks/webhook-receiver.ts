import { createHash, timingSafeEqual } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { readCredentialSecrets, type WhatsAppCredential } from '../credentials';
import { KeyError, type KeyService } from '../adapters/keys';
import type { Logger } from '../platform/observability/logger';
import type { PostgresRateLimiter } from '../rate-limits';
import { verifyWebhookSignature } from '../adapters/whatsapp';
import type { EndpointCache, AppSecretState, EndpointSnapshot } from './endpoint-cache';
import type { InboxWriter } from './inbox-writer';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';

export type HandshakeResult =
  | { kind: 'verified'; challenge: string }
  | { kind: 'unknown_endpoint' }
  | { kind: 'forbidden' }
  /** The verify token cannot be read right now (key service down); Meta may try again. */
  | { kind: 'unavailable' };

export type ReceiveResult =
  /** Durably stored; `verified` is false only when the key service was down (checked before processing). */
  | { kind: 'stored'; verified: boolean }
  | { kind: 'unknown_endpoint' }
  | { kind: 'unauthenticated' }
  | { kind: 'invalid_payload' }
  /** Over the endpoint's rate limit: Meta retries later (docs/whatsapp-cloud-api.md §4), nothing is lost. */
  | { kind: 'rate_limited'; retryAfterSeconds: number }
  /** The key service is down and the endpoint already holds its quota of unverified deliveries. */
  | { kind: 'unverified_quota'; retryAfterSeconds: number };

export interface HandshakeQuery {
  mode: string | null;
  verifyToken: string | null;
  challenge: string | null;
}

export interface WebhookReceiverOptions {
  orm: MikroORM;
  keys: KeyService;
  cache: EndpointCache;
  inbox: InboxWriter;
  logger: Logger;
  /** Called after each stored delivery: wakes this instance's processor. */
  onStored: () => void;
  /** Per-endpoint deliveries per second, shared by every instance; checked only after the signature. */
  rateLimit?: { limiter: PostgresRateLimiter; perSecond: number };
  /**
   * Unverified deliveries (stored while the key service is down) one endpoint may hold unprocessed.
   * Anyone can send a well-shaped signature then, so without a bound a forger could fill the inbox.
   */
  unverifiedQuota?: number;
}

// newWebhookEndpoint makes 32 base64url characters; anything else is answered without a query.
const ENDPOINT_KEY = /^[A-Za-z0-9_-]{16,64}$/;
const SIGNATURE_SHAPE = /^sha256=[0-9a-fA-F]{64}$/;
const MAX_CHALLENGE_LENGTH = 1024;
// A cached secret that fails a signature is re-read at most this often, so forged traffic cannot turn
// every request into a database read, while a secret changed on another instance is picked up promptly.
const RELOAD_ON_MISMATCH_AFTER_MS = 1_000;
// An endpoint's count of unverified deliveries is read from the inbox at most this often; in between it
// is counted here, so an outage's flood costs one query a second per endpoint, not one per request.
const UNVERIFIED_RECOUNT_MS = 1_000;
// Past the quota: long enough for the key service to come back and the backlog to be processed.
const UNVERIFIED_RETRY_AFTER_SECONDS = 60;

/**
 * Receiving webhooks, with no knowledge of HTTP: Meta's verification handshake, and accepting a POST
 * (authenticate, sanity-check, store durably). Parsing and routing happen later, from the inbox.
 */
export class WebhookReceiver {
  private readonly unverified = new Map<string, { count: number; countedAt: number }>();

  constructor(private readonly options: WebhookReceiverOptions) {}

  async handshake(endpointKey: string, query: HandshakeQuery): Promise<HandshakeResult> {
    if (!ENDPOINT_KEY.test(endpointKey)) return { kind: 'unknown_endpoint' };
    const em = this.options.orm.em.fork();
    const endpoint = await em.findOne(WebhookEndpoint, { endpointKey }, { populate: ['credential'] });
    if (!endpoint) return { kind: 'unknown_endpoint' };
    const { mode, verifyToken, challenge } = query;
    if (mode !== 'subscribe' || !verifyToken || !challenge || challenge.length > MAX_CHALLENGE_LENGTH) return { kind: 'forbidden' };
    let expected: string;
    try {
      expected = (await readCredentialSecrets(em, this.options.keys, endpoint.credential)).verifyToken;
    } catch (error) {
      if (error instanceof KeyError && error.retryable) return { kind: 'unavailable' };
      this.logSecretFailure(error, endpoint.credential);
      return { kind: 'forbidden' };
    }
    if (!equalInConstantTime(verifyToken, expected)) return { kind: 'forbidden' };
    await em.nativeUpdate(WebhookEndpoint, { id: endpoint.id }, { verifiedAt: new Date() });
    return { kind: 'verified', challenge };
  }

  async receive(endpointKey: string, rawBody: Buffer, signatureHeader: string | undefined): Promise<ReceiveResult> {
    if (!ENDPOINT_KEY.test(endpointKey)) return { kind: 'unknown_endpoint' };
    let snapshot = await this.options.cache.get(endpointKey);
    // A second pass only after the INSERT found the cached view stale (credential changed or deleted).
    for (let pass = 0; pass < 2; pass++) {
      if (!snapshot) return { kind: 'unknown_endpoint' };
      // Checked before anything else so an unauthenticated caller learns nothing about the body.
      if (!signatureHeader || !SIGNATURE_SHAPE.test(signatureHeader.trim())) return { kind: 'unauthenticated' };
      let verified = this.verify(snapshot.secret, rawBody, signatureHeader);
      if (verified === false && Date.now() - snapshot.loadedAt > RELOAD_ON_MISMATCH_AFTER_MS) {
        snapshot = await this.options.cache.reload(endpointKey);
        if (!snapshot) return { kind: 'unknown_endpoint' };
        verified = this.verify(snapshot.secret, rawBody, signatureHeader);
      }
      if (verified === false) return { kind: 'unauthenticated' };
      if (!looksLikeEnvelope(rawBody)) return { kind: 'invalid_payload' };
      if (verified === null && !(await this.admitUnverified(snapshot.endpointId))) {
        return { kind: 'unverified_quota', retryAfterSeconds: UNVERIFIED_RETRY_AFTER_SECONDS };
      }
      const { rateLimit } = this.options;
      if (rateLimit) {
        const decision = await rateLimit.limiter.consume(`webhook:${snapshot.endpointId}`, { perSecond: rateLimit.perSecond, burst: rateLimit.perSecond });
        if (!decision.allowed) return { kind: 'rate_limited', retryAfterSeconds: decision.retryAfterSeconds };
      }

      const stored = await this.options.inbox.append({
        endpointId: snapshot.endpointId,
        credentialVersion: snapshot.credentialVersion,
        rawBody,
        signatureHeader: verified ? null : signatureHeader.trim(),
        signatureVerified: verified === true,
      });
      if (stored) {
        this.options.onStored();
        return { kind: 'stored', verified: verified === true };
      }
      snapshot = await this.options.cache.reload(endpointKey);
    }
    // Changed twice while we looked: refuse, and let Meta retry against settled state.
    return { kind: 'unauthenticated' };
  }

  /** Loads what `receive` needs for one endpoint; the cache calls it on a miss. */
  async loadSnapshot(endpointKey: string): Promise<EndpointSnapshot | null> {
    const em = this.options.orm.em.fork();
    const endpoint = await em.findOne(WebhookEndpoint, { endpointKey }, { populate: ['credential'] });
    if (!endpoint) return null;
    return {
      endpointId: endpoint.id,
      credentialId: endpoint.credential.id,
      credentialVersion: endpoint.credential.version,
      secret: await this.appSecretOf(em, endpoint.credential),
      loadedAt: Date.now(),
    };
  }

  /** Whether one more unverified delivery fits the endpoint's quota; counts it if so. */
  private async admitUnverified(endpointId: string): Promise<boolean> {
    const quota = this.options.unverifiedQuota;
    if (quota === undefined) return true;
    let entry = this.unverified.get(endpointId);
    if (!entry || Date.now() - entry.countedAt > UNVERIFIED_RECOUNT_MS) {
      const count = await this.options.orm.em.fork().count(WebhookDelivery, { endpointId, signatureVerified: false, processedAt: null });
      this.unverified.set(endpointId, (entry = { count, countedAt: Date.now() }));
    }
    if (entry.count >= quota) return false;
    entry.count += 1;
    return true;
  }

  /** true/false for a known secret; null when it cannot be checked now (stored unverified). */
  private verify(secret: AppSecretState, rawBody: Buffer, signatureHeader: string): boolean | null {
    if (secret.kind === 'known') return verifyWebhookSignature(secret.appSecret, rawBody, signatureHeader);
    return secret.kind === 'unavailable' ? null : false;
  }

  private async appSecretOf(em: EntityManager, credential: WhatsAppCredential): Promise<AppSecretState> {
    try {
      return { kind: 'known', appSecret: (await readCredentialSecrets(em, this.options.keys, credential)).appSecret };
    } catch (error) {
      if (!(error instanceof KeyError)) throw error;
      if (error.retryable) {
        this.options.logger.warn({ credentialId: credential.id, err: error }, 'key service unavailable: webhooks are stored unverified until it is back');
        return { kind: 'unavailable' };
      }
      this.logSecretFailure(error, credential);
      return { kind: 'unusable' };
    }
  }

  private logSecretFailure(error: unknown, credential: WhatsAppCredential): void {
    this.options.logger.error({ credentialId: credential.id, err: error }, 'the credential\'s secrets cannot be decrypted: its webhooks are refused');
  }
}

/** Compares digests, so neither the length nor the content of the expected token leaks through timing. */
function equalInConstantTime(received: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(received), digest(expected)) && expected.length > 0;
}

/**
 * The cheap check done before storing: JSON, and Meta's envelope down to each change's `field` and
 * `value`. Everything inside a change is validated during processing, change by change, so a malformed
 * message never costs the other changes of the batch.
 */
function looksLikeEnvelope(rawBody: Buffer): boolean {
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return false;
  }
  if (!isObject(json) || json.object !== 'whatsapp_business_account' || !Array.isArray(json.entry)) return false;
  return json.entry.every(
    (entry) =>
      isObject(entry) &&
      typeof entry.id === 'string' &&
      Array.isArray(entry.changes) &&
      entry.changes.every((change) => isObject(change) && typeof change.field === 'string' && isObject(change.value)),
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
