import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import { GraphQLError, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';
import { ErrorCode, PublicError } from '../../errors';
import type { GraphQLContext } from '../context';
import { formatError } from '../format-error';
import type { OperationGate } from '../operation-gate';
import { validateOperation, type OperationLimits } from '../operation-limits';

export interface OperationPipelineOptions {
  schema: GraphQLSchema;
  limits: OperationLimits;
  rules: readonly ValidationRule[];
  gate: OperationGate;
}

const STATUS: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.QueryTooComplex]: 400,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.RateLimited]: 429,
};

/** A gate refusal as Apollo sends it: the status (and Retry-After) in `http`, which Apollo strips. */
function withHttpHead(error: PublicError): GraphQLError {
  const headers = new HeaderMap();
  if (error.extensions.retryAfterSeconds !== undefined) headers.set('retry-after', String(error.extensions.retryAfterSeconds));
  return new GraphQLError(error.message, {
    originalError: error,
    extensions: { ...error.extensions, http: { status: STATUS[error.code] ?? 400, headers } },
  });
}

/**
 * The HTTP side of the one pipeline. Apollo parses with the same limits (its parseOptions) and its own
 * validation is off: this plugin validates with `validateOperation`, limits first, exactly as the
 * socket server does, then runs the operation gate. Apollo keeps parsed documents, so a document's
 * verdict is remembered with it.
 */
export function operationPipelinePlugin(options: OperationPipelineOptions): ApolloServerPlugin<GraphQLContext> {
  const verdicts = new WeakMap<DocumentNode, GraphQLError[]>();
  const validated = (document: DocumentNode) => {
    let errors = verdicts.get(document);
    if (!errors) verdicts.set(document, (errors = validateOperation(options.schema, document, options.limits, options.rules)));
    return errors;
  };
  return {
    async requestDidStart() {
      let invalid: GraphQLError[] = [];
      return {
        async didResolveOperation({ document, operation, request, contextValue }) {
          invalid = validated(document);
          if (invalid.length > 0 || !operation) return;
          try {
            await options.gate.admit({ document, operation, variables: request.variables, viewer: contextValue.viewer, remoteAddress: contextValue.remoteAddress });
          } catch (error) {
            throw error instanceof PublicError ? withHttpHead(error) : error;
          }
        },
        // Every validation error, as Apollo's own validation would send them (a thrown error is only one).
        async responseForOperation(): Promise<GraphQLResponse | null> {
          if (invalid.length === 0) return null;
          return {
            http: { status: 400, headers: new HeaderMap() },
            body: { kind: 'single', singleResult: { errors: invalid.map((error) => formatError(error.toJSON(), error)) } },
          };
        },
      };
    },
  };
}
