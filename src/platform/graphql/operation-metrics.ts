import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type DocumentNode, type ExecutionArgs, type GraphQLError, type OperationDefinitionNode } from 'graphql';
import type { ServerOptions } from 'graphql-ws';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import { currentRequest } from '../observability/request-context';
import type { GraphQLContext } from './context';
import { isExposable } from './format-error';

/**
 * The `operation` label: the operation's root fields, which the schema bounds (a client-chosen operation
 * name could be anything, and each new value is a new series in Prometheus).
 */
function rootFieldsOf(operation: OperationDefinitionNode | null | undefined): string {
  if (!operation) return 'unknown';
  const fields = new Set<string>();
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind === Kind.FIELD && selection.name.value !== '__typename') fields.add(selection.name.value);
    else if (selection.kind !== Kind.FIELD) fields.add('(fragment)');
  }
  if (fields.size === 0) return '__typename';
  return fields.size > 3 ? 'multiple' : [...fields].sort().join(',');
}

const isErrorList = (result: readonly GraphQLError[] | ExecutionArgs): result is readonly GraphQLError[] => Array.isArray(result);

/** ok; refused: every error is one we meant to show the client (bad input, not found, limits); error: a bug or an outage. */
function outcomeOf(errors: readonly GraphQLError[] | undefined): 'ok' | 'refused' | 'error' {
  if (!errors?.length) return 'ok';
  return errors.every((error) => isExposable(error)) ? 'refused' : 'error';
}

/** Times and counts every HTTP GraphQL operation and puts its name and outcome on the request's log line. */
export function operationMetricsPlugin(metrics: Metrics): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      const startedAt = process.hrtime.bigint();
      let type = 'unknown';
      let operation = 'unknown';
      let errors: readonly GraphQLError[] | undefined;
      return {
        async didResolveOperation({ operation: node, operationName }) {
          type = node?.operation ?? 'unknown';
          operation = rootFieldsOf(node);
          const request = currentRequest();
          if (request) request.operationName = operationName ?? undefined;
        },
        async didEncounterErrors({ errors: encountered }) {
          errors = [...(errors ?? []), ...encountered];
        },
        async willSendResponse() {
          const outcome = outcomeOf(errors);
          const request = currentRequest();
          if (request) request.outcome = outcome;
          const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
          metrics.graphqlOperations.observe({ operation, type, outcome, transport: 'http' }, seconds);
        },
      };
    },
  };
}

interface OperationState {
  startedAt: bigint;
  operationName?: string;
  operation: string;
  type: string;
  requestId?: string;
  userId?: string;
  subscribed: boolean;
  errors?: readonly GraphQLError[];
}

/**
 * Adds to graphql-ws server options (without changing what they do): the connection and subscription
 * gauges, and one log line plus one metric sample per operation when it ends (a subscription ends when
 * the client completes it or the socket closes).
 */
export function observeGraphqlWs<P extends Record<string, unknown> | undefined, E>(
  options: ServerOptions<P, E>,
  metrics: Metrics,
  logger: Logger,
): ServerOptions<P, E> {
  const operations = new WeakMap<object, Map<string, OperationState>>();
  const acknowledged = new WeakSet<object>();
  const stateOf = (ctx: object) => {
    let map = operations.get(ctx);
    if (!map) operations.set(ctx, (map = new Map()));
    return map;
  };
  const finish = (ctx: object, id: string, closed = false) => {
    const map = stateOf(ctx);
    const state = map.get(id);
    if (!state) return;
    map.delete(id);
    if (state.subscribed) metrics.graphqlWsSubscriptions.dec();
    const seconds = Number(process.hrtime.bigint() - state.startedAt) / 1e9;
    const outcome = outcomeOf(state.errors);
    metrics.graphqlOperations.observe({ operation: state.operation, type: state.type, outcome, transport: 'ws' }, seconds);
    logger.info(
      {
        requestId: state.requestId,
        transport: 'graphql-ws',
        operationName: state.operationName,
        operation: state.operation,
        type: state.type,
        outcome,
        ended: closed ? 'socket closed' : 'completed',
        durationMs: Math.round(seconds * 1e4) / 10,
        userId: state.userId,
      },
      'graphql-ws operation',
    );
  };

  const describe = (state: OperationState, document: DocumentNode, operationName: string | null | undefined, contextValue: unknown) => {
    const node = document.definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName),
    );
    state.operation = rootFieldsOf(node);
    state.type = node?.operation ?? 'unknown';
    const context = contextValue as Partial<GraphQLContext> | undefined;
    state.requestId = context?.requestId;
    state.userId = context?.viewer?.userId;
  };

  return {
    ...options,
    onConnect: async (ctx) => {
      const result = options.onConnect ? await options.onConnect(ctx) : true;
      if (result !== false) {
        acknowledged.add(ctx);
        metrics.graphqlWsConnections.inc();
      }
      return result;
    },
    onClose: async (ctx, code, reason) => {
      for (const id of [...stateOf(ctx).keys()]) finish(ctx, id, true);
      if (acknowledged.delete(ctx)) metrics.graphqlWsConnections.dec();
      await options.onClose?.(ctx, code, reason);
    },
    onSubscribe: async (ctx, id, payload) => {
      const state: OperationState = { startedAt: process.hrtime.bigint(), operationName: payload.operationName ?? undefined, operation: 'unknown', type: 'unknown', subscribed: false };
      stateOf(ctx).set(id, state);
      const result = await options.onSubscribe?.(ctx, id, payload);
      // Execution arguments made by onSubscribe (our pipeline does): graphql-ws then never calls `context`.
      if (result && !isErrorList(result)) describe(state, result.document, result.operationName, result.contextValue);
      return result;
    },
    context: async (ctx, id, payload, args) => {
      const value = typeof options.context === 'function' ? await options.context(ctx, id, payload, args) : options.context;
      const state = stateOf(ctx).get(id);
      if (state) describe(state, args.document, args.operationName, value);
      return value;
    },
    onOperation: async (ctx, id, payload, args, result) => {
      const state = stateOf(ctx).get(id);
      if (state && result && typeof result === 'object' && Symbol.asyncIterator in result) {
        state.subscribed = true;
        metrics.graphqlWsSubscriptions.inc();
      }
      return options.onOperation?.(ctx, id, payload, args, result);
    },
    onError: async (ctx, id, payload, errors) => {
      const state = stateOf(ctx).get(id);
      if (state) state.errors = [...(state.errors ?? []), ...errors];
      const replaced = await options.onError?.(ctx, id, payload, errors);
      // Refused before it ran (validation): graphql-ws never calls onComplete for it.
      if (state && !state.subscribed && state.type === 'unknown') finish(ctx, id);
      return replaced;
    },
    onNext: async (ctx, id, payload, args, result) => {
      const state = stateOf(ctx).get(id);
      if (state && result.errors?.length) state.errors = [...(state.errors ?? []), ...result.errors];
      return options.onNext?.(ctx, id, payload, args, result);
    },
    onComplete: async (ctx, id, payload) => {
      finish(ctx, id);
      await options.onComplete?.(ctx, id, payload);
    },
  };
}
