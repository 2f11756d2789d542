import { createServer } from 'node:net';

/**
 * A loopback port that was free a moment ago, for a server that cannot listen on port 0 and report
 * back (PostgreSQL started by a child process).
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
