import type { IncomingMessage, Server } from 'node:http';
import { CloseCode, type ServerOptions } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { execute, getOperationAST, GraphQLError, subscribe, type GraphQLSchema, type ValidationRule } from 'graphql';
import { decodeJwt } from 'jose';
import { WebSocketServer, type WebSocket } from 'ws';
import { ErrorCode, PublicError } from '../errors';
import type { Viewer } from '../identity';
import type { GraphQLContext } from './context';
import { coalesceFrames } from './coalesced-frames';
import { formatError } from './format-error';
import { publicErrorsAsResults } from './public-errors-as-results';
import type { OperationGate } from './operation-gate';
import { parseOperation, validateOperation, type OperationLimits } from './operation-limits';

export interface WebSocketServerOptions {
  httpServer: Server;
  path: string;
  schema: GraphQLSchema;
  limits: OperationLimits;
  /** The same validation rules Apollo runs over HTTP. */
  rules: readonly ValidationRule[];
  gate: OperationGate;
  /** Largest message a client may send (the HTTP body limit's counterpart). */
  maxPayloadBytes: number;
  /** Verifies a bearer token; throws UNAUTHENTICATED when it is missing or bad. */
  authenticate: (authorization: string | undefined) => Promise<Viewer>;
  createContext: (viewer: Viewer, remoteAddress: string | undefined) => GraphQLContext;
  /** Adds observation (metrics, the per-operation log line) around the server options. */
  observe?: <P extends Record<string, unknown> | undefined, E>(options: ServerOptions<P, E>) => ServerOptions<P, E>;
}

export interface WebSocketServerHandle {
  /** Closes every socket of a user at once (erased, disabled): 4403, and the client does not retry. */
  closeUser(userId: string, reason: string): void;
  dispose(): Promise<void>;
}

/** What the socket was authenticated with; replaced when the client re-authenticates. */
interface Session {
  authorization: string;
  viewer: Viewer;
  expiresAt: number;
  timer?: NodeJS.Timeout;
}

type Extra = { socket: WebSocket; request: IncomingMessage };

const UNAUTHORIZED_REASON = 'Unauthorized: a valid bearer token is required';
// How long an unauthenticated socket stays open to receive its UNAUTHENTICATED answers: graphql-ws's own
// default wait for ConnectionInit, ample for a gateway, which subscribes right after the acknowledgement.
const UNAUTHENTICATED_GRACE_MS = 3_000;

// setTimeout fires at once beyond this (about 24.8 days): longer tokens are re-armed on the way.
const MAX_TIMER_MS = 2 ** 31 - 1;
/** What a socket may hold unsent before its sends wait for the reader again (see coalesced-frames.ts). */
const MAX_COALESCED_BYTES = 512 * 1024;

// The same masking as over HTTP: Apollo's formatError does not run for graphql-ws, so without this an
// unexpected error's message (SQL, a vendor's text) would reach the subscriber.
const masked = (errors: readonly GraphQLError[]) => errors.map((error) => formatError(error.toJSON(), error));

function stringParam(params: Readonly<Record<string, unknown>> | undefined, name: string): string | undefined {
  const value = params?.[name] ?? params?.[name[0]!.toUpperCase() + name.slice(1)];
  return typeof value === 'string' ? value : undefined;
}

function expiryOf(authorization: string): number {
  const exp = decodeJwt(authorization.trim().replace(/^Bearer\s+/i, '')).exp;
  return typeof exp === 'number' ? exp * 1000 : 0;
}

/**
 * graphql-ws on the same HTTP server and path as Apollo, and through the same pipeline: the document is
 * parsed with the same limits, validated with the same rules, and passed through the same operation
 * gate (introspection, `_entities`, mutation charge) before it runs.
 *
 * Authentication: the bearer token from ConnectionInit's `authorization` param, or else the upgrade
 * request's Authorization header (what a federated gateway forwards). Without a valid one nothing runs:
 * each Subscribe is answered with an UNAUTHENTICATED error (what a gateway passes on to its client) and the
 * socket is closed with 4401 after a short grace. Every operation is checked against the token's current validity;
 * at its `exp` the socket is closed with 4401 unless the client has re-authenticated by sending a newer
 * token for the same user in a Subscribe message's `extensions.authorization`.
 */
export function startWebSocketServer(options: WebSocketServerOptions): WebSocketServerHandle {
  const wss = new WebSocketServer({ server: options.httpServer, path: options.path, maxPayload: options.maxPayloadBytes });
  const sessions = new WeakMap<Extra, Session>();
  const socketsByUser = new Map<string, Set<WebSocket>>();
  // The context of an operation on an unauthenticated socket: it is answered UNAUTHENTICATED, never run.
  const refused = new WeakSet<object>();

  const arm = (extra: Extra, session: Session) => {
    clearTimeout(session.timer);
    const wait = Math.min(Math.max(0, session.expiresAt - Date.now()), MAX_TIMER_MS);
    session.timer = setTimeout(() => {
      if (Date.now() >= session.expiresAt) extra.socket.close(CloseCode.Unauthorized, 'Token expired');
      else arm(extra, session);
    }, wait);
    session.timer.unref();
  };

  const authenticate = async (authorization: string | undefined): Promise<Session> => {
    const viewer = await options.authenticate(authorization);
    return { authorization: authorization!, viewer, expiresAt: expiryOf(authorization!) };
  };

  // Registered before graphql-ws's own listener, so the first frame (the ack) is already coalesced.
  wss.on('connection', (socket, request) => coalesceFrames(socket, request.socket, MAX_COALESCED_BYTES));
  const observe = options.observe ?? ((serverOptions) => serverOptions);
  const cleanup = useServer<Record<string, unknown>, { request: IncomingMessage }>(
    observe({
      onConnect: async (ctx) => {
        const extra = ctx.extra as Extra;
        const authorization = stringParam(ctx.connectionParams, 'authorization') ?? extra.request.headers.authorization;
        let session: Session;
        try {
          session = await authenticate(authorization);
        } catch {
          // A gateway relays a socket closed at connection time to its client as an opaque internal
          // error, so the refusal its client can read is a GraphQL error: the socket is acknowledged,
          // every Subscribe on it is answered with UNAUTHENTICATED, and it is closed with 4401 soon after.
          const timer = setTimeout(() => extra.socket.close(CloseCode.Unauthorized, UNAUTHORIZED_REASON), UNAUTHENTICATED_GRACE_MS);
          timer.unref();
          extra.socket.once('close', () => clearTimeout(timer));
          return true;
        }
        sessions.set(extra, session);
        arm(extra, session);
        const userId = session.viewer.userId;
        let sockets = socketsByUser.get(userId);
        if (!sockets) socketsByUser.set(userId, (sockets = new Set()));
        sockets.add(extra.socket);
        return true;
      },
      onClose: (ctx) => {
        const extra = ctx.extra as Extra;
        const session = sessions.get(extra);
        if (!session) return;
        clearTimeout(session.timer);
        const sockets = socketsByUser.get(session.viewer.userId);
        sockets?.delete(extra.socket);
        if (sockets?.size === 0) socketsByUser.delete(session.viewer.userId);
      },
      onSubscribe: async (ctx, _id, payload) => {
        const extra = ctx.extra as Extra;
        const session = sessions.get(extra);
        if (!session) {
          // As a result (`next` with errors, then `complete`) rather than graphql-ws's `error` message,
          // which gateways pass on as an error without its extensions: nothing of the operation runs.
          const parsed = parseOperation(payload.query, options.limits);
          if (parsed.errors) return parsed.errors;
          const contextValue = {};
          refused.add(contextValue);
          return { schema: options.schema, document: parsed.document, operationName: payload.operationName, contextValue };
        }
        try {
          const offered = stringParam(payload.extensions ?? undefined, 'authorization');
          if (offered && offered !== session.authorization) {
            const renewed = await authenticate(offered);
            if (renewed.viewer.userId !== session.viewer.userId) {
              return [PublicError.unauthenticated('The new token is for another user; open a new connection.')];
            }
            Object.assign(session, { authorization: renewed.authorization, viewer: renewed.viewer, expiresAt: renewed.expiresAt });
            arm(extra, session);
          }
          // The token's validity now, not at connection time (answered from the verifier's cache).
          if (Date.now() >= session.expiresAt) return [PublicError.unauthenticated('The bearer token has expired.')];
          session.viewer = await options.authenticate(session.authorization);
        } catch (error) {
          return [error instanceof PublicError ? error : PublicError.unauthenticated()];
        }

        const parsed = parseOperation(payload.query, options.limits);
        if (parsed.errors) return parsed.errors;
        const { document } = parsed;
        const errors = validateOperation(options.schema, document, options.limits, options.rules);
        if (errors.length > 0) return errors;
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) {
          return [new GraphQLError('The operation name matches no operation in the document.', { extensions: { code: ErrorCode.OperationResolutionFailure } })];
        }
        const remoteAddress = extra.request.socket.remoteAddress;
        try {
          await options.gate.admit({ document, operation, variables: payload.variables ?? undefined, viewer: session.viewer, remoteAddress });
        } catch (error) {
          // A PublicError passes the masking below; anything else becomes INTERNAL_SERVER_ERROR there.
          return [error instanceof GraphQLError ? error : new GraphQLError('gate failed', { originalError: error as Error })];
        }
        return {
          schema: options.schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: options.createContext(session.viewer, remoteAddress),
        };
      },
      execute: (args) => (refused.has(args.contextValue as object) ? { errors: [PublicError.unauthenticated()] } : execute(args)),
      subscribe: async (args) => {
        if (refused.has(args.contextValue as object)) return { errors: [PublicError.unauthenticated()] };
        const result = await subscribe(args);
        return Symbol.asyncIterator in result ? publicErrorsAsResults(result) : result;
      },
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: masked(result.errors) } : undefined),
      onError: (_ctx, _id, _payload, errors) => masked(errors),
    }),
    wss,
  );
  return {
    closeUser(userId, reason) {
      for (const socket of socketsByUser.get(userId) ?? []) socket.close(CloseCode.Forbidden, reason);
    },
    dispose: async () => {
      await cleanup.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
