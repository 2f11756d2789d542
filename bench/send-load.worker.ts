/**
 * The benchmark's "outside world", on its own thread: the WhatsApp simulator (Meta's side) and the load
 * generator (the plugin's clients). The plugin under test keeps the main thread to itself, as it would in
 * production, where neither Meta nor the callers run on its CPU.
 */
import 'reflect-metadata';
import { parentPort } from 'node:worker_threads';
import { Pool } from 'undici';
import { createLogger } from '../src/platform/observability/logger';
import { startSandbox, type RunningSandbox } from '../src/adapters/sandbox';

export interface LoadResult {
  sent: number;
  failed: number;
  /** The first failure's answer, so a bench that fails everything says why. */
  firstFailure?: string;
  perSecond: number;
  p50: number;
  p99: number;
}

export type LoadRequest =
  | { type: 'start'; customers: string[] }
  | { type: 'raw'; concurrency: number; messages: number; seconds: number }
  | {
      type: 'mutation';
      concurrency: number;
      messages: number;
      seconds: number;
      appUrl: string;
      authorization: string;
      agentId: string;
      keyPrefix: string;
    }
  | { type: 'stop' };

const SEND_MUTATION =
  'mutation Send($input: WhatsAppSendMessageInput!) { sendWhatsAppMessage(input: $input) { id status whatsappMessageId } }';

let running: RunningSandbox | undefined;
let account: ReturnType<RunningSandbox['sandbox']['createAccount']> | undefined;
let customers: string[] = [];

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Runs `op(i)` up to `messages` times with `concurrency` workers, for at most `seconds`; `op` returns a failure's description or null. */
async function measure(concurrency: number, messages: number, seconds: number, op: (i: number) => Promise<string | null>): Promise<LoadResult> {
  const latencies: number[] = [];
  let started = 0;
  let failed = 0;
  let firstFailure: string | undefined;
  const deadline = performance.now() + seconds * 1000;
  const begin = performance.now();
  const worker = async () => {
    while (started < messages && performance.now() < deadline) {
      const i = started++;
      const t0 = performance.now();
      const failure = await op(i);
      if (failure === null) latencies.push(performance.now() - t0);
      else {
        failed++;
        firstFailure ??= failure;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - begin) / 1000;
  latencies.sort((a, b) => a - b);
  return { sent: latencies.length, failed, firstFailure, perSecond: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function handle(request: LoadRequest): Promise<unknown> {
  switch (request.type) {
    case 'start': {
      running = await startSandbox({ port: 0, apiVersion: 'v24.0', logger: createLogger('silent') });
      account = running.sandbox.createAccount();
      customers = request.customers;
      for (const phone of customers) running.sandbox.openWindow(account.phoneNumberId, phone.slice(1));
      return { baseUrl: running.baseUrl, account };
    }
    case 'raw': {
      const pool = new Pool(running!.baseUrl, { connections: request.concurrency, pipelining: 1 });
      const path = `/v24.0/${account!.phoneNumberId}/messages`;
      const authorization = `Bearer ${account!.tokens.valid}`;
      try {
        return await measure(request.concurrency, request.messages, request.seconds, async (i) => {
          const response = await pool.request({
            path,
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization },
            body: JSON.stringify({ messaging_product: 'whatsapp', to: customers[i % customers.length], type: 'text', text: { body: `Your order #${i} has shipped.` } }),
          });
          const answer = await response.body.text();
          return response.statusCode === 200 ? null : `HTTP ${response.statusCode}: ${answer.slice(0, 300)}`;
        });
      } finally {
        await pool.close();
      }
    }
    case 'mutation': {
      const pool = new Pool(request.appUrl, { connections: request.concurrency, pipelining: 1 });
      try {
        return await measure(request.concurrency, request.messages, request.seconds, async (i) => {
          const response = await pool.request({
            path: '/graphql',
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: request.authorization },
            body: JSON.stringify({
              query: SEND_MUTATION,
              variables: {
                input: {
                  agentId: request.agentId,
                  to: customers[i % customers.length],
                  idempotencyKey: `${request.keyPrefix}-${i}`,
                  text: { body: `Your order #${i} has shipped.` },
                },
              },
            }),
          });
          const answer = await response.body.text();
          const body = JSON.parse(answer) as { data?: { sendWhatsAppMessage?: { status: string } } };
          return body.data?.sendWhatsAppMessage?.status === 'SENT' ? null : answer.slice(0, 300);
        });
      } finally {
        await pool.close();
      }
    }
    case 'stop':
      await running?.close();
      return { accepted: account ? running!.sandbox.messagesAccepted(account.phoneNumberId) : 0 };
  }
}

parentPort!.on('message', ({ id, request }: { id: number; request: LoadRequest }) => {
  handle(request).then(
    (result) => parentPort!.postMessage({ id, result }),
    (error: unknown) => parentPort!.postMessage({ id, error: String((error as Error)?.stack ?? error) }),
  );
});
