import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

/**
 * Lets the frames a socket is sent in one turn of the event loop leave in one write.
 *
 * graphql-ws sends a subscription's next event only once the previous frame's write has called back, and
 * ws writes every frame by itself, so a batch of 500 committed messages became 500 `writev` calls to one
 * dashboard: the largest single cost of the live path in the e2e benchmark's profile. Here the socket is
 * corked until the end of the turn and graphql-ws is told at once that a frame is written, so the whole
 * batch leaves in one write.
 *
 * Backpressure is kept: once more than `maxBufferedBytes` wait in the socket (a reader that does not keep
 * up), sends wait for their real write again, events pile up in the subscription's bounded buffer, and
 * that buffer's overflow ends the subscription. A write that fails closes the socket, which ends its
 * subscriptions, so an early "written" loses nothing a client could still have received.
 */
export function coalesceFrames(socket: WebSocket, raw: Duplex, maxBufferedBytes: number): void {
  const send = socket.send.bind(socket);
  let corked = false;
  const flush = () => {
    corked = false;
    raw.uncork();
  };
  type Callback = (error?: Error) => void;
  const coalesced = (data: string | Buffer, optionsOrCallback?: object | Callback, maybeCallback?: Callback) => {
    const callback = typeof optionsOrCallback === 'function' ? (optionsOrCallback as Callback) : maybeCallback;
    const options = typeof optionsOrCallback === 'object' ? optionsOrCallback : {};
    if (socket.readyState !== socket.OPEN || socket.bufferedAmount > maxBufferedBytes) {
      send(data, options, callback);
      return;
    }
    if (!corked) {
      corked = true;
      raw.cork();
      setImmediate(flush);
    }
    send(data, options);
    if (callback) process.nextTick(callback);
  };
  socket.send = coalesced as WebSocket['send'];
}
