import type { ApolloServerPlugin } from '@apollo/server';
import { PublicError } from '../errors';
import type { GraphQLContext } from '../graphql/context';
import type { PostgresRateLimiter, RateLimitPolicy } from './rate-limiter';

/**
 * Every mutation costs its caller one token of a per-user bucket shared by all instances; queries are
 * bounded by the depth and cost limits instead. Refused operations run nothing.
 */
export function mutationRateLimitPlugin(limiter: PostgresRateLimiter, policy: RateLimitPolicy): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation !== 'mutation' || !contextValue.viewer) return;
          const decision = await limiter.consume(`user:${contextValue.viewer.userId}`, policy);
          if (!decision.allowed) throw PublicError.rateLimited(decision.retryAfterSeconds);
        },
      };
    },
  };
}
