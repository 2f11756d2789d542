import { PublicError } from '../platform/errors';
import type { PostgresRateLimiter, RateLimitPolicy } from './rate-limiter';

/**
 * Every mutation a user runs costs one token of a per-user bucket shared by all instances: one per root
 * field, so forty aliases of one mutation in a single operation cost forty. Queries are bounded by the
 * depth and cost limits instead. The returned function throws RATE_LIMITED (with retryAfterSeconds)
 * before any resolver runs.
 */
export function mutationCharge(limiter: PostgresRateLimiter, policy: RateLimitPolicy): (userId: string, count: number) => Promise<void> {
  return async (userId, count) => {
    for (let i = 0; i < count; i++) {
      const decision = await limiter.consume(`user:${userId}`, policy);
      if (!decision.allowed) throw PublicError.rateLimited(decision.retryAfterSeconds);
    }
  };
}
