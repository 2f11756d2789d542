import type { ApolloServerPlugin } from '@apollo/server';
import type { Metrics } from '../../observability/metrics';
import type { GraphQLContext } from '../context';
import { isExposable } from '../format-error';

/**
 * Logs every unexpected error with the request id (the client sees only that id), echoes the id in the
 * response extensions, and times operations. Variables are never logged: they carry secrets.
 */
export function operationLoggingPlugin(metrics: Metrics): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart({ contextValue }) {
      const startedAt = process.hrtime.bigint();
      let type = 'unknown';
      let failed = false;
      return {
        async didResolveOperation({ operation }) {
          type = operation?.operation ?? 'unknown';
        },
        async didEncounterErrors({ errors, operationName }) {
          for (const error of errors) {
            if (isExposable(error)) continue;
            failed = true;
            contextValue.logger.error(
              { err: error.originalError ?? error, path: error.path, operationName, requestId: contextValue.requestId },
              'unexpected error in GraphQL operation',
            );
          }
        },
        async willSendResponse({ response }) {
          if (response.body.kind === 'single') {
            const result = response.body.singleResult;
            if (result.errors?.length) result.extensions = { ...result.extensions, requestId: contextValue.requestId };
          }
          const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
          metrics.graphqlOperations.observe({ type, outcome: failed ? 'error' : 'ok' }, seconds);
        },
      };
    },
  };
}
