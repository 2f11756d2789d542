/**
 * Key backend throughput: encrypt+decrypt of one token-sized secret, per backend, beside raw AES-256-GCM
 * in the same process. Everything is local: the Vault backend talks to the test transit server over
 * loopback, the embedded keyring to an embedded PostgreSQL started for the run.
 *
 *   npm run bench:keys
 *
 * Bounded: at most ITERATIONS operations or SECONDS_PER_CASE seconds per case, whichever comes first.
 */
import 'reflect-metadata';
import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as OrmModule from '../src/db/orm';
import type * as DatabaseModule from '../src/app/database';
import type * as EmbeddedDatabaseModule from '../src/db/embedded-database';
import type * as EmbeddedKeyringModule from '../src/keys/embedded-keyring';
import type { KeyBackend } from '../src/keys/key-backend';
import type * as VaultBackendModule from '../src/keys/vault-transit-backend';
import type * as LoggerModule from '../src/observability/logger';
import type * as VaultServerModule from '../test/support/vault-transit-server';

const ITERATIONS = 3_000;
const RAW_ITERATIONS = 100_000;
const SECONDS_PER_CASE = 8;
const CONCURRENCY = 16;
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
async function measure(backend: string, mode: string, iterations: number, concurrency: number, op: () => Promise<void> | void): Promise<Result> {
  const latencies: number[] = [];
  const deadline = performance.now() + SECONDS_PER_CASE * 1000;
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

async function backendCases(name: string, backend: KeyBackend): Promise<Result[]> {
  const userId = randomUUID();
  await backend.ensureKey(userId);
  const pair = async () => {
    const ciphertext = await backend.encrypt(userId, SECRET);
    if ((await backend.decrypt(userId, ciphertext)) !== SECRET) throw new Error('round trip failed');
  };
  for (let i = 0; i < 200; i += 1) await pair(); // warm-up: sockets, pools, JIT, key caches
  return [await measure(name, 'sequential', ITERATIONS, 1, pair), await measure(name, `${CONCURRENCY} concurrent`, ITERATIONS, CONCURRENCY, pair)];
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
  const { VaultTransitBackend } = require('../src/keys/vault-transit-backend') as typeof VaultBackendModule;
  const { EmbeddedKeyring } = require('../src/keys/embedded-keyring') as typeof EmbeddedKeyringModule;
  const { migrateToLatest } = require('../src/db/orm') as typeof OrmModule;
  const { createPluginOrm } = require('../src/app/database') as typeof DatabaseModule;
  const { startEmbeddedDatabase } = require('../src/db/embedded-database') as typeof EmbeddedDatabaseModule;
  const { createLogger } = require('../src/observability/logger') as typeof LoggerModule;

  const results: Result[] = [];
  results.push(await measure('raw AES-256-GCM (node:crypto)', 'sequential', RAW_ITERATIONS, 1, rawAesCase()));

  const token = 'hvs.bench';
  const vaultServer = await startVaultTransitServer({ token, disableUpsert: true });
  const vault = new VaultTransitBackend({ address: vaultServer.address, token, mount: 'transit', keyPrefix: 'bench-', timeoutMs: 5_000 });
  results.push(...(await backendCases('Vault transit (test server, loopback HTTP)', vault)));
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
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
