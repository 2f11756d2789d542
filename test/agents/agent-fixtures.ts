import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Environment } from '../../src/config';
import { QueueName } from '../../src/platform/jobs';
import { Conversation, Message, MessageDirection, MessageStatus } from '../../src/messaging';
import { createLogger } from '../../src/platform/observability/logger';
import { startSandbox, type Sandbox, type SandboxAccount } from '../../src/adapters/sandbox';
import { EnableAgentWhatsAppDocument, type WhatsAppEnableAgentInput } from '../generated/graphql';
import { seedCredential } from '../support/credential-fixtures';
import { postGraphQL } from '../support/graphql-http';
import { onDispose } from '../support/leftovers';
import { startTestApp, type TestApp } from '../support/start-test-app';

export const RUNTIME_SECRET = 'agent-runtime-secret-for-tests-0123456789';

/** The plugin against the WhatsApp simulator (and, when given, a test agent runtime). */
export async function startAgentTestApp(env: Environment = {}): Promise<{ app: TestApp; sandbox: Sandbox }> {
  const running = await startSandbox({ port: 0, apiVersion: 'v24.0', logger: createLogger('silent') });
  onDispose(() => running.close());
  const app = await startTestApp({ WHATSAPP_GRAPH_BASE_URL: running.baseUrl, ...env });
  return { app, sandbox: running.sandbox };
}

export interface SeededAgent {
  userId: string;
  agentId: string;
  account: SandboxAccount;
  credentialId: string;
  token: string;
}

/** A user with a connected credential and an agent enabled on it through the real mutation. */
export async function seedAgent(
  app: TestApp,
  sandbox: Sandbox,
  options: Partial<Omit<WhatsAppEnableAgentInput, 'agentId' | 'credentialId'>> & { userId?: string } = {},
): Promise<SeededAgent> {
  const { userId = randomUUID(), ...settings } = options;
  const account = sandbox.createAccount();
  const { credential } = await seedCredential(app, userId, account);
  const token = await app.tokenFor(userId);
  const agentId = randomUUID();
  const result = await postGraphQL(app.graphqlUrl, EnableAgentWhatsAppDocument, {
    authorization: token,
    variables: { input: { agentId, credentialId: credential.id, ...settings } },
  });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return { userId, agentId, account, credentialId: credential.id, token };
}

export interface InboundOptions {
  customerWaId?: string;
  customerName?: string;
  text?: string;
  /** Another type than text, with Meta's object for it as `content` (an image's `{ image: { id, mime_type } }`). */
  messageType?: string;
  content?: Record<string, unknown>;
  timestamp?: Date;
  /** Enqueue the agent job in the same transaction, as webhook ingestion does. Default true. */
  enqueue?: boolean;
}

/**
 * Stores an inbound message exactly as webhook ingestion does (conversation with lastInboundAt, message
 * RECEIVED, the agent-inbound job in the same transaction) and opens the simulator's 24-hour window.
 */
export async function receiveInbound(app: TestApp, sandbox: Sandbox, agent: SeededAgent, options: InboundOptions = {}): Promise<Message> {
  const customerWaId = options.customerWaId ?? '5511987654321';
  const timestamp = options.timestamp ?? new Date();
  const em = app.orm.em.fork();
  const message = await em.transactional(async (tx) => {
    let conversation = await tx.findOne(Conversation, { phoneNumberId: agent.account.phoneNumberId, customerWaId });
    if (!conversation) {
      conversation = tx.create(Conversation, {
        userId: agent.userId,
        phoneNumberId: agent.account.phoneNumberId,
        customerWaId,
        agentId: agent.agentId,
        customerName: options.customerName ?? 'Ana',
      });
    }
    if (!conversation.lastInboundAt || conversation.lastInboundAt < timestamp) conversation.lastInboundAt = timestamp;
    const inbound = tx.create(Message, {
      userId: agent.userId,
      credentialId: agent.credentialId,
      agentId: agent.agentId,
      conversationId: conversation.id,
      whatsappMessageId: `wamid.${randomUUID()}`,
      fromPhone: customerWaId,
      toPhone: agent.account.displayPhoneNumber.replace(/\D/g, ''),
      direction: MessageDirection.INBOUND,
      messageType: options.messageType ?? 'text',
      content: options.content ?? { body: options.text ?? 'Olá, preciso de ajuda' },
      status: MessageStatus.RECEIVED,
      timestamp,
    });
    await tx.flush();
    if (options.enqueue !== false) await app.services.jobs.send(QueueName.AgentInbound, { messageId: inbound.id }, { em: tx });
    return inbound;
  });
  sandbox.openWindow(agent.account.phoneNumberId, customerWaId);
  return message;
}

/** Polls a condition no event announces (a job's end), a bounded number of times. */
export async function waitFor<T>(probe: () => Promise<T> | T, done: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until no agent-inbound job is waiting, retrying or running (pg-boss's own counters lag). */
export async function queueDrained(app: TestApp): Promise<void> {
  const schema = `${app.services.config.database.schema}_jobs`;
  const pending = async () => {
    const rows: Array<{ n: number }> = await app.orm.em
      .getConnection()
      .execute(`select count(*)::int as n from "${schema}".job where name = ? and state in ('created', 'retry', 'active')`, [QueueName.AgentInbound]);
    return rows[0]!.n;
  };
  await waitFor(pending, (n) => n === 0, 'the agent-inbound queue to drain', 30_000);
}

interface RuntimeCall {
  headers: IncomingMessage['headers'];
  raw: string;
  body: Record<string, unknown>;
  signatureValid: boolean;
}

export type RuntimeAnswer = { status: number; body?: unknown; delayMs?: number };

/**
 * A small real HTTP server playing the host's agent runtime. It checks each request's signature with its
 * own HMAC (not the plugin's code) and answers from `answers` in order, repeating the last one.
 */
export async function startAgentRuntime(answers: RuntimeAnswer[] = [{ status: 200, body: { reply: { text: 'Como posso ajudar?' } } }]) {
  const calls: RuntimeCall[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const timestamp = String(req.headers['x-whatsapp-connect-timestamp']);
      const expected = `v1=${createHmac('sha256', RUNTIME_SECRET).update(`${timestamp}.${raw}`).digest('hex')}`;
      calls.push({ headers: req.headers, raw, body: JSON.parse(raw) as Record<string, unknown>, signatureValid: req.headers['x-whatsapp-connect-signature'] === expected });
      for (const waiter of waiters.filter((w) => calls.length >= w.count)) waiter.resolve();
      const answer = answers[Math.min(calls.length - 1, answers.length - 1)]!;
      const reply = () => {
        if (answer.body === undefined) res.writeHead(answer.status).end();
        else res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
      };
      if (answer.delayMs) setTimeout(reply, answer.delayMs);
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onDispose(() => new Promise((resolve) => server.close(resolve)));
  server.keepAliveTimeout = 1000;
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/agent-runtime/reply`,
    calls,
    /** Resolves once `count` calls have arrived. */
    called(count = 1): Promise<void> {
      if (calls.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    env(extra: Environment = {}): Environment {
      return { AGENT_RUNTIME_URL: this.url, AGENT_RUNTIME_SECRET: RUNTIME_SECRET, AGENT_RUNTIME_TIMEOUT_MS: '2000', ...extra };
    },
  };
}
