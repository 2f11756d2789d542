import type { ApolloServerPlugin } from '@apollo/server';
import {
  isInterfaceType,
  isObjectType,
  Kind,
  visit,
  BREAK,
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

/** Whether some field declares its own complexity (which may depend on its arguments, so on variables). */
function declaresComplexity(schema: GraphQLSchema): boolean {
  return Object.values(schema.getTypeMap()).some(
    (type) => (isObjectType(type) || isInterfaceType(type)) && Object.values(type.getFields()).some((field) => field.extensions?.complexity !== undefined),
  );
}

/** Whether a directive (`@include(if: $x)`, `@skip`) takes a variable: then the cost depends on the variables. */
function directivesTakeVariables(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Directive(directive) {
      visit(directive, {
        Variable() {
          found = true;
          return BREAK;
        },
      });
      return found ? BREAK : undefined;
    },
  });
  return found;
}

/**
 * Refuses operations deeper or costlier than configured before any resolver runs. Cost: one point a
 * field unless a field declares its own complexity.
 *
 * Apollo keeps parsed documents, so the same operation text arrives as the same DocumentNode: its depth,
 * and its cost when no variable can change it, are computed once per document rather than per request.
 */
export function queryLimitsPlugin(schema: () => GraphQLSchema, limits: QueryLimits): ApolloServerPlugin {
  const depths = new WeakMap<OperationDefinitionNode, number>();
  const costs = new WeakMap<DocumentNode, Map<string, number> | null>();
  const schemasDeclaringComplexity = new WeakMap<GraphQLSchema, boolean>();
  const fixedCosts = (current: GraphQLSchema, document: DocumentNode): Map<string, number> | null => {
    let declares = schemasDeclaringComplexity.get(current);
    if (declares === undefined) schemasDeclaringComplexity.set(current, (declares = declaresComplexity(current)));
    let known = costs.get(document);
    if (known === undefined) costs.set(document, (known = declares || directivesTakeVariables(document) ? null : new Map()));
    return known;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request }) {
          if (!operation) return;
          let depth = depths.get(operation);
          if (depth === undefined) depths.set(operation, (depth = operationDepth(document, operation)));
          if (depth > limits.maxDepth) {
            throw new PublicError(ErrorCode.QueryTooComplex, `The query is ${depth} levels deep; the limit is ${limits.maxDepth}.`);
          }
          const current = schema();
          const cache = fixedCosts(current, document);
          const operationName = request.operationName ?? '';
          let cost = cache?.get(operationName);
          if (cost === undefined) {
            cost = getComplexity({
              schema: current,
              query: document,
              operationName: request.operationName ?? undefined,
              variables: request.variables ?? {},
              estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
            });
            cache?.set(operationName, cost);
          }
          if (cost > limits.maxCost) {
            throw new PublicError(ErrorCode.QueryTooComplex, `The query costs ${cost}; the limit is ${limits.maxCost}.`);
          }
        },
      };
    },
  };
}
