import { once } from 'node:events';
import type { Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { signDevelopmentToken } from '../../src/platform/identity';
import { onDispose } from '../support/leftovers';
import { startPluginProcessOnNewDatabase } from '../support/plugin-process';
import { TEST_JWT_SECRET } from '../support/start-test-app';

jest.setTimeout(120_000);

test('a graphql-ws client that never answers the close does not hold the stop past the grace period', async () => {
  const child = await startPluginProcessOnNewDatabase({ LOG_LEVEL: 'info', SHUTDOWN_GRACE_SECONDS: '2' });
  const socket = new WebSocket(`${child.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
  onDispose(() => socket.terminate());
  await once(socket, 'open');
  const token = await signDevelopmentToken(TEST_JWT_SECRET, { sub: randomUUID(), roles: [] });
  socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
  await once(socket, 'message');
  // From now on the client reads nothing: it never sees the server's close frame, never answers it.
  (socket as unknown as { _socket: Socket })._socket.pause();
  child.signal('SIGTERM');
  expect(await child.exited).toEqual({ code: 0, signal: null });
  expect(child.output()).toContain('"msg":"stopped"');
  expect(child.output()).not.toContain('forcing exit');
});
