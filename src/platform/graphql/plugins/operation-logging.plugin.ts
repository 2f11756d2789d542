import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLContext } from '../context';
import { isExposable } from '../format-error';

/**
 * Logs every unexpected error with the request id (the client sees only that id), echoes the id in the
 * response extensions (timing and counting: ../operation-metrics.ts). Variables are never logged: they carry secrets.
 */
export function operationLoggingPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async didEncounterErrors({ errors, operationName }) {
          for (const error of errors) {
            if (isExposable(error)) continue;
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
        },
      };
    },
  };
}
