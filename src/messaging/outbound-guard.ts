import type { EntityManager } from '@mikro-orm/postgresql';
import { setTimeout as delay } from 'node:timers/promises';
import { CircuitState, requestCredentialHealthCheck, type CredentialCircuitBreaker, type WhatsAppCredential } from '../credentials';
import { PublicError } from '../platform/errors';
import type { JobQueue } from '../platform/jobs';
import { PacingTimeoutError, PAIR_RATE_POLICY, throughputPolicy, type Pacer, type PostgresRateLimiter } from '../rate-limits';
import { GraphApiError, GraphApiUnavailableError } from '../adapters/whatsapp';
import { classifySendFailure } from './send-errors';

export interface OutboundGuardDependencies {
  rateLimiter: PostgresRateLimiter;
  outbound: { pacer: Pacer; breaker: CredentialCircuitBreaker };
  jobs: JobQueue;
  config: { rateLimits: { credentialPerSecond: number }; outbound: { throughputPerSecond: number; maxQueueWaitMs: number; retryAttempts: number } };
}

/** Transient failures worth a quick retry here, because Meta certainly did not take the message. */
function certainlyNotAccepted(error: unknown): boolean {
  return classifySendFailure(error)?.kind === 'retryable' && (error instanceof GraphApiError || error instanceof GraphApiUnavailableError);
}

/** Says something about Meta's health (not about the request): counts towards the circuit breaker. */
function isTransient(error: unknown): boolean {
  return error instanceof GraphApiUnavailableError || (error instanceof GraphApiError && error.kind === 'transient');
}

/**
 * What must hold before a send is even recorded: the per-credential rate limit, the circuit breaker, and
 * pacing to the number's throughput and the customer's pair limit (waiting up to
 * OUTBOUND_MAX_QUEUE_WAIT_MS, not failing). Refusals here leave nothing behind.
 */
export async function admitSend(deps: OutboundGuardDependencies, em: EntityManager, credential: WhatsAppCredential, customerWaId: string): Promise<void> {
  const limit = deps.config.rateLimits.credentialPerSecond;
  const decision = await deps.rateLimiter.consume(`credential:${credential.id}`, { perSecond: limit, burst: limit });
  if (!decision.allowed) throw PublicError.rateLimited(decision.retryAfterSeconds);
  await deps.outbound.breaker.beforeCall(em, credential);

  const { pacer } = deps.outbound;
  const { maxQueueWaitMs, throughputPerSecond } = deps.config.outbound;
  try {
    const waited = await pacer.acquire(`phone:${credential.phoneNumberId}`, throughputPolicy(throughputPerSecond), maxQueueWaitMs);
    await pacer.acquire(`pair:${credential.phoneNumberId}:${customerWaId}`, PAIR_RATE_POLICY, Math.max(0, maxQueueWaitMs - waited));
  } catch (error) {
    if (error instanceof PacingTimeoutError) throw PublicError.rateLimited(Math.max(1, Math.ceil(error.retryAfterMs / 1000)));
    throw error;
  }
}

/**
 * The Graph call, with a few retries (exponential backoff, full jitter) for failures where Meta certainly
 * did not take the message (throttled, 5xx with an error body, connection refused). A failure whose
 * outcome is unknown (a timeout, a dropped connection) is never retried: it could send the message twice.
 * Transient failures feed the circuit breaker; credential failures ask for a health check at once.
 */
export async function callMeta<T>(deps: OutboundGuardDependencies, em: EntityManager, credential: WhatsAppCredential, call: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      const result = await call();
      await deps.outbound.breaker.onSuccess(em, credential);
      return result;
    } catch (error) {
      if (isTransient(error)) await deps.outbound.breaker.onTransientFailure(em, credential);
      if (error instanceof GraphApiError && error.isCredentialFailure) await requestCredentialHealthCheck(deps, credential.id);
      if (!certainlyNotAccepted(error) || attempt + 1 >= deps.config.outbound.retryAttempts) throw error;
      // 0-200 ms, 0-800 ms, ...; Meta's advice for 131056 (4^x s) is left to the caller's own retry
      // (RATE_LIMITED's retryAfterSeconds, or the job queue's backoff for automatic replies).
      await delay(Math.random() * 200 * 4 ** attempt);
      if (credential.circuitState === CircuitState.OPEN) throw error;
    }
  }
}
