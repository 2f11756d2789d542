import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { ConfigError, SETTING_NAMES, loadConfig, loadDatabaseConfig } from './config';
import { DEVELOPMENT_JWT_SECRET } from './platform/identity';

const root = join(__dirname, '..');

test('every setting is documented in .env.example and in the docs/configuration.md table', () => {
  const example = readFileSync(join(root, '.env.example'), 'utf8');
  const table = readFileSync(join(root, 'docs', 'configuration.md'), 'utf8');
  for (const name of SETTING_NAMES) {
    expect(example).toMatch(new RegExp(`^${name}=`, 'm'));
    expect(table).toMatch(new RegExp(`^\\| \`${name}\` \\|`, 'm'));
  }
});

test('development needs no setting at all', () => {
  const config = loadConfig({});
  expect(config.mode).toBe('development');
  expect(config.keys.backend).toBe('embedded');
  expect(config.whatsapp.sandbox).toBe(true);
  expect(config.graphql.introspection).toBe(true);
});

test('a wrong setting stops start-up with a message that names it', () => {
  expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  expect(() => loadConfig({ KEYRING_MASTER_KEY: 'short' })).toThrow(/KEYRING_MASTER_KEY/);
});

test('production refuses to start without its required settings, naming each', () => {
  try {
    loadConfig({ NODE_ENV: 'production' });
    throw new Error('expected a ConfigError');
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    const message = (err as ConfigError).message;
    for (const name of ['AUTH_JWT_SECRET', 'KEYRING_MASTER_KEY', 'DATABASE_URL', 'PUBLIC_BASE_URL', 'WHATSAPP_GRAPH_BASE_URL']) {
      expect(message).toContain(name);
    }
  }
});

test('production turns introspection and the landing page off and never runs the sandbox', () => {
  const config = loadConfig({
    NODE_ENV: 'production',
    AUTH_JWT_SECRET: 'x'.repeat(32),
    KEYRING_MASTER_KEY: Buffer.alloc(32, 1).toString('base64'),
    DATABASE_URL: 'postgres://u:p@db:5432/d',
    PUBLIC_BASE_URL: 'https://wa.example.com',
    WHATSAPP_GRAPH_BASE_URL: 'https://graph.facebook.com',
  });
  expect(config.graphql).toMatchObject({ introspection: false, landingPage: false });
  expect(config.whatsapp.sandbox).toBe(false);
  expect(() => loadConfig({ NODE_ENV: 'production', SANDBOX: 'true' })).toThrow(/SANDBOX/);
});

test('Vault needs its token', () => {
  expect(() => loadConfig({ VAULT_ADDR: 'http://127.0.0.1:8200' })).toThrow(/VAULT_TOKEN/);
  expect(loadConfig({ VAULT_ADDR: 'http://127.0.0.1:8200', VAULT_TOKEN: 't' }).keys.backend).toBe('vault');
});

test('platform credentials are all four or none, and the platform default needs them; no secret is echoed', () => {
  const token = 'EAAG-platform-token-0123456789';
  let message = '';
  try {
    loadConfig({ PLATFORM_WHATSAPP_ACCESS_TOKEN: token });
  } catch (error) {
    message = (error as Error).message;
  }
  expect(message).toMatch(/PLATFORM_WHATSAPP_\*: set all four/);
  expect(message).not.toContain(token);
  expect(() => loadConfig({ WHATSAPP_CREDENTIAL_SOURCE_DEFAULT: 'platform' })).toThrow(/WHATSAPP_CREDENTIAL_SOURCE_DEFAULT/);
  const config = loadConfig({
    PLATFORM_WHATSAPP_ACCESS_TOKEN: token,
    PLATFORM_WHATSAPP_APP_SECRET: '0123456789abcdef0123456789abcdef',
    PLATFORM_WHATSAPP_BUSINESS_ACCOUNT_ID: '1234',
    PLATFORM_WHATSAPP_PHONE_NUMBER_ID: '5678',
    WHATSAPP_CREDENTIAL_SOURCE_DEFAULT: 'platform',
  });
  expect(config.platform).toMatchObject({ defaultSource: 'PLATFORM', rollbackWindowHours: 168, credentials: { phoneNumberId: '5678' } });
  expect(loadConfig({}).platform).toEqual({ credentials: undefined, defaultSource: 'USER', rollbackWindowHours: 168 });
});

test('.env.example, copied to .env as it is, starts the plugin in development', () => {
  const example = parseEnv(readFileSync(join(root, '.env.example'), 'utf8'));
  const config = loadConfig(example);
  expect(config.mode).toBe('development');
  expect(config.port).toBe(4000);
  expect(config.whatsapp.sandbox).toBe(true);
  expect(config.operations).toMatchObject({ logFormat: 'pretty', shutdownGraceMs: 10_000, webhookPort: undefined, opsPort: undefined });
});

test('a blank value means unset, for every kind of setting', () => {
  const config = loadConfig({ PORT: '', GRAPHQL_INTROSPECTION: ' ', WEBHOOK_PROCESSING: '', SHUTDOWN_GRACE_SECONDS: '' });
  expect(config.port).toBe(4000);
  expect(config.graphql.introspection).toBe(true);
  expect(config.operations.role).toBe('both');
  expect(config.operations.shutdownGraceMs).toBe(10_000);
});

test('INSTANCE_ROLE chooses what an instance runs; WEBHOOK_PROCESSING=false still means receive', () => {
  expect(loadConfig({}).operations.role).toBe('both');
  expect(loadConfig({ INSTANCE_ROLE: 'process' }).operations.role).toBe('process');
  expect(loadConfig({ WEBHOOK_PROCESSING: 'false' }).operations.role).toBe('receive');
  expect(loadConfig({ WEBHOOK_PROCESSING: 'true' }).operations.role).toBe('both');
  expect(loadConfig({ WEBHOOK_PROCESSING: 'false', INSTANCE_ROLE: 'receive' }).operations.role).toBe('receive');
  expect(() => loadConfig({ INSTANCE_ROLE: 'worker' })).toThrow(/INSTANCE_ROLE/);
  expect(() => loadConfig({ WEBHOOK_PROCESSING: 'false', INSTANCE_ROLE: 'process' })).toThrow(/WEBHOOK_PROCESSING: contradicts INSTANCE_ROLE=process/);
});

test('the operation settings are validated and named', () => {
  expect(() => loadConfig({ SHUTDOWN_GRACE_SECONDS: '0' })).toThrow(/SHUTDOWN_GRACE_SECONDS/);
  expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT/);
  expect(() => loadConfig({ OPS_PORT: 'metrics' })).toThrow(/OPS_PORT/);
  expect(loadConfig({ NODE_ENV: 'test', WEBHOOK_PORT: '8443', OPS_PORT: '9100' }).operations).toMatchObject({
    logFormat: 'json',
    webhookPort: 8443,
    opsPort: 9100,
  });
});

test('the migrate command asks for the database settings only, also in production', () => {
  const config = loadDatabaseConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@db:5432/wc' });
  expect(config.database).toMatchObject({ url: 'postgres://u:p@db:5432/wc', schema: 'whatsapp_connect' });
  expect(() => loadDatabaseConfig({ NODE_ENV: 'production' })).toThrow(/DATABASE_URL: required in production/);
  expect(() => loadDatabaseConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
});

describe('production refuses unsafe settings, one message per problem, naming the setting', () => {
  const safe = {
    NODE_ENV: 'production',
    AUTH_JWT_SECRET: 'x'.repeat(32),
    KEYRING_MASTER_KEY: Buffer.alloc(32, 1).toString('base64'),
    DATABASE_URL: 'postgres://u:p@db:5432/d',
    PUBLIC_BASE_URL: 'https://wa.example.com',
    WHATSAPP_GRAPH_BASE_URL: 'https://graph.facebook.com',
  };
  const problemsOf = (env: Record<string, string>): string[] => {
    try {
      loadConfig(env);
      return [];
    } catch (err) {
      return (err as ConfigError).problems;
    }
  };

  test('the safe baseline starts, with suggestions off and introspection only for the gateway', () => {
    const config = loadConfig(safe);
    expect(config.graphql).toMatchObject({ introspection: false, fieldSuggestions: false, schemaNetworks: [] });
    expect(loadConfig({}).graphql.fieldSuggestions).toBe(true);
  });

  test.each([
    ['AUTH_JWT_SECRET', { AUTH_JWT_SECRET: DEVELOPMENT_JWT_SECRET }, /published development secret/],
    ['AUTH_JWT_SECRET', { AUTH_JWT_SECRET: 'short-secret' }, /at least 32/],
    ['PUBLIC_BASE_URL', { PUBLIC_BASE_URL: 'http://wa.example.com' }, /https/],
    ['AUTH_JWKS_URL', { AUTH_JWT_SECRET: '', AUTH_JWKS_URL: 'http://host.example.com/jwks', MEDIA_URL_SECRET: 'm'.repeat(32) }, /https/],
    ['MEDIA_URL_SECRET', { AUTH_JWT_SECRET: '', AUTH_JWKS_URL: 'https://host.example.com/jwks' }, /AGENT_RUNTIME_SECRET nor AUTH_JWT_SECRET/],
    ['VAULT_TOKEN', { VAULT_ADDR: 'https://vault:8200', VAULT_TOKEN: 'root' }, /development root token/],
    ['VAULT_TOKEN', { VAULT_ADDR: 'https://vault:8200', VAULT_TOKEN: 'my-dev-root', VAULT_DEV_ROOT_TOKENS: 'root, my-dev-root' }, /development root token/],
    ['SANDBOX', { SANDBOX: 'true' }, /sandbox/],
    ['GRAPHQL_INTROSPECTION', { GRAPHQL_INTROSPECTION: 'true' }, /gateway/],
  ])('%s: %j', (name, change, reason) => {
    const problems = problemsOf({ ...safe, ...change });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${name}`));
    expect(problems[0]).toMatch(reason);
    for (const value of Object.values(change)) if (value.length > 8) expect(problems[0]).not.toContain(value);
  });

  test('every problem at once, each in its own message', () => {
    const problems = problemsOf({ ...safe, AUTH_JWT_SECRET: DEVELOPMENT_JWT_SECRET, PUBLIC_BASE_URL: 'http://wa.example.com', VAULT_ADDR: 'https://vault:8200', VAULT_TOKEN: 'root', SANDBOX: 'true' });
    expect(problems.map((p) => p.split(':')[0])).toEqual(expect.arrayContaining(['AUTH_JWT_SECRET', 'PUBLIC_BASE_URL', 'VAULT_TOKEN', 'SANDBOX']));
    expect(problems).toHaveLength(4);
  });

  test('the media link key is MEDIA_URL_SECRET, else derived (never equal) from the runtime or JWT secret', () => {
    expect(loadConfig({ ...safe, MEDIA_URL_SECRET: 'm'.repeat(32) }).media).toEqual({ urlSecret: 'm'.repeat(32), urlTtlSeconds: 900, maxBytes: 100 * 1024 * 1024 });
    const fromJwt = loadConfig(safe).media.urlSecret;
    expect(fromJwt).not.toContain(safe.AUTH_JWT_SECRET);
    expect(fromJwt).toHaveLength(43);
    const runtime = { AGENT_RUNTIME_URL: 'https://host.example.com/agent', AGENT_RUNTIME_SECRET: 'r'.repeat(32) };
    const fromRuntime = loadConfig({ ...safe, ...runtime }).media.urlSecret;
    expect(fromRuntime).not.toBe(fromJwt);
    expect(loadConfig({ ...safe, ...runtime, AUTH_JWT_SECRET: '', AUTH_JWKS_URL: 'https://host.example.com/jwks' }).media.urlSecret).toBe(fromRuntime);
    expect(problemsOf({ ...safe, MEDIA_URL_TTL_SECONDS: '5' })[0]).toMatch(/^MEDIA_URL_TTL_SECONDS/);
  });

  test('the media bucket is off without MEDIA_STORE_S3_BUCKET; its keys come in pairs and are never echoed', () => {
    expect(loadConfig(safe).media.store).toBeUndefined();
    const bucket = { MEDIA_STORE_S3_BUCKET: 'wa-media', MEDIA_STORE_S3_ENDPOINT: 'https://s3.example.com', MEDIA_STORE_S3_FORCE_PATH_STYLE: 'true' };
    expect(loadConfig({ ...safe, ...bucket }).media.store).toEqual({
      bucket: 'wa-media', endpoint: 'https://s3.example.com', region: 'us-east-1', forcePathStyle: true, keyPrefix: 'whatsapp-media/',
    });
    const problems = problemsOf({ ...safe, ...bucket, MEDIA_STORE_S3_SECRET_ACCESS_KEY: 'very-secret-value' });
    expect(problems.map((p) => p.split(':')[0])).toEqual(['MEDIA_STORE_S3_ACCESS_KEY_ID']);
    expect(problems.join('\n')).not.toContain('very-secret-value');
    expect(problemsOf({ ...safe, ...bucket, MEDIA_STORE_S3_KEY_PREFIX: 'no-slash' })[0]).toMatch(/^MEDIA_STORE_S3_KEY_PREFIX/);
    expect(problemsOf({ ...safe, MEDIA_STORE_S3_BUCKET: 'Not A Bucket' })[0]).toMatch(/^MEDIA_STORE_S3_BUCKET/);
  });

  test('a loopback base URL (a local try-out Meta cannot reach) may stay http', () => {
    expect(problemsOf({ ...safe, PUBLIC_BASE_URL: 'http://localhost:4000' })).toEqual([]);
  });

  test('development accepts what production refuses', () => {
    expect(() => loadConfig({ AUTH_JWT_SECRET: DEVELOPMENT_JWT_SECRET, PUBLIC_BASE_URL: 'http://localhost:4000', VAULT_ADDR: 'http://127.0.0.1:8200', VAULT_TOKEN: 'root' })).not.toThrow();
  });

  test('the gateway networks must be addresses or CIDR blocks', () => {
    expect(loadConfig({ GRAPHQL_SCHEMA_NETWORKS: '10.0.0.0/8, ::1, 192.168.1.7' }).graphql.schemaNetworks).toEqual(['10.0.0.0/8', '::1', '192.168.1.7']);
    expect(() => loadConfig({ GRAPHQL_SCHEMA_NETWORKS: '10.0.0.0/33' })).toThrow(/GRAPHQL_SCHEMA_NETWORKS/);
    expect(() => loadConfig({ GRAPHQL_SCHEMA_NETWORKS: 'gateway.internal' })).toThrow(/GRAPHQL_SCHEMA_NETWORKS/);
  });
});

test('agent ownership: trust outside production only, claim by default in production, http needs its URL', () => {
  expect(loadConfig({}).agentOwnership).toEqual({ mode: 'trust' });
  const production = {
    NODE_ENV: 'production',
    AUTH_JWT_SECRET: 'x'.repeat(32),
    KEYRING_MASTER_KEY: Buffer.alloc(32, 1).toString('base64'),
    DATABASE_URL: 'postgres://u:p@db:5432/d',
    PUBLIC_BASE_URL: 'https://wa.example.com',
    WHATSAPP_GRAPH_BASE_URL: 'https://graph.facebook.com',
  };
  expect(loadConfig(production).agentOwnership).toEqual({ mode: 'claim', claim: 'agents' });
  expect(() => loadConfig({ ...production, AGENT_OWNERSHIP: 'trust' })).toThrow(/AGENT_OWNERSHIP: "trust"/);
  expect(() => loadConfig({ AGENT_OWNERSHIP: 'http' })).toThrow(/AGENT_OWNERSHIP_URL: required/);
  expect(() => loadConfig({ AGENT_OWNERSHIP: 'http', AGENT_OWNERSHIP_URL: 'https://host/agents/x' })).toThrow(/AGENT_OWNERSHIP_URL/);
  expect(loadConfig({ AGENT_OWNERSHIP: 'http', AGENT_OWNERSHIP_URL: 'https://host/u/{userId}/a/{agentId}' }).agentOwnership).toMatchObject({
    mode: 'http',
    cacheTtlMs: 30_000,
    timeoutMs: 2_000,
  });
});

test('key lifecycle settings: separate erasure token, previous master keys never the current one', () => {
  const key = Buffer.alloc(32, 1).toString('base64');
  const old = Buffer.alloc(32, 2).toString('base64');
  expect(() => loadConfig({ VAULT_ADDR: 'http://127.0.0.1:8200', VAULT_TOKEN: 't', VAULT_ERASURE_TOKEN: 't' })).toThrow(/VAULT_ERASURE_TOKEN/);
  expect(() => loadConfig({ KEYRING_MASTER_KEY: key, KEYRING_PREVIOUS_MASTER_KEYS: `${old},${key}` })).toThrow(/KEYRING_PREVIOUS_MASTER_KEYS/);
  expect(() => loadConfig({ KEYRING_PREVIOUS_MASTER_KEYS: 'short' })).toThrow(/KEYRING_PREVIOUS_MASTER_KEYS/);
  const config = loadConfig({ KEYRING_MASTER_KEY: key, KEYRING_PREVIOUS_MASTER_KEYS: old });
  expect(config.keys).toMatchObject({ backend: 'embedded', previousMasterKeys: [Buffer.from(old, 'base64')] });
  expect(config.keyRotation).toEqual({ rewrapGraceSeconds: 30, maxAgeDays: 90, maintenanceCron: '17 3 * * *' });
  expect(config.audit).toEqual({ retentionDays: 400 });
  expect(() => loadConfig({ KEY_MAINTENANCE_CRON: 'daily' })).toThrow(/KEY_MAINTENANCE_CRON/);
});
