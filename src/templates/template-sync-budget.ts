import { GraphApiError } from '../adapters/whatsapp';
import type { PostgresRateLimiter, RateLimitPolicy } from '../rate-limits';

/**
 * Meta allows 200 management calls an hour per app and business account (5,000 once the account has a
 * registered number; docs/whatsapp-cloud-api.md §6.5), and `message_templates` is one of them. Template
 * syncs take at most half of the lower figure, so health checks and webhook subscriptions on the same
 * account keep theirs: 100 pages an hour, at most 10 at once, in a bucket every instance shares. Every
 * trigger (connect, sweep, on demand) and every number on the account draws from the same bucket.
 */
const TEMPLATE_SYNC_BUDGET: RateLimitPolicy = { perSecond: 100 / 3600, burst: 10 };

/** How long the budget takes to give one more call once it is empty. */
export const TEMPLATE_SYNC_CALL_INTERVAL_SECONDS = Math.ceil(1 / TEMPLATE_SYNC_BUDGET.perSecond);

/** The sync would go past the account's budget: nothing was asked of Meta for the page refused. */
export class TemplateSyncBudgetExhausted extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`The business account's template sync budget is spent; next call in ${retryAfterSeconds} s`);
    this.name = 'TemplateSyncBudgetExhausted';
  }
}

/** Takes one call of the account's budget, or throws TemplateSyncBudgetExhausted with the wait. */
export async function chargeTemplateSyncCall(limiter: PostgresRateLimiter, businessAccountId: string): Promise<void> {
  const decision = await limiter.consume(`waba:${businessAccountId}`, TEMPLATE_SYNC_BUDGET);
  if (!decision.allowed) throw new TemplateSyncBudgetExhausted(decision.retryAfterSeconds);
}

/** Meta's answer that the app's or the account's calls are spent for now (4, 17, 613, 80007, 80008...). */
export function isMetaThrottle(error: unknown): error is GraphApiError {
  return error instanceof GraphApiError && error.kind === 'rate_limited' && error.retryable;
}

/**
 * Meta throttled the account: take what is left of our budget too, so that no instance calls again before
 * it refills (at most `burst` takes of one token).
 */
export async function spendTemplateSyncBudget(limiter: PostgresRateLimiter, businessAccountId: string): Promise<void> {
  for (let i = 0; i <= TEMPLATE_SYNC_BUDGET.burst; i++) {
    const decision = await limiter.consume(`waba:${businessAccountId}`, TEMPLATE_SYNC_BUDGET);
    if (!decision.allowed) return;
  }
}
