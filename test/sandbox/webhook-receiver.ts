import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { onDispose } from '../support/leftovers';

export interface ReceivedWebhook {
  path: string;
  rawBody: Buffer;
  signature: string | undefined;
  headers: IncomingHttpHeaders;
}

export interface WebhookReceiver {
  url(path: string): string;
  received: ReceivedWebhook[];
  /** Resolves with the next POST (or one already received and not yet taken). */
  next(): Promise<ReceivedWebhook>;
  handshakes: Array<{ path: string; mode: string | null; verifyToken: string | null }>;
  /** The status every POST is answered with. Default 200. */
  postStatus: number;
  close(): Promise<void>;
}

/**
 * A tiny real webhook endpoint: answers Meta's `hub.challenge` handshake for `verifyToken`
 * (docs/whatsapp-cloud-api.md §3.1) and records every POST with its raw bytes, like the plugin's receiver
 * must.
 */
export async function startWebhookReceiver(verifyToken: string): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const waiters: Array<(webhook: ReceivedWebhook) => void> = [];
  let taken = 0;
  const receiver: WebhookReceiver = {
    url: (path) => `${base}${path}`,
    received,
    handshakes: [],
    postStatus: 200,
    next: () =>
      new Promise((resolve) => {
        if (taken < received.length) resolve(received[taken++]!);
        else waiters.push(resolve);
      }),
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://receiver');
    if (req.method === 'GET') {
      const mode = url.searchParams.get('hub.mode');
      const token = url.searchParams.get('hub.verify_token');
      receiver.handshakes.push({ path: url.pathname, mode, verifyToken: token });
      if (mode === 'subscribe' && token === verifyToken) res.writeHead(200).end(url.searchParams.get('hub.challenge'));
      else res.writeHead(403).end('forbidden');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const header = req.headers['x-hub-signature-256'];
      const webhook = { path: url.pathname, rawBody: Buffer.concat(chunks), signature: typeof header === 'string' ? header : undefined, headers: req.headers };
      received.push(webhook);
      const waiter = waiters.shift();
      if (waiter) {
        taken++;
        waiter(webhook);
      }
      res.writeHead(receiver.postStatus).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  onDispose(() => receiver.close());
  return receiver;
}
