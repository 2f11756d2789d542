export { PostgresRateLimiter, type RateLimitPolicy } from './rate-limiter';
export { RateLimitBucket } from './rate-limit-bucket.entity';
export { mutationCharge } from './mutation-charge';
export { Pacer, PacingTimeoutError, PAIR_RATE_POLICY, throughputPolicy } from './pacer';
