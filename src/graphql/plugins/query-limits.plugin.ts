import type { ApolloServerPlugin } from '@apollo/server';
import {
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { ErrorCode, PublicError } from '../../errors';

export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
}

/** Depth of the deepest field path, following fragments (cycles are already rejected by validation). */
function depthOf(selectionSet: SelectionSetNode | undefined, fragments: Map<string, FragmentDefinitionNode>): number {
  if (!selectionSet) return 0;
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    let depth: number;
    if (selection.kind === Kind.FIELD) {
      // Introspection and federation plumbing (`__typename`, `_service`) do not count.
      depth = selection.name.value.startsWith('__') ? 0 : 1 + depthOf(selection.selectionSet, fragments);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      depth = depthOf(selection.selectionSet, fragments);
    } else {
      depth = depthOf(fragments.get(selection.name.value)?.selectionSet, fragments);
    }
    deepest = Math.max(deepest, depth);
  }
  return deepest;
}

function operationDepth(document: DocumentNode, operation: OperationDefinitionNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return depthOf(operation.selectionSet, fragments);
}

/**
 * Refuses operations deeper or costlier than configured before any resolver runs. Cost: one point a
 * field unless a field declares its own complexity.
 */
export function queryLimitsPlugin(schema: () => GraphQLSchema, limits: QueryLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request }) {
          if (!operation) return;
          const depth = operationDepth(document, operation);
          if (depth > limits.maxDepth) {
            throw new PublicError(ErrorCode.QueryTooComplex, `The query is ${depth} levels deep; the limit is ${limits.maxDepth}.`);
          }
          const cost = getComplexity({
            schema: schema(),
            query: document,
            operationName: request.operationName ?? undefined,
            variables: request.variables ?? {},
            estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
          });
          if (cost > limits.maxCost) {
            throw new PublicError(ErrorCode.QueryTooComplex, `The query costs ${cost}; the limit is ${limits.maxCost}.`);
          }
        },
      };
    },
  };
}
