/**
 * Key backend throughput: encrypt+decrypt of one token-sized secret, per backend, beside raw AES-256-GCM
 * in the same process. Everything is local: the Vault backend talks to the test transit server over
 * loopback, the embedded keyring to an embedded PostgreSQL started for the run.
 *
 *   npm run bench:keys
 *
 * Bounded: at most ITERATIONS operations or SECONDS_PER_CASE seconds per case, whichever comes first.
 *
 * Gates (exit 1 when missed), each a same-run ratio of medians over ROUNDS alternating rounds, so a
 * neighbour's burst of load hits both sides: the key service over Vault transit against raw HTTP calls to
 * the same transit server (what node-vault, error translation and the service add), and the key service
 * over the embedded keyring against the keyring called directly. The key service runs with its cache of
 * decrypted secrets off, so every decrypt reaches the backend.
 */
import 'reflect-metadata';
import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
import type * as OrmModule from '../src/platform/db/orm';
import type * as DatabaseModule from '../src/app/database';
import type * as EmbeddedDatabaseModule from '../src/platform/db/embedded-database';
import type * as EmbeddedKeyringModule from '../src/adapters/keys/embedded-keyring';
import type { KeyBackend } from '../src/adapters/keys/key-backend';
import type * as VaultBackendModule from '../src/adapters/keys/vault-transit-backend';
import type * as LoggerModule from '../src/platform/observability/logger';
import type * as VaultServerModule from '../test/support/vault-transit-server';
import type * as KeysModule from '../src/adapters/keys';

const ITERATIONS = 3_000;
const RAW_ITERATIONS = 100_000;
const SECONDS_PER_CASE = 8;
const CONCURRENCY = 16;
// Gated comparisons: shorter cases, taking turns, medians.
const ROUNDS = 3;
const GATE_ITERATIONS = 1_500;
const GATE_SECONDS = 3;
/**
 * Key service over Vault transit ≥ this × raw HTTP to the same server. Measured 0.28–0.47 over four runs
 * on a loaded 2-core machine (load average 13–24); node-vault and axios cost several times undici's CPU.
 */
const VAULT_MIN_RATIO = 0.15;
/** Key service over the keyring ≥ this × the keyring called directly. Measured 0.87–1.26 in the same runs. */
const KEYRING_MIN_RATIO = 0.5;
const SECRET = `EAAG${randomBytes(150).toString('base64url')}`; // the size of a long-lived WhatsApp token

interface Result {
  backend: string;
  mode: string;
  ops: number;
  opsPerSecond: number;
  p50: number;
  p99: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Runs `op` up to `iterations` times with `concurrency` workers; latencies are per operation. */
async function measure(
  backend: string,
  mode: string,
  iterations: number,
  concurrency: number,
  op: () => Promise<void> | void,
  seconds = SECONDS_PER_CASE,
): Promise<Result> {
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  let started = 0;
  const begin = performance.now();
  const worker = async () => {
    while (started < iterations && performance.now() < deadline) {
      started += 1;
      const t0 = performance.now();
      await op();
      latencies.push((performance.now() - t0) * 1000);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - begin) / 1000;
  latencies.sort((a, b) => a - b);
  return { backend, mode, ops: latencies.length, opsPerSecond: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

function rawAesCase(): () => void {
  const key = randomBytes(32);
  const plaintext = Buffer.from(SECRET);
  return () => {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, nonce);
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    const tag = cipher.getAuthTag();
    const decipher = createDecipheriv('aes-256-gcm', key, nonce);
    decipher.setAuthTag(tag);
    Buffer.concat([decipher.update(body), decipher.final()]);
  };
}

type Pair = () => Promise<void>;

/** One encrypt and one decrypt for a user through `encrypt`/`decrypt`, checking the round trip. */
function pairOf<C>(userId: string, encrypt: (userId: string, plaintext: string) => Promise<C>, decrypt: (userId: string, ciphertext: C) => Promise<string>): Pair {
  return async () => {
    const ciphertext = await encrypt(userId, SECRET);
    if ((await decrypt(userId, ciphertext)) !== SECRET) throw new Error('round trip failed');
  };
}

async function warmUp(pair: Pair): Promise<void> {
  for (let i = 0; i < 200; i += 1) await pair(); // sockets, pools, JIT, key caches
}

async function backendCases(name: string, backend: KeyBackend): Promise<Result[]> {
  const userId = randomUUID();
  await backend.ensureKey(userId);
  const pair = pairOf(userId, (id, plaintext) => backend.encrypt(id, plaintext), (id, ciphertext) => backend.decrypt(id, ciphertext));
  await warmUp(pair);
  return [await measure(name, 'sequential', ITERATIONS, 1, pair), await measure(name, `${CONCURRENCY} concurrent`, ITERATIONS, CONCURRENCY, pair)];
}

interface Gate {
  name: string;
  mode: string;
  ours: Result;
  baseline: Result;
  ratio: number;
  min: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * `ours` against `baseline`, taking turns for ROUNDS rounds (the order flips every round, since whichever
 * runs first meets colder caches); the ratio is of the medians of ops/s. Returns the median rounds.
 */
async function compare(name: string, mode: string, concurrency: number, ours: [string, Pair], baseline: [string, Pair], min: number): Promise<Gate> {
  const oursRuns: Result[] = [];
  const baselineRuns: Result[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const runOurs = async () => oursRuns.push(await measure(ours[0], mode, GATE_ITERATIONS, concurrency, ours[1], GATE_SECONDS));
    const runBaseline = async () => baselineRuns.push(await measure(baseline[0], mode, GATE_ITERATIONS, concurrency, baseline[1], GATE_SECONDS));
    if (round % 2 === 0) {
      await runBaseline();
      await runOurs();
    } else {
      await runOurs();
      await runBaseline();
    }
  }
  const middle = (runs: Result[]) => runs.find((run) => run.opsPerSecond === median(runs.map((r) => r.opsPerSecond)))!;
  const oursMedian = middle(oursRuns);
  const baselineMedian = middle(baselineRuns);
  return { name, mode, ours: oursMedian, baseline: baselineMedian, ratio: oursMedian.opsPerSecond / baselineMedian.opsPerSecond, min };
}

/** Vault's transit API called with nothing but undici: the least any client can do per operation. */
function rawVaultPair(address: string, token: string, keyName: string): { pair: Pair; close: () => Promise<void> } {
  const pool = new Pool(address, { connections: CONCURRENCY, pipelining: 1 });
  const post = async (path: string, body: object) => {
    const response = await pool.request({
      path: `/v1/transit/${path}/${keyName}`,
      method: 'POST',
      headers: { 'x-vault-token': token, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.statusCode !== 200) throw new Error(`transit ${path} answered ${response.statusCode}`);
    return ((await response.body.json()) as { data: Record<string, string> }).data;
  };
  const pair = async () => {
    const { ciphertext } = await post('encrypt', { plaintext: Buffer.from(SECRET, 'utf8').toString('base64') });
    const { plaintext } = await post('decrypt', { ciphertext });
    if (Buffer.from(plaintext!, 'base64').toString('utf8') !== SECRET) throw new Error('round trip failed');
  };
  return { pair, close: () => pool.close() };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function main(): Promise<void> {
  // test/support modules register their clean-up with jest's afterAll; collect it and run it ourselves.
  const afterAllHooks: Array<() => Promise<unknown> | unknown> = [];
  (globalThis as { afterAll?: unknown }).afterAll = (hook: () => unknown) => afterAllHooks.push(hook);
  // Loaded after the shim (static imports would run first).
  const { startVaultTransitServer } = require('../test/support/vault-transit-server') as typeof VaultServerModule;
  const { VaultTransitBackend } = require('../src/adapters/keys/vault-transit-backend') as typeof VaultBackendModule;
  const { EmbeddedKeyring } = require('../src/adapters/keys/embedded-keyring') as typeof EmbeddedKeyringModule;
  const { migrateToLatest } = require('../src/platform/db/orm') as typeof OrmModule;
  const { createPluginOrm } = require('../src/app/database') as typeof DatabaseModule;
  const { startEmbeddedDatabase } = require('../src/platform/db/embedded-database') as typeof EmbeddedDatabaseModule;
  const { createLogger } = require('../src/platform/observability/logger') as typeof LoggerModule;
  const { KeyService } = require('../src/adapters/keys') as typeof KeysModule;
  // The service as the app builds it, minus the cache of decrypted secrets: every decrypt reaches the backend.
  const serviceOver = (backend: KeyBackend) => new KeyService({ backend, cache: { ttlMs: 0, maxEntries: 0 } });
  const servicePair = (service: InstanceType<typeof KeyService>, userId: string) =>
    pairOf(userId, (id, plaintext) => service.encryptFor(id, plaintext), (id, ciphertext) => service.decryptFor(id, ciphertext));

  const results: Result[] = [];
  const gates: Gate[] = [];
  results.push(await measure('raw AES-256-GCM (node:crypto)', 'sequential', RAW_ITERATIONS, 1, rawAesCase()));

  const token = 'hvs.bench';
  const vaultServer = await startVaultTransitServer({ token, disableUpsert: true });
  const vault = new VaultTransitBackend({ address: vaultServer.address, token, mount: 'transit', keyPrefix: 'bench-', timeoutMs: 5_000 });
  results.push(...(await backendCases('Vault transit (test server, loopback HTTP)', vault)));
  {
    const userId = randomUUID();
    await vault.ensureKey(userId);
    const service = serviceOver(vault);
    const ours = servicePair(service, userId);
    const raw = rawVaultPair(vaultServer.address, token, `bench-${userId}`);
    await warmUp(ours);
    await warmUp(raw.pair);
    for (const concurrency of [1, CONCURRENCY]) {
      gates.push(await compare('key service over Vault transit / raw HTTP to transit', modeOf(concurrency), concurrency,
        ['key service → Vault transit (node-vault)', ours], ['raw undici → transit API (baseline)', raw.pair], VAULT_MIN_RATIO));
    }
    await raw.close();
    await service.close();
  }
  await vault.close();

  const dataDir = mkdtempSync(join(tmpdir(), 'wc-bench-pg-'));
  const database = await startEmbeddedDatabase({ dataDir, port: await freePort(), logger: createLogger('silent') });
  const orm = await createPluginOrm({ clientUrl: database.url, schema: 'whatsapp_connect', poolMax: 20 });
  try {
    // The schema the app runs on is the one its migrations build (a schema update from the entities
    // fails on a fresh database: it cannot create what only the migrations declare).
    await migrateToLatest(orm, 'whatsapp_connect');
    const keyring = new EmbeddedKeyring({ orm, masterKey: randomBytes(32) });
    results.push(...(await backendCases('embedded keyring (PostgreSQL, loopback)', keyring)));
    const userId = randomUUID();
    await keyring.ensureKey(userId);
    const service = serviceOver(keyring);
    const ours = servicePair(service, userId);
    const direct = pairOf(userId, (id, plaintext) => keyring.encrypt(id, plaintext), (id, ciphertext) => keyring.decrypt(id, ciphertext));
    await warmUp(ours);
    for (const concurrency of [1, CONCURRENCY]) {
      gates.push(await compare('key service over the keyring / keyring called directly', modeOf(concurrency), concurrency,
        ['key service → embedded keyring', ours], ['embedded keyring called directly (baseline)', direct], KEYRING_MIN_RATIO));
    }
    await service.close();
    await keyring.close();
  } finally {
    await orm.close(true);
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
    for (const hook of afterAllHooks) await hook();
  }

  const rows = results.map((r) => [
    r.backend,
    r.mode,
    String(r.ops),
    Math.round(r.opsPerSecond).toLocaleString('en-US'),
    r.p50.toFixed(1),
    r.p99.toFixed(1),
  ]);
  const header = ['backend (encrypt+decrypt of a 204-byte token)', 'mode', 'ops', 'ops/s', 'p50 µs', 'p99 µs'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  console.log(`node ${process.version}, ${new Date().toISOString()}`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));

  console.log(`\ngates: medians of ${ROUNDS} alternating rounds (≤ ${GATE_ITERATIONS} pairs or ${GATE_SECONDS} s each)`);
  let missed = 0;
  for (const gate of gates) {
    const pass = gate.ratio >= gate.min;
    if (!pass) missed += 1;
    console.log(
      `${pass ? 'ok  ' : 'MISS'} ${gate.name}, ${gate.mode}: ${gate.ratio.toFixed(2)}× (bound ≥ ${gate.min}×; ` +
        `${Math.round(gate.ours.opsPerSecond)} vs ${Math.round(gate.baseline.opsPerSecond)} ops/s, ` +
        `p50 ${gate.ours.p50.toFixed(0)} vs ${gate.baseline.p50.toFixed(0)} µs)`,
    );
  }
  if (missed > 0) {
    console.error(`${missed} gate(s) missed`);
    process.exitCode = 1;
  }
}

function modeOf(concurrency: number): string {
  return concurrency === 1 ? 'sequential' : `${concurrency} concurrent`;
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
