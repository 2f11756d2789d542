import { setTimeout as delay } from 'node:timers/promises';
import type { PostgresRateLimiter, RateLimitPolicy } from './rate-limiter';

export class PacingTimeoutError extends Error {
  constructor(readonly retryAfterMs: number) {
    super(`No capacity within the allowed wait; next slot in ${retryAfterMs} ms`);
    this.name = 'PacingTimeoutError';
  }
}

/**
 * Waits for capacity instead of failing: Meta's throughput (80 to 1,000 messages/s per number) and pair
 * limits (one message per 6 s per customer, bursts of 45) are met by queueing sends, on a token bucket
 * shared by every instance. Callers bound the wait; beyond it they defer the work to the job queue.
 */
export class Pacer {
  constructor(
    private readonly limiter: PostgresRateLimiter,
    private readonly wait: (ms: number) => Promise<unknown> = (ms) => delay(ms),
  ) {}

  /** Resolves with the time waited once a slot is taken; throws PacingTimeoutError past `maxWaitMs`. */
  async acquire(key: string, policy: RateLimitPolicy, maxWaitMs: number): Promise<number> {
    let waited = 0;
    for (;;) {
      const decision = await this.limiter.consume(key, policy);
      if (decision.allowed) return waited;
      if (waited + decision.retryAfterMs > maxWaitMs) throw new PacingTimeoutError(decision.retryAfterMs);
      await this.wait(decision.retryAfterMs);
      waited += decision.retryAfterMs;
    }
  }
}

/** Meta's pair rate limit (docs/whatsapp-cloud-api.md §6.3): 1 message per 6 s to a customer, bursts ≤ 45. */
export const PAIR_RATE_POLICY: RateLimitPolicy = { perSecond: 1 / 6, burst: 45 };

/** A number's throughput tier (docs/whatsapp-cloud-api.md §6.2) as a policy: a second's worth of burst. */
export function throughputPolicy(messagesPerSecond: number): RateLimitPolicy {
  return { perSecond: messagesPerSecond, burst: messagesPerSecond };
}
