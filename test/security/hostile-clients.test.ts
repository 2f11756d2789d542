import { randomUUID } from 'node:crypto';
import { createClient, type Client, type SubscribePayload } from 'graphql-ws';
import { request } from 'undici';
import { startTestApp, type TestApp } from '../support/start-test-app';
import { onDispose } from '../support/leftovers';
import { hostileDocuments, type HostileDocument } from './hostile-documents';

/**
 * A hostile client against a production-configured plugin, over both transports: every generated and
 * known-bad document must be refused with its code, each refusal must take little server time (the
 * guard against algorithmic blow-ups such as fragments expanded per spread), and an ordinary query
 * right after must still answer.
 */

const REFUSAL_BUDGET_MS = 100;
const NORMAL = '{ whatsAppCredentials { id } }';

interface Outcome {
  data?: unknown;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
  /** Wall time around the request. */
  ms: number;
  /** CPU time of this thread meanwhile (client and server share it), for the report. */
  cpuMs?: number;
}

const threadCpuMs = () => {
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1000;
};

async function overHttp(app: TestApp, authorization: string, document: Pick<HostileDocument, 'query' | 'variables' | 'operationName'>): Promise<Outcome> {
  const body = JSON.stringify({ query: document.query, variables: document.variables, operationName: document.operationName });
  const start = process.hrtime.bigint();
  const cpuStart = threadCpuMs();
  const response = await request(app.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body });
  const parsed = (await response.body.json()) as Omit<Outcome, 'ms'>;
  return { ...parsed, ms: Number(process.hrtime.bigint() - start) / 1e6, cpuMs: threadCpuMs() - cpuStart };
}

function overSocket(client: Client, payload: SubscribePayload): Promise<Outcome> {
  return new Promise((resolve) => {
    const start = process.hrtime.bigint();
    const cpuStart = threadCpuMs();
    const ms = () => Number(process.hrtime.bigint() - start) / 1e6;
    let last: Omit<Outcome, 'ms'> = {};
    client.subscribe(payload, {
      next: (value) => {
        last = value as Omit<Outcome, 'ms'>;
      },
      error: (error) =>
        resolve({
          errors: Array.isArray(error) ? error : [{ message: String((error as CloseEvent).reason ?? error), extensions: { code: `closed ${(error as CloseEvent).code}` } }],
          ms: ms(),
          cpuMs: threadCpuMs() - cpuStart,
        }),
      complete: () => resolve({ ...last, ms: ms(), cpuMs: threadCpuMs() - cpuStart }),
    });
  });
}

function socketClient(app: TestApp, authorization: string): Client {
  const client = createClient({ url: app.subscriptionsUrl, lazy: false, retryAttempts: 0, connectionParams: { authorization }, onNonLazyError: () => undefined });
  onDispose(() => client.dispose());
  return client;
}

const codesOf = (outcome: Outcome) => (outcome.errors ?? []).map((error) => error.extensions?.code);
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

interface Figures {
  documents: number;
  refused: number;
  byFamily: Record<string, number>;
  maxMs: number;
  maxMsByFamily: Record<string, number>;
  remeasured: number;
  p50Ms: number;
  p99Ms: number;
  cpuP50Ms: number;
  cpuP99Ms: number;
  cpuMaxMs: number;
  normalMs: number;
}

/** Sends every document, checks each refusal, and returns the figures docs/security.md reports. */
async function attack(send: (document: HostileDocument) => Promise<Outcome>, normal: () => Promise<Outcome>): Promise<Figures> {
  const documents = hostileDocuments();
  const times: number[] = [];
  const cpuTimes: number[] = [];
  const byFamily: Record<string, number> = {};
  const maxMsByFamily: Record<string, number> = {};
  const wrong: string[] = [];
  let remeasured = 0;
  for (const document of documents) {
    const outcome = await send(document);
    // Wall time on a shared machine has scheduling noise; an algorithmic blow-up is slow every time. A
    // refusal over budget is measured again (up to 4 times) and its fastest time kept.
    for (let again = 0; again < 4 && outcome.ms >= REFUSAL_BUDGET_MS; again++) {
      remeasured++;
      outcome.ms = Math.min(outcome.ms, (await send(document)).ms);
    }
    times.push(outcome.ms);
    cpuTimes.push(outcome.cpuMs ?? 0);
    maxMsByFamily[document.family] = Math.round(Math.max(maxMsByFamily[document.family] ?? 0, outcome.ms) * 10) / 10;
    // Refused with its code, and with nothing else unless the document is invalid on purpose.
    const codes = new Set(codesOf(outcome));
    codes.delete(document.invalid ? 'GRAPHQL_VALIDATION_FAILED' : undefined);
    const refused = codes.size === 1 && codes.has(document.code) && outcome.data == null;
    if (refused) byFamily[document.family] = (byFamily[document.family] ?? 0) + 1;
    else if (wrong.length < 5) wrong.push(`${document.family}: expected ${document.code}, got ${JSON.stringify(outcome).slice(0, 300)} for ${document.query.slice(0, 120)}`);
  }
  expect(wrong).toEqual([]);
  const sorted = [...times].sort((a, b) => a - b);
  const sortedCpu = [...cpuTimes].sort((a, b) => a - b);
  const after = await normal();
  expect(after.errors).toBeUndefined();
  expect(after.data).toEqual({ whatsAppCredentials: [] });
  return {
    documents: documents.length,
    refused: Object.values(byFamily).reduce((a, b) => a + b, 0),
    byFamily,
    maxMs: sorted.at(-1)!,
    remeasured,
    maxMsByFamily,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    cpuP50Ms: percentile(sortedCpu, 0.5),
    cpuP99Ms: percentile(sortedCpu, 0.99),
    cpuMaxMs: sortedCpu.at(-1)!,
    normalMs: after.ms,
  };
}

describe('hostile clients against a production configuration', () => {
  let app: TestApp;
  let authorization: string;

  beforeAll(async () => {
    app = await startTestApp({ NODE_ENV: 'production', PUBLIC_BASE_URL: 'https://plugin.example.test' });
    authorization = await app.tokenFor(randomUUID());
  });

  test('the generated suite holds at least 1,000 known-bad documents across every family', () => {
    const documents = hostileDocuments();
    expect(documents.length).toBeGreaterThanOrEqual(1000);
    expect(new Set(documents.map((d) => d.family))).toEqual(
      new Set(['fragment bomb', 'alias flood', 'deep nesting', 'directive flood', 'huge string', 'token flood', '_entities flood', 'introspection in production']),
    );
  });

  test('over HTTP every document is refused with its code, each within the time budget, and a normal query answers after', async () => {
    const figures = await attack(
      (document) => overHttp(app, authorization, document),
      () => overHttp(app, authorization, { query: NORMAL }),
    );
    console.log('hostile clients over HTTP', JSON.stringify(figures));
    expect(figures.refused).toBe(figures.documents);
    expect(figures.maxMs).toBeLessThan(REFUSAL_BUDGET_MS);
  }, 300_000);

  test('over graphql-ws every document is refused with its code, each within the time budget, and a normal query answers after', async () => {
    const client = socketClient(app, authorization);
    const figures = await attack(
      (document) => overSocket(client, document),
      () => overSocket(client, { query: NORMAL }),
    );
    console.log('hostile clients over graphql-ws', JSON.stringify(figures));
    expect(figures.refused).toBe(figures.documents);
    expect(figures.maxMs).toBeLessThan(REFUSAL_BUDGET_MS);
  }, 300_000);

  test('batched HTTP requests are refused whole, whatever they hold', async () => {
    for (const size of [2, 10, 100, 1000]) {
      const batch = Array.from({ length: size }, () => ({ query: NORMAL }));
      const response = await request(app.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify(batch) });
      expect(response.statusCode).toBe(400);
      const body = (await response.body.json()) as Outcome;
      expect(codesOf({ ...body, ms: 0 })).toEqual(['BAD_REQUEST']);
    }
  });

  test('validation errors carry no field suggestions on either transport', async () => {
    const client = socketClient(app, authorization);
    for (const outcome of [await overHttp(app, authorization, { query: '{ whatsappCredentialz { id } }' }), await overSocket(client, { query: '{ whatsappCredentialz { id } }' })]) {
      expect(codesOf(outcome)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expect(JSON.stringify(outcome.errors)).not.toMatch(/did you mean|whatsAppCredentials/i);
    }
  });

  test('the gateway (host-service role) may still read _service and introspect', async () => {
    const gateway = await app.tokenFor(randomUUID(), ['host-service']);
    const http = await overHttp(app, gateway, { query: '{ _service { sdl } }' });
    expect(JSON.stringify(http.data)).toContain('type User');
    const socket = await overSocket(socketClient(app, gateway), { query: '{ __schema { queryType { name } } }' });
    expect(socket.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });
});
