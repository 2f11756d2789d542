import type { Server } from 'node:http';

export interface ServerTimeouts {
  /** A client must have sent its headers within this (default 20 s). */
  headersTimeoutMs: number;
  /** And its whole request within this (default 60 s). */
  requestTimeoutMs: number;
}

/**
 * Idle keep-alive sockets live 65 s, longer than the 60 s idle timeout of common load balancers, so the
 * balancer always closes first and never reuses a socket we are closing.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/**
 * Timeouts of every listener the plugin opens, in one place: a client that trickles its headers or body
 * cannot hold a socket for long (it gets a 408). graphql-ws sockets are upgraded and not subject to these.
 */
export function applyServerTimeouts(server: Server, timeouts: ServerTimeouts): Server {
  server.headersTimeout = timeouts.headersTimeoutMs;
  server.requestTimeout = timeouts.requestTimeoutMs;
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  return server;
}

/** How often Node looks for connections past those timeouts (default 30 s, too coarse for them). */
export function connectionsCheckingIntervalFor(timeouts: ServerTimeouts): number {
  return Math.min(5_000, timeouts.headersTimeoutMs / 2);
}

/**
 * Stops accepting, closes idle keep-alive sockets, lets in-flight requests finish (their responses carry
 * `Connection: close`), and cuts whatever is still open after `graceMs`.
 */
export async function drainServer(server: Server, graceMs: number): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const cut = setTimeout(() => server.closeAllConnections(), graceMs);
  await closed;
  clearTimeout(cut);
}
