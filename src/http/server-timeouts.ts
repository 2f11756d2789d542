import type { Server } from 'node:http';

/**
 * Timeouts of every listener the plugin opens, in one place. Headers must arrive within 20 s and a whole
 * request within 60 s (a slow-loris client cannot hold a socket for long); idle keep-alive sockets live
 * 65 s, longer than the 60 s idle timeout of common load balancers, so the balancer always closes first
 * and never reuses a socket we are closing. graphql-ws sockets are upgraded and not subject to these.
 */
export const SERVER_TIMEOUTS = {
  headersTimeout: 20_000,
  requestTimeout: 60_000,
  keepAliveTimeout: 65_000,
} as const;

export function applyServerTimeouts(server: Server): Server {
  server.headersTimeout = SERVER_TIMEOUTS.headersTimeout;
  server.requestTimeout = SERVER_TIMEOUTS.requestTimeout;
  server.keepAliveTimeout = SERVER_TIMEOUTS.keepAliveTimeout;
  return server;
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
