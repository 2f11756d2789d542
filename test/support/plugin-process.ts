import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { onDispose } from './leftovers';
import { TEST_JWT_SECRET, UNREACHABLE_GRAPH_API } from './start-test-app';
import { createTestDatabase } from './test-database';

export interface PluginProcess {
  /** http://host:port of the child's server. */
  url: string;
  webhookBaseUrl: string;
  /** Kills the child with SIGKILL (no drain, no shutdown hook) and resolves once it is gone. */
  kill(): Promise<void>;
  /** Sends a signal (SIGTERM, SIGINT: the graceful stop). */
  signal(signal: NodeJS.Signals): void;
  /** Resolves when the child has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything the child wrote so far (stdout and stderr). */
  output(): string;
}

const ROOT = resolve(__dirname, '..', '..');

/**
 * The settings a plugin process and the in-process plugin that seeds its tenants share: one database, one
 * keyring master key (so secrets one stores the other reads), the test token secret, and the simulator.
 */
export function pluginProcessEnv(databaseUrl: string, graphBaseUrl: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    KEYRING_MASTER_KEY: randomBytes(32).toString('base64'),
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    SANDBOX: 'false',
    WHATSAPP_GRAPH_BASE_URL: graphBaseUrl,
    JOB_POLLING_INTERVAL_SECONDS: '0.5',
  };
}

/**
 * A plugin process on a fresh test database that reaches no WhatsApp (its Graph calls are refused at
 * once): for the tests of starting, stopping and signals. `env` adds settings or overrides these.
 */
export async function startPluginProcessOnNewDatabase(env: Record<string, string> = {}): Promise<PluginProcess> {
  return startPluginProcess({ ...pluginProcessEnv(await createTestDatabase(), UNREACHABLE_GRAPH_API), ...env });
}

/**
 * The plugin as its own process (`src/app/main.ts`, as `npm start` runs it, compiled on the fly), so a test can
 * kill it the way an OOM killer or a lost host does. Configuration goes in through the environment only;
 * it listens on port 0 and the URLs come from what it prints at start-up.
 */
export async function startPluginProcess(env: Record<string, string>): Promise<PluginProcess> {
  const child: ChildProcess = spawn(process.execPath, ['-r', '@swc-node/register', 'src/app/main.ts'], {
    cwd: ROOT,
    // Only what is given: the test's own environment must not leak settings into the plugin.
    // eslint-disable-next-line n/no-process-env -- PATH and HOME for the child, not plugin settings
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  const gone = exited.then(() => undefined);
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await gone;
  };
  onDispose(kill);

  let output = '';
  const urls = await new Promise<{ url: string; webhookBaseUrl: string }>((ready, fail) => {
    const onExit = () => fail(new Error(`the plugin exited during start-up:\n${output.slice(-4000)}`));
    child.once('exit', onExit);
    const read = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      // The start banner: one JSON log line (NODE_ENV=test logs JSON), or the readable lines of LOG_FORMAT=pretty.
      const graphql = /"graphqlUrl":"(http:\/\/[^"]+)\/graphql"/.exec(output) ?? /GraphQL:\s+(http:\/\/\S+)\/graphql/.exec(output);
      const webhooks = /"webhookBaseUrl":"(http:\/\/[^"]+)"/.exec(output) ?? /Webhooks:\s+(http:\/\/\S+)\/<endpoint key>/.exec(output);
      if (graphql && webhooks) {
        child.off('exit', onExit);
        ready({ url: graphql[1]!, webhookBaseUrl: webhooks[1]! });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
  });
  return { ...urls, kill, signal: (signal) => child.kill(signal), exited, output: () => output };
}
