/**
 * The baseline of bench:e2e, run as its own process like the plugin: the least a server can do to turn a
 * signed webhook into a live event. It checks the signature, stores the body with one INSERT that also
 * sends a pg NOTIFY carrying the wamid, answers 200, and forwards every notification it LISTENs to over
 * a plain WebSocket (/events) to whoever is connected. Nothing else: no routing, no conversations, no
 * GraphQL. Settings come as arguments: <database url> <app secret>; it prints its port once listening.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Pool } from 'pg';
import { WebSocketServer } from 'ws';
import { readBody } from '../src/platform/http/read-body';
import { verifyWebhookSignature } from '../src/adapters/whatsapp';

const CHANNEL = 'bench_e2e_baseline';

async function main(): Promise<void> {
  const [databaseUrl, appSecret] = process.argv.slice(2);
  if (!databaseUrl || !appSecret) throw new Error('usage: e2e-baseline.server.ts <database url> <app secret>');
  const pool = new Pool({ connectionString: databaseUrl, max: 16 });
  await pool.query('create table if not exists bench_e2e_baseline (id bigserial primary key, received_at timestamptz not null default now(), raw_body bytea not null)');
  const listener = new Client({ connectionString: databaseUrl });
  await listener.connect();
  await listener.query(`listen ${CHANNEL}`);

  const server = createServer((req, res) => {
    readBody(req, 4 * 1024 * 1024)
      .then(async (body) => {
        if (!verifyWebhookSignature(appSecret, body, req.headers['x-hub-signature-256'])) return 401;
        const wamid = (JSON.parse(body.toString('utf8')) as { entry: Array<{ changes: Array<{ value: { messages: Array<{ id: string }> } }> }> }).entry[0]!.changes[0]!.value.messages[0]!.id;
        await pool.query(`with stored as (insert into bench_e2e_baseline (raw_body) values ($1) returning id) select pg_notify('${CHANNEL}', $2) from stored`, [body, wamid]);
        return 200;
      })
      .then(
        (status) => res.writeHead(status).end(),
        () => res.writeHead(500).end(),
      );
  });
  const sockets = new WebSocketServer({ server, path: '/events' });
  listener.on('notification', (notification) => {
    for (const socket of sockets.clients) socket.send(notification.payload ?? '');
  });
  server.listen(0, '127.0.0.1', () => process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`));
  process.once('SIGTERM', () => {
    for (const socket of sockets.clients) socket.terminate();
    server.closeAllConnections();
    server.close();
    void Promise.all([listener.end(), pool.end()]).then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
