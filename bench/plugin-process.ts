/**
 * What bench:e2e and bench:scale share: one tenant seeded into a fresh schema, the plugin started as its
 * own process the way `npm start` starts it (the built dist, so its memory is its own and measurable), its
 * resident memory sampled from /proc, and signed single-message deliveries like the ones Meta sends.
 */
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { startApp } from '../src/app/app';
import { AgentWhatsAppConfig } from '../src/agents';
import { loadConfig } from '../src/config';
import { signDevelopmentToken } from '../src/platform/identity';
import { serializeLikeMeta, type SandboxAccount } from '../src/adapters/sandbox';
import { seedCredential } from '../test/support/credential-fixtures';
import { signWebhookBody } from '../src/adapters/whatsapp';

export const ROOT = resolve(__dirname, '..');
const CUSTOMERS = 1_000;

export function freePort(): Promise<number> {
  return new Promise((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => done(port));
    });
  });
}

/** Settings every plugin process of one bench run shares: the same database, keys and token secret. */
export interface Tenant {
  databaseUrl: string;
  schema: string;
  masterKey: string;
  jwtSecret: string;
  graphBaseUrl: string;
  userId: string;
  agentId: string;
  endpointKey: string;
  appSecret: string;
  phoneNumberId: string;
  displayPhoneNumber: string;
  wabaId: string;
}

/**
 * A user with a credential on a sandbox number, its webhook endpoint and an agent with auto-reply off
 * (routing and live events run, agent jobs do not), written by the real services of an in-process app
 * that then stops: the secrets are encrypted with the same master key the plugin process gets.
 */
export async function seedTenant(databaseUrl: string, schema: string, graphBaseUrl: string, account: SandboxAccount): Promise<Tenant> {
  const masterKey = randomBytes(32).toString('base64');
  const jwtSecret = randomBytes(32).toString('hex');
  const app = await startApp(
    loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: 'silent',
      DATABASE_URL: databaseUrl,
      DATABASE_SCHEMA: schema,
      AUTH_JWT_SECRET: jwtSecret,
      KEYRING_MASTER_KEY: masterKey,
      SANDBOX: 'false',
      WHATSAPP_GRAPH_BASE_URL: graphBaseUrl,
      INSTANCE_ROLE: 'receive',
    }),
  );
  try {
    const userId = randomUUID();
    const agentId = randomUUID();
    // The same seeding as the tests: secrets encrypted through the app's key service, endpoint stored.
    const { credential, endpoint } = await seedCredential(app, userId, account);
    const em = app.orm.em.fork();
    em.create(AgentWhatsAppConfig, { agentId, userId, credential: credential.id, phoneNumberId: account.phoneNumberId, autoReply: false });
    await em.flush();
    return {
      databaseUrl,
      schema,
      masterKey,
      jwtSecret,
      graphBaseUrl,
      userId,
      agentId,
      endpointKey: endpoint.endpointKey,
      appSecret: account.appSecret,
      phoneNumberId: account.phoneNumberId,
      displayPhoneNumber: account.displayPhoneNumber,
      wabaId: account.wabaId,
    };
  } finally {
    await app.stop();
  }
}

/** A token for the tenant's user that names its agent, as the host would issue under AGENT_OWNERSHIP=claim. */
export function tenantToken(tenant: Tenant): Promise<string> {
  return signDevelopmentToken(tenant.jwtSecret, { sub: tenant.userId, agents: [tenant.agentId] });
}

/** The wamid of delivery `n`: the index is readable back from it, so events can be matched without a map. */
export function wamidOf(run: string, n: number): string {
  return `wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIY${run}${n.toString(36).padStart(8, '0')}`;
}

export function indexOfWamid(run: string, wamid: string): number {
  return wamid.startsWith(`wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIY${run}`) ? parseInt(wamid.slice(-8), 36) : -1;
}

/** One documented inbound text webhook, signed with the app secret like Meta signs it. */
export function signedDelivery(tenant: Pick<Tenant, 'appSecret' | 'phoneNumberId' | 'displayPhoneNumber' | 'wabaId'>, run: string, n: number): { body: Buffer; signature: string } {
  const customer = `55119${(10_000_000 + (n % CUSTOMERS)).toString()}`;
  const body = serializeLikeMeta({
    object: 'whatsapp_business_account',
    entry: [{ id: tenant.wabaId, changes: [{ field: 'messages', value: {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: tenant.displayPhoneNumber.replace(/\D/g, ''), phone_number_id: tenant.phoneNumberId },
      contacts: [{ profile: { name: `Cliente ${n % CUSTOMERS}` }, wa_id: customer }],
      messages: [{ from: customer, id: wamidOf(run, n), timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: `Olá, meu pedido já saiu? (${n})` } }],
    } }] }],
  });
  return { body, signature: signWebhookBody(tenant.appSecret, body) };
}

/** `npm start` runs the build first; the benches do too, once, so they measure the code as it is. */
export function buildDist(): void {
  const built = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('npm run build failed');
}

/** The node options `npm start` uses, read from package.json so the bench measures what ships. */
export function startNodeOptions(): string[] {
  const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  return pkg.scripts.start!.split('&&').pop()!.trim().split(/\s+/).slice(1, -1);
}

export interface PluginProcess {
  pid: number;
  /** http://host:port, PORT of the process. */
  url: string;
  subscriptionsUrl: string;
  webhookUrl: string;
  /** SIGTERM (graceful stop), then waits for the exit. */
  stop(): Promise<void>;
  exited: Promise<number | null>;
  output(): string;
}

/**
 * The plugin in production mode as its own process: `node <npm start's options> dist/src/app/main.js`, started
 * directly rather than through npm so the pid is the plugin's and nothing else is in its memory figure.
 */
export async function startPluginProcess(tenant: Tenant, env: Record<string, string> = {}, nodeOptions = startNodeOptions()): Promise<PluginProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [...nodeOptions, 'dist/src/app/main.js'], {
    cwd: ROOT,
    env: {
      // Only what is given, plus PATH and HOME: the bench's own environment must not leak settings in.
      // eslint-disable-next-line n/no-process-env -- PATH and HOME for the child, not plugin settings
      ...{ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'warn',
      DATABASE_URL: tenant.databaseUrl,
      DATABASE_SCHEMA: tenant.schema,
      AUTH_JWT_SECRET: tenant.jwtSecret,
      KEYRING_MASTER_KEY: tenant.masterKey,
      WHATSAPP_GRAPH_BASE_URL: tenant.graphBaseUrl,
      // The bench is one tenant posting 1,000/s; the shipped default would refuse most of it.
      RATE_LIMIT_CREDENTIAL_PER_SECOND: '100000',
      RATE_LIMIT_WEBHOOK_PER_SECOND: '100000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const started = new Promise<void>((ready, fail) => {
    child.once('exit', () => fail(new Error(`the plugin exited during start-up:\n${output.slice(-4000)}`)));
    const read = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-100_000);
      if (output.includes('WhatsApp Connect is running')) ready();
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
  });
  try {
    await started;
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    pid: child.pid!,
    url: `http://127.0.0.1:${port}`,
    subscriptionsUrl: `ws://127.0.0.1:${port}/graphql`,
    webhookUrl: `http://127.0.0.1:${port}/webhooks/whatsapp/${tenant.endpointKey}`,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
    exited,
    output: () => output,
  };
}

/** Resident memory of a process in MB, from /proc (0 once it has gone). */
export function rssMb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Samples a process's RSS every 100 ms until stopped; `peak()` is the largest sample. */
export function sampleRss(pid: number): { peak(): number; stop(): void } {
  let peak = rssMb(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMb(pid));
  }, 100);
  return { peak: () => peak, stop: () => clearInterval(timer) };
}

export function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function statFields(pid: number | string): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null; // the process ended meanwhile
  }
}

/** CPU seconds (user + system) a process has used so far, from /proc. */
export function cpuSeconds(pid: number): number {
  const fields = statFields(pid);
  return fields ? (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND : 0;
}

/**
 * CPU seconds of one PostgreSQL server: its postmaster (pid from `postmaster.pid` in its data folder)
 * and the backends it forked. Other engineers' PostgreSQL servers on the same machine are not counted.
 */
export function postgresCpuSeconds(dataDir: string): number {
  const postmaster = Number(readFileSync(resolve(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  let sum = cpuSeconds(postmaster);
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    const fields = statFields(pid);
    if (fields && Number(fields[1]) === postmaster) sum += (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  }
  return sum;
}
