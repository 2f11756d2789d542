import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from '../../errors';
import type { GraphQLContext } from '../context';
import type { OperationGate } from '../operation-gate';

/**
 * The HTTP side of the operation gate: runs it once the operation is known, before execution. A refusal
 * for rate reasons is answered 429 with Retry-After, as HTTP clients and gateways expect.
 */
export function operationGatePlugin(gate: OperationGate): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, contextValue }) {
          if (!operation) return;
          await gate.admit({
            document,
            operation,
            variables: request.variables,
            viewer: contextValue.viewer,
            remoteAddress: contextValue.remoteAddress,
          });
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const limited = response.body.singleResult.errors?.find((error) => error.extensions?.code === ErrorCode.RateLimited);
          const retryAfter = limited?.extensions?.retryAfterSeconds;
          if (typeof retryAfter !== 'number') return;
          response.http.status = 429;
          response.http.headers.set('retry-after', String(retryAfter));
        },
      };
    },
  };
}
