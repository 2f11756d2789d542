import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

// No Docker engine runs where these tests run: they read the deployment files and check the properties
// docs/operations.md promises. Where the docker CLI exists, `docker compose config` validates them too.

const ROOT = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

interface Service {
  image?: string;
  build?: unknown;
  command?: string | string[];
  entrypoint?: string | string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  healthcheck?: { test: string[] };
  restart?: string;
  depends_on?: Record<string, { condition: string }>;
  stop_grace_period?: string;
}

interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

const production = parse(read('docker-compose.yml')) as ComposeFile;
const quickstart = parse(read('docker-compose.quickstart.yml')) as ComposeFile;
const LONG_RUNNING = ['postgres', 'vault', 'plugin'];
const ONE_SHOT = ['vault-setup', 'migrate'];

/** `${NAME:?message}`: compose refuses to start without it. */
const required = (value: string | undefined, name: string) => new RegExp(`\\$\\{${name}:\\?[^}]+\\}`).test(value ?? '');

describe('docker-compose.yml (production)', () => {
  const { services } = production;

  test('has PostgreSQL, Vault, the Vault set-up, the migration step and the plugin', () => {
    expect(Object.keys(services).sort()).toEqual(['migrate', 'plugin', 'postgres', 'vault', 'vault-setup']);
  });

  test('publishes only the plugin\'s port', () => {
    for (const [name, service] of Object.entries(services)) {
      if (name === 'plugin') expect(service.ports).toHaveLength(1);
      else expect(service.ports ?? []).toEqual([]);
    }
  });

  test('keeps PostgreSQL and Vault data on named volumes', () => {
    const named = Object.keys(production.volumes ?? {});
    const volumeOf = (service: Service, target: string) => service.volumes?.find((v) => v.split(':')[1] === target)?.split(':')[0];
    expect(named).toContain(volumeOf(services.postgres!, '/var/lib/postgresql'));
    expect(named).toContain(volumeOf(services.vault!, '/vault/file'));
  });

  test('runs Vault as a real server with persistent storage, never the dev server or a root token', () => {
    const vault = services.vault!;
    expect(vault.command).toEqual(['server']);
    expect(JSON.stringify(production)).not.toMatch(/VAULT_DEV_|-dev\b/);
    const config = read('vault/server.hcl');
    expect(config).toMatch(/^storage "(file|raft)"/m);
    expect(vault.volumes).toContain('./vault/server.hcl:/vault/config/server.hcl:ro');
    // The plugin's token is the one vault-setup issued (least privilege), read from the shared volume.
    const plugin = services.plugin!;
    expect(plugin.environment?.VAULT_TOKEN).toBeUndefined();
    expect(String(plugin.entrypoint)).toContain('cat /vault-token/token');
    expect(JSON.stringify(production)).not.toMatch(/VAULT_TOKEN: ?root|"root"/);
  });

  test('applies transit and the least-privilege policy in a set-up service', () => {
    const setup = services['vault-setup']!;
    expect(setup.volumes).toContain('./vault:/vault-setup:ro');
    expect(setup.entrypoint).toEqual(['/bin/sh', '/vault-setup/compose-setup.sh']);
    const script = read('vault/compose-setup.sh');
    expect(script).toContain('init.sh');
    const init = read('vault/init.sh');
    expect(init).toContain('secrets enable');
    expect(init).toContain('disable_upsert=true');
    expect(init).toContain('vault policy write');
    expect(read('vault/policy.hcl')).not.toMatch(/capabilities = \[[^\]]*"(create|sudo)"/);
  });

  test('demands every secret instead of shipping a placeholder', () => {
    const plugin = services.plugin!.environment!;
    expect(required(plugin.AUTH_JWT_SECRET, 'AUTH_JWT_SECRET')).toBe(true);
    expect(required(plugin.PUBLIC_BASE_URL, 'PUBLIC_BASE_URL')).toBe(true);
    expect(required(plugin.DATABASE_URL, 'POSTGRES_PASSWORD')).toBe(true);
    expect(required(services.postgres!.environment!.POSTGRES_PASSWORD, 'POSTGRES_PASSWORD')).toBe(true);
    expect(JSON.stringify(production)).not.toMatch(/change-me|whatsapp_connect@/);
    expect(plugin.NODE_ENV).toBe('production');
  });

  test('has health checks and restart policies; one-shot steps gate the plugin', () => {
    for (const name of LONG_RUNNING) {
      expect(services[name]!.healthcheck?.test.length).toBeGreaterThan(0);
      expect(services[name]!.restart).toBe('unless-stopped');
    }
    for (const name of ONE_SHOT) {
      expect(services[name]!.restart).toBe('no');
      expect(services.plugin!.depends_on?.[name]).toEqual({ condition: 'service_completed_successfully' });
    }
    expect(services.plugin!.depends_on?.postgres).toEqual({ condition: 'service_healthy' });
    expect(services['vault-setup']!.depends_on?.vault).toEqual({ condition: 'service_healthy' });
  });

  test('migrates in its own step with the database settings only, and the plugin does not migrate', () => {
    const migrate = services.migrate!;
    expect(migrate.command).toEqual(['node', '--enable-source-maps', 'dist/src/app/migrate-cli.js']);
    expect(Object.keys(migrate.environment!).sort()).toEqual(['DATABASE_URL', 'NODE_ENV']);
    expect(services.plugin!.environment!.DATABASE_MIGRATE_ON_START).toBe('false');
  });

  test('gives the plugin more time to stop than its own grace period', () => {
    const plugin = services.plugin!;
    const grace = Number(plugin.environment!.SHUTDOWN_GRACE_SECONDS);
    expect(Number.parseInt(plugin.stop_grace_period!, 10)).toBeGreaterThan(grace);
  });
});

describe('docker-compose.quickstart.yml (the demo)', () => {
  test('is clearly the demo: development mode, the sandbox, a dev Vault', () => {
    expect(read('docker-compose.quickstart.yml')).toMatch(/QUICK START ONLY, NOT FOR PRODUCTION/);
    const plugin = quickstart.services.plugin!;
    expect(plugin.environment).toMatchObject({ NODE_ENV: 'development', SANDBOX: 'true' });
    expect(quickstart.services.vault!.environment).toHaveProperty('VAULT_DEV_ROOT_TOKEN_ID');
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const final = stages.at(-1)!;

  test('is multi-stage and installs from the lockfile, production dependencies only in the image', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).not.toMatch(/npm install/);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(final).toMatch(/COPY --from=deps .*node_modules/);
    expect(final).not.toMatch(/npm ci(?! --omit=dev)/);
  });

  test('runs as a non-root user, in production mode, with a health check', () => {
    expect(final).toMatch(/^USER (?!root\b|0\b)\S+/m);
    expect(final).toMatch(/^ENV NODE_ENV=production/m);
    expect(final).toMatch(/^HEALTHCHECK /m);
    expect(final).toMatch(/^CMD \["node", "--enable-source-maps", "--max-semi-space-size=8", "--heap-growing-percent=50", "dist\/src\/app\/main.js"\]/m);
  });

  test('never copies local secrets or dependencies into the build context', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['node_modules', '.data', '.env', '.git']) expect(ignored).toContain(entry);
  });
});

const docker = (() => {
  try {
    execFileSync('docker', ['compose', 'version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

(docker ? test : test.skip)('docker compose config accepts both files (where Docker exists)', () => {
  const env = { PATH: process.env.PATH ?? '', POSTGRES_PASSWORD: 'x', AUTH_JWT_SECRET: 'x'.repeat(32), PUBLIC_BASE_URL: 'https://example.com' }; // eslint-disable-line n/no-process-env -- the CLI's PATH
  for (const file of ['docker-compose.yml', 'docker-compose.quickstart.yml']) {
    expect(existsSync(join(ROOT, file))).toBe(true);
    execFileSync('docker', ['compose', '-f', file, 'config', '--quiet'], { cwd: ROOT, env, stdio: 'pipe' });
  }
});

// bench:e2e measures the plugin started with `npm start`'s node options (memory settings among them);
// every deployment must run it with the same ones, or the benchmark's memory figure says nothing of it.
test('every file that starts the plugin gives node the options of `npm start`', () => {
  const start = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts.start!;
  const command = start.split('&&').pop()!.trim();
  expect(command).toMatch(/^node (--\S+ )+dist\/src\/app\/main\.js$/);
  const dockerCmd = /^CMD (\[.*\])$/m.exec(read('Dockerfile').split(/^FROM /m).at(-1)!)![1]!;
  expect((JSON.parse(dockerCmd) as string[]).join(' ')).toBe(command);
  for (const compose of [production, quickstart]) {
    expect(String(compose.services.plugin!.entrypoint)).toMatch(new RegExp(`exec ${command.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`));
  }
});
