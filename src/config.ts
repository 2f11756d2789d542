import { hkdfSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { z } from 'zod';
import { DEVELOPMENT_JWT_SECRET } from './platform/identity/development-token';

/**
 * The only reader of the environment. Every setting is declared once here, parsed and typed; a wrong or
 * missing value stops start-up with a message that names the setting. Tests build a Config by passing
 * their own record to `loadConfig`.
 */

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .optional()
    .transform((v) => (v === undefined ? fallback : ['true', '1', 'yes'].includes(v)));

const optionalBool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .optional()
  .transform((v) => (v === undefined ? undefined : ['true', '1', 'yes'].includes(v)));

const int = (fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const url = z.url({ protocol: /^https?$/ });
const blankAsUndefined = (v: unknown) => (v === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankAsUndefined, schema.optional());

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: int(4000, 0, 65535),
  PUBLIC_BASE_URL: optional(url),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')),
  DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/, 'must be a lowercase SQL identifier').default('whatsapp_connect'),
  DATABASE_POOL_MAX: int(20, 1, 500),
  DATABASE_MIGRATE_ON_START: bool(true),
  EMBEDDED_POSTGRES_DIR: z.string().default('.data/postgres'),
  EMBEDDED_POSTGRES_PORT: int(54329, 1, 65535),

  AUTH_JWT_SECRET: optional(z.string().min(32, 'must be at least 32 characters')),
  AUTH_JWKS_URL: optional(url),
  AUTH_ISSUER: optional(z.string()),
  AUTH_AUDIENCE: optional(z.string()),
  AUTH_ROLES_CLAIM: z.string().default('roles'),
  AUTH_ADMIN_ROLE: z.string().default('admin'),
  AUTH_SERVICE_ROLE: z.string().default('host-service'),

  GRAPHQL_INTROSPECTION: optionalBool,
  GRAPHQL_LANDING_PAGE: optionalBool,
  GRAPHQL_MAX_DEPTH: int(12, 2, 100),
  GRAPHQL_MAX_COST: int(2000, 10, 1_000_000),
  GRAPHQL_MAX_DOCUMENT_LENGTH: int(32_768, 256, 1_048_576),
  GRAPHQL_MAX_TOKENS: int(2000, 50, 100_000),
  GRAPHQL_MAX_ALIASES: int(15, 0, 1000),
  GRAPHQL_MAX_DIRECTIVES: int(50, 0, 1000),
  GRAPHQL_MAX_ENTITIES: int(100, 1, 10_000),
  GRAPHQL_SCHEMA_NETWORKS: optional(z.string()),
  GRAPHQL_DEPRECATED_FIELDS: bool(true),

  VAULT_ADDR: optional(url),
  VAULT_TOKEN: optional(z.string()),
  VAULT_DEV_ROOT_TOKENS: z.string().default('root'),
  VAULT_NAMESPACE: optional(z.string()),
  VAULT_TRANSIT_MOUNT: z.string().regex(/^[\w-]+$/).default('transit'),
  VAULT_KEY_PREFIX: z.string().regex(/^[\w-]*$/).default('whatsapp-connect-user-'),
  VAULT_TIMEOUT_MS: int(5000, 100, 120_000),
  KEYRING_MASTER_KEY: optional(z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'must be 32 bytes in standard base64')),
  KEYRING_MASTER_KEY_FILE: z.string().default('.data/keyring-master.key'),
  SECRET_CACHE_TTL_MS: int(60_000, 0, 3_600_000),
  SECRET_CACHE_MAX_ENTRIES: int(1000, 0, 1_000_000),
  KEY_REWRAP_GRACE_SECONDS: int(30, 0, 3600),

  WHATSAPP_GRAPH_BASE_URL: optional(url),
  WHATSAPP_GRAPH_API_VERSION: z.string().regex(/^v\d+\.\d+$/, 'must look like v24.0').default('v24.0'),
  WHATSAPP_TIMEOUT_MS: int(10_000, 100, 120_000),
  WHATSAPP_POOL_CONNECTIONS: int(64, 1, 1024),
  SANDBOX: optionalBool,
  SANDBOX_PORT: int(0, 0, 65535),
  SANDBOX_STATE_FILE: z.string().optional(),

  WEBHOOK_PATH_PREFIX: z.string().regex(/^\/[\w/-]*[^/]$/).default('/webhooks/whatsapp'),
  WEBHOOK_MAX_BODY_BYTES: int(4 * 1024 * 1024, 1024, 64 * 1024 * 1024),
  WEBHOOK_UNVERIFIED_QUOTA: int(1000, 0, 10_000_000),
  HTTP_HEADERS_TIMEOUT_MS: int(20_000, 1000, 300_000),
  HTTP_REQUEST_TIMEOUT_MS: int(60_000, 1000, 3_600_000),
  HTTP_BODY_IDLE_TIMEOUT_MS: int(10_000, 100, 300_000),
  /** Deprecated: `false` is INSTANCE_ROLE=receive. */
  WEBHOOK_PROCESSING: optionalBool,
  WEBHOOK_CONFIGURE_ATTEMPTS: int(8, 1, 100),
  WEBHOOK_CONFIGURE_RETRY_DELAY_SECONDS: int(10, 1, 3600),
  WEBHOOK_DELIVERY_RETENTION_DAYS: int(14, 0, 3650),
  MESSAGE_STATUS_RETENTION_DAYS: int(30, 0, 3650),
  RETENTION_SWEEP_INTERVAL_SECONDS: int(60, 1, 86_400),
  RETENTION_BATCH_ROWS: int(5000, 100, 100_000),

  JOB_POLLING_INTERVAL_SECONDS: z.coerce.number().min(0.5).max(60).default(2),

  OUTBOUND_THROUGHPUT_PER_SECOND: int(80, 1, 1000),
  OUTBOUND_MAX_QUEUE_WAIT_MS: int(10_000, 0, 120_000),
  OUTBOUND_RETRY_ATTEMPTS: int(3, 1, 10),
  RATE_LIMIT_USER_MUTATIONS_PER_MINUTE: int(120, 1, 1_000_000),
  RATE_LIMIT_CREDENTIAL_PER_SECOND: int(1000, 1, 100_000),
  RATE_LIMIT_WEBHOOK_PER_SECOND: int(2000, 1, 100_000),

  HEALTH_CHECK_INTERVAL_MINUTES: int(60, 1, 10_080),
  HEALTH_CHECK_CONCURRENCY: int(4, 1, 100),
  EXPIRY_WARNING_DAYS: int(7, 0, 365),

  SMTP_URL: optional(z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')),
  SMTP_FROM: z.string().default('WhatsApp Connect <no-reply@localhost>'),
  FAILURE_ALERT_WINDOW_SECONDS: int(900, 1, 86_400),
  FAILURE_ALERT_DIGEST_HOUR: int(8, 0, 23),

  PLATFORM_WHATSAPP_ACCESS_TOKEN: optional(z.string().min(20, 'must be a Meta access token')),
  PLATFORM_WHATSAPP_APP_SECRET: optional(z.string().regex(/^[0-9a-f]{32}$/i, 'must be the 32-hex-digit Meta app secret')),
  PLATFORM_WHATSAPP_BUSINESS_ACCOUNT_ID: optional(z.string().regex(/^\d{1,30}$/, 'must be a numeric Graph id')),
  PLATFORM_WHATSAPP_PHONE_NUMBER_ID: optional(z.string().regex(/^\d{1,30}$/, 'must be a numeric Graph id')),
  WHATSAPP_CREDENTIAL_SOURCE_DEFAULT: z.enum(['user', 'platform']).default('user'),
  MIGRATION_ROLLBACK_WINDOW_HOURS: int(168, 0, 8760),

  AGENT_RUNTIME_URL: optional(url),
  AGENT_RUNTIME_SECRET: optional(z.string().min(16)),
  AGENT_RUNTIME_TIMEOUT_MS: int(15_000, 100, 300_000),

  MEDIA_URL_SECRET: optional(z.string().min(32, 'must be at least 32 characters')),
  MEDIA_URL_TTL_SECONDS: int(900, 30, 86_400),
  MEDIA_MAX_BYTES: int(100 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
  MEDIA_STORE_S3_BUCKET: optional(z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name')),
  MEDIA_STORE_S3_ENDPOINT: optional(url),
  MEDIA_STORE_S3_REGION: z.string().min(1).default('us-east-1'),
  MEDIA_STORE_S3_ACCESS_KEY_ID: optional(z.string().min(1)),
  MEDIA_STORE_S3_SECRET_ACCESS_KEY: optional(z.string().min(1)),
  MEDIA_STORE_S3_FORCE_PATH_STYLE: bool(false),
  MEDIA_STORE_S3_KEY_PREFIX: z.string().regex(/^([\w.-]+\/)*$/, 'must be empty or end with "/" (letters, digits, ".", "-", "_")').default('whatsapp-media/'),

  INSTANCE_ROLE: optional(z.enum(['receive', 'process', 'both'])),
  SHUTDOWN_GRACE_SECONDS: int(10, 1, 600),
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  WEBHOOK_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  OPS_PORT: z.coerce.number().int().min(0).max(65535).optional(),

  AGENT_OWNERSHIP: optional(z.enum(['claim', 'http', 'trust'])),
  AGENT_OWNERSHIP_CLAIM: z.string().regex(/^[\w:./-]+$/).default('agents'),
  AGENT_OWNERSHIP_URL: optional(z.string().regex(/^https?:\/\/\S*\{agentId\}\S*$/, 'must be an http(s) URL template containing {agentId}')),
  AGENT_OWNERSHIP_TOKEN: optional(z.string().min(16)),
  AGENT_OWNERSHIP_CACHE_TTL_MS: int(30_000, 0, 600_000),
  AGENT_OWNERSHIP_TIMEOUT_MS: int(2_000, 100, 60_000),

  VAULT_ERASURE_TOKEN: optional(z.string()),
  KEYRING_PREVIOUS_MASTER_KEYS: optional(
    z.string().regex(/^[A-Za-z0-9+/]{43}=(,[A-Za-z0-9+/]{43}=)*$/, 'must be comma-separated 32-byte keys in standard base64'),
  ),
  KEY_MAX_AGE_DAYS: int(90, 0, 3650),
  KEY_MAINTENANCE_CRON: z.string().regex(/^\S+( \S+){4}$/, 'must be a five-field cron expression').default('17 3 * * *'),
  AUDIT_RETENTION_DAYS: int(400, 0, 36_500),
});

export type Environment = Record<string, string | undefined>;

/** Every setting's name, for the documentation checks. */
export const SETTING_NAMES: readonly string[] = Object.keys(EnvSchema.shape);

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Where the key service keeps its keys. */
export type KeysConfig =
  | {
      backend: 'vault';
      address: string;
      token: string;
      namespace?: string;
      mount: string;
      keyPrefix: string;
      timeoutMs: number;
      /**
       * A second token whose policy (vault/erasure-policy.hcl) may allow deletion and delete keys; used
       * only to erase a user's key. Without it, erasure of a key fails with a permission error.
       */
      erasureToken?: string;
    }
  | {
      backend: 'embedded';
      masterKey?: Buffer;
      masterKeyFile: string;
      /** Master keys being retired: stored keys still wrapped by one are unwrapped, then re-wrapped. */
      previousMasterKeys?: Buffer[];
    };

export type AgentOwnershipConfig =
  /** The host's token lists the caller's agents in a claim (array of ids). */
  | { mode: 'claim'; claim: string }
  /** The host answers `GET <urlTemplate>` with 2xx (owns or administers), 403/404 (does not). */
  | { mode: 'http'; urlTemplate: string; token?: string; cacheTtlMs: number; timeoutMs: number }
  /** Development and tests only: the caller owns every agent they name. */
  | { mode: 'trust' };

/**
 * What one instance runs. `receive`: the HTTP surfaces (GraphQL, subscriptions, webhooks) and the
 * scheduled jobs, but not the inbox, the retention sweep or the agent workers. `process`: the inbox, the
 * sweep and every worker, with only /healthz, /readyz and /metrics over HTTP. `both`: everything.
 */
export type InstanceRole = 'receive' | 'process' | 'both';

export interface Config {
  mode: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** Base of every URL we hand to Meta; without a setting, the local listen address. */
  publicBaseUrl?: string;
  logLevel: string;
  database: {
    url?: string;
    schema: string;
    poolMax: number;
    migrateOnStart: boolean;
    embeddedDir: string;
    embeddedPort: number;
  };
  auth: {
    jwtSecret?: string;
    jwksUrl?: string;
    issuer?: string;
    audience?: string;
    rolesClaim: string;
    adminRole: string;
    serviceRole: string;
  };
  graphql: {
    /** Introspection and `_service` for everyone; off, only the gateway (service role or `schemaNetworks`) gets them. */
    introspection: boolean;
    landingPage: boolean;
    /** "Did you mean …?" hints in validation errors, which spell out the schema. */
    fieldSuggestions: boolean;
    /** Networks (CIDR or single addresses) whose callers may always introspect: the gateway's. */
    schemaNetworks: string[];
    maxDepth: number;
    maxCost: number;
    maxDocumentLength: number;
    maxTokens: number;
    maxAliases: number;
    maxDirectives: number;
    maxEntities: number;
    /**
     * Serve the old names of renamed fields (deprecated aliases). Off for a host whose own graph already
     * has a root field such as `deleteUserData`: two subgraphs defining it would not compose.
     */
    deprecatedFields: boolean;
  };
  http: { headersTimeoutMs: number; requestTimeoutMs: number; bodyIdleTimeoutMs: number };
  keys: KeysConfig;
  secretCache: { ttlMs: number; maxEntries: number };
  /**
   * Seconds between a key rotation and its rewrap, so writes encrypted just before it can commit first;
   * the age (days, 0 = never) at which the daily maintenance rotates a user's key; that job's cron.
   */
  keyRotation: { rewrapGraceSeconds: number; maxAgeDays: number; maintenanceCron: string };
  /** Who says a caller owns an agent (see docs/security-keys.md). */
  agentOwnership: AgentOwnershipConfig;
  /** Audit entries older than this many days are deleted by the daily sweep; 0 keeps them. */
  audit: { retentionDays: number };
  whatsapp: {
    /** Unset means "start the local sandbox and talk to it". */
    graphBaseUrl?: string;
    apiVersion: string;
    timeoutMs: number;
    poolConnections: number;
    sandbox: boolean;
    sandboxPort: number;
    /** Keeps the sandbox's businesses and tokens across restarts; development default `.data/sandbox.json`. */
    sandboxStateFile?: string;
  };
  webhooks: {
    pathPrefix: string;
    maxBodyBytes: number;
    /** Attempts at configuring Meta for a credential before its webhook is marked FAILED. */
    configureAttempts: number;
    configureRetryDelaySeconds: number;
    /** Processed deliveries are deleted after this many days; 0 keeps them. */
    deliveryRetentionDays: number;
    /** Deliveries one endpoint may hold unverified (key service down) before it answers 503. */
    unverifiedQuota: number;
  };
  /** The retention sweep (one instance at a time): statuses kept this many days (0 keeps them), its pace. */
  retention: { statusDays: number; sweepIntervalSeconds: number; batchRows: number };
  jobs: { pollingIntervalSeconds: number };
  /** Pacing and retries of sends to Meta. */
  outbound: { throughputPerSecond: number; maxQueueWaitMs: number; retryAttempts: number };
  /** Shared by every instance (PostgreSQL token buckets). */
  rateLimits: { userMutationsPerMinute: number; credentialPerSecond: number; webhookPerSecond: number };
  health: { intervalMinutes: number; concurrency: number; expiryWarningDays: number };
  email: { smtpUrl?: string; from: string };
  /** Failure alerts (docs/alerts.md): at most one event per credential and kind per window; the daily digest's hour (UTC). */
  failureAlerts: { windowSeconds: number; digestHourUtc: number };
  agentRuntime: { url?: string; secret?: string; timeoutMs: number };
  /**
   * Signed links to inbound media (docs/media.md): the key that signs them (MEDIA_URL_SECRET, or one
   * derived from a secret the plugin already holds), their lifetime, and the largest file served or uploaded.
   */
  media: { urlSecret: string; urlTtlSeconds: number; maxBytes: number; store?: MediaStoreConfig };
  /** Process-level operation: stopping, log format, and the optional extra listeners. */
  operations: {
    /** From the first SIGTERM/SIGINT to a forced exit. */
    shutdownGraceMs: number;
    logFormat: 'json' | 'pretty';
    /** When set, webhooks are served on this port only (not on PORT). */
    webhookPort?: number;
    /** When set, /healthz, /readyz and /metrics are served on this port only (not on PORT). */
    opsPort?: number;
    /** What this instance runs; several instances with different roles share one database. */
    role: InstanceRole;
  };
  /** The platform-wide WhatsApp account users had before they brought their own (migration phases 1-3). */
  platform: {
    credentials?: { accessToken: string; appSecret: string; businessAccountId: string; phoneNumberId: string };
    /** Which credentials a user's agents use unless an admin or the migration wizard chose for that user. */
    defaultSource: 'USER' | 'PLATFORM';
    /** How long after migrating a user may roll back to the platform credentials. */
    rollbackWindowHours: number;
  };
}

type ParsedEnvironment = z.infer<typeof EnvSchema>;

/**
 * The optional bucket inbound media is copied to (docs/media.md), off without MEDIA_STORE_S3_BUCKET.
 * The secret key lives only here and in the S3 client; Config is never logged whole.
 */
export interface MediaStoreConfig {
  bucket: string;
  endpoint?: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
  keyPrefix: string;
}

function mediaStoreOf(e: ParsedEnvironment): MediaStoreConfig | undefined {
  if (!e.MEDIA_STORE_S3_BUCKET) return undefined;
  return {
    bucket: e.MEDIA_STORE_S3_BUCKET,
    endpoint: e.MEDIA_STORE_S3_ENDPOINT,
    region: e.MEDIA_STORE_S3_REGION,
    accessKeyId: e.MEDIA_STORE_S3_ACCESS_KEY_ID,
    secretAccessKey: e.MEDIA_STORE_S3_SECRET_ACCESS_KEY,
    forcePathStyle: e.MEDIA_STORE_S3_FORCE_PATH_STYLE,
    keyPrefix: e.MEDIA_STORE_S3_KEY_PREFIX,
  };
}

/**
 * The key of the signed media links. Without MEDIA_URL_SECRET it is derived (HKDF) from a secret whose
 * holders could read the same media anyway: the agent runtime's (it is sent every inbound message these
 * links point to) or the host's token secret (it can mint a token for any user). A derived key is never
 * the secret itself, so a link's signature reveals nothing about it. See docs/media.md.
 */
function mediaUrlSecret(e: ParsedEnvironment): string {
  if (e.MEDIA_URL_SECRET) return e.MEDIA_URL_SECRET;
  const source = e.AGENT_RUNTIME_SECRET ?? e.AUTH_JWT_SECRET ?? DEVELOPMENT_JWT_SECRET;
  return Buffer.from(hkdfSync('sha256', source, '', 'whatsapp-connect media links v1', 32)).toString('base64url');
}

/** "10.0.0.0/8", "::1/128" or a single address. */
function isNetwork(value: string): boolean {
  const [address = '', prefix, ...rest] = value.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

function isLoopbackUrl(value: string): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(new URL(value).hostname);
}

/**
 * Settings that are fine on a laptop and dangerous on the internet. Each is named with the reason, and
 * none echoes the value it refuses (it may be a secret).
 */
function productionHazards(e: ParsedEnvironment): string[] {
  const problems: string[] = [];
  if (e.AUTH_JWT_SECRET === DEVELOPMENT_JWT_SECRET) {
    problems.push('AUTH_JWT_SECRET: this is the published development secret; anyone can sign tokens with it');
  }
  // Loopback is allowed over http: Meta cannot reach it, so it only serves a local try-out (docker compose).
  if (e.PUBLIC_BASE_URL?.startsWith('http://') && !isLoopbackUrl(e.PUBLIC_BASE_URL)) {
    problems.push('PUBLIC_BASE_URL: must be https:// in production (Meta sends webhooks and their signatures there)');
  }
  if (e.AUTH_JWKS_URL?.startsWith('http://') && !isLoopbackUrl(e.AUTH_JWKS_URL)) {
    problems.push('AUTH_JWKS_URL: must be https:// in production (whoever can alter the keys can sign tokens)');
  }
  const devTokens = e.VAULT_DEV_ROOT_TOKENS.split(',').map((t) => t.trim()).filter(Boolean);
  if (e.VAULT_TOKEN && devTokens.includes(e.VAULT_TOKEN)) {
    problems.push('VAULT_TOKEN: this is a development root token; give the plugin a token limited by its own policy (vault/policy.hcl)');
  }
  if (e.GRAPHQL_INTROSPECTION) {
    problems.push('GRAPHQL_INTROSPECTION: must stay off in production; the gateway introspects with the service role or from GRAPHQL_SCHEMA_NETWORKS');
  }
  return problems;
}

/** `A=` and `A=   # note` in a .env file mean "unset", as they do for every optional setting. */
function withoutBlanks(env: Environment): Environment {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
}

function problemsOf(error: z.ZodError): ConfigError {
  return new ConfigError(error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
}

export function loadConfig(rawEnv: Environment): Config {
  const env = withoutBlanks(rawEnv);
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) throw problemsOf(parsed.error);
  const e = parsed.data;
  const problems: string[] = [];
  const production = e.NODE_ENV === 'production';

  if (production && !e.AUTH_JWT_SECRET && !e.AUTH_JWKS_URL) {
    problems.push('AUTH_JWT_SECRET or AUTH_JWKS_URL: one is required in production');
  }
  if (e.AUTH_JWT_SECRET && e.AUTH_JWKS_URL) {
    problems.push('AUTH_JWT_SECRET and AUTH_JWKS_URL: set only one');
  }
  if (e.VAULT_ADDR && !e.VAULT_TOKEN) problems.push('VAULT_TOKEN: required when VAULT_ADDR is set');
  if (production && !e.VAULT_ADDR && !e.KEYRING_MASTER_KEY) {
    problems.push('KEYRING_MASTER_KEY: required in production when VAULT_ADDR is not set');
  }
  if (production && !e.DATABASE_URL) problems.push('DATABASE_URL: required in production');
  if (production && !e.PUBLIC_BASE_URL) problems.push('PUBLIC_BASE_URL: required in production');
  // Only when no secret to derive the link key from exists (AUTH_JWKS_URL and no agent runtime).
  if (production && !e.MEDIA_URL_SECRET && !e.AGENT_RUNTIME_SECRET && !e.AUTH_JWT_SECRET && e.AUTH_JWKS_URL) {
    problems.push('MEDIA_URL_SECRET: required in production when neither AGENT_RUNTIME_SECRET nor AUTH_JWT_SECRET is set');
  }
  if (production && e.SANDBOX) problems.push('SANDBOX: the WhatsApp sandbox cannot run in production');
  if (production) problems.push(...productionHazards(e));
  const schemaNetworks = (e.GRAPHQL_SCHEMA_NETWORKS ?? '').split(',').map((n) => n.trim()).filter(Boolean);
  for (const network of schemaNetworks) {
    if (!isNetwork(network)) problems.push(`GRAPHQL_SCHEMA_NETWORKS: "${network}" is not an address or CIDR block`);
  }
  if (production && !e.WHATSAPP_GRAPH_BASE_URL) {
    problems.push('WHATSAPP_GRAPH_BASE_URL: required in production (https://graph.facebook.com)');
  }
  const ownershipMode = e.AGENT_OWNERSHIP ?? (production ? 'claim' : 'trust');
  if (production && ownershipMode === 'trust') {
    problems.push('AGENT_OWNERSHIP: "trust" lets any user configure any agent; use "claim" or "http" in production');
  }
  if (ownershipMode === 'http' && !e.AGENT_OWNERSHIP_URL) problems.push('AGENT_OWNERSHIP_URL: required when AGENT_OWNERSHIP is "http"');
  if (e.KEYRING_PREVIOUS_MASTER_KEYS && e.KEYRING_MASTER_KEY && e.KEYRING_PREVIOUS_MASTER_KEYS.split(',').includes(e.KEYRING_MASTER_KEY)) {
    problems.push('KEYRING_PREVIOUS_MASTER_KEYS: lists the current KEYRING_MASTER_KEY; list only the keys being retired');
  }
  if (e.VAULT_ERASURE_TOKEN && e.VAULT_ERASURE_TOKEN === e.VAULT_TOKEN) {
    problems.push('VAULT_ERASURE_TOKEN: must be a separate token from VAULT_TOKEN (its own, privileged policy)');
  }
  if (!e.MEDIA_STORE_S3_ACCESS_KEY_ID !== !e.MEDIA_STORE_S3_SECRET_ACCESS_KEY) {
    problems.push('MEDIA_STORE_S3_ACCESS_KEY_ID: set together with MEDIA_STORE_S3_SECRET_ACCESS_KEY, or neither (the SDK\'s default credential chain)');
  }
  if (e.AGENT_RUNTIME_URL && !e.AGENT_RUNTIME_SECRET) {
    problems.push('AGENT_RUNTIME_SECRET: required when AGENT_RUNTIME_URL is set');
  }
  const platformSettings = [
    e.PLATFORM_WHATSAPP_ACCESS_TOKEN,
    e.PLATFORM_WHATSAPP_APP_SECRET,
    e.PLATFORM_WHATSAPP_BUSINESS_ACCOUNT_ID,
    e.PLATFORM_WHATSAPP_PHONE_NUMBER_ID,
  ];
  const platformConfigured = platformSettings.every((v) => v !== undefined);
  if (!platformConfigured && platformSettings.some((v) => v !== undefined)) {
    problems.push('PLATFORM_WHATSAPP_*: set all four (access token, app secret, business account id, phone number id) or none');
  }
  if (e.WHATSAPP_CREDENTIAL_SOURCE_DEFAULT === 'platform' && !platformConfigured) {
    problems.push('WHATSAPP_CREDENTIAL_SOURCE_DEFAULT: "platform" needs the PLATFORM_WHATSAPP_* settings');
  }
  if (e.WEBHOOK_PROCESSING !== undefined && e.INSTANCE_ROLE !== undefined && e.WEBHOOK_PROCESSING !== (e.INSTANCE_ROLE !== 'receive')) {
    problems.push(`WEBHOOK_PROCESSING: contradicts INSTANCE_ROLE=${e.INSTANCE_ROLE}; set INSTANCE_ROLE alone (WEBHOOK_PROCESSING is deprecated)`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const instanceRole: InstanceRole = e.INSTANCE_ROLE ?? (e.WEBHOOK_PROCESSING === false ? 'receive' : 'both');

  const keys: KeysConfig = e.VAULT_ADDR
    ? {
        backend: 'vault',
        address: e.VAULT_ADDR,
        token: e.VAULT_TOKEN!,
        namespace: e.VAULT_NAMESPACE,
        mount: e.VAULT_TRANSIT_MOUNT,
        keyPrefix: e.VAULT_KEY_PREFIX,
        timeoutMs: e.VAULT_TIMEOUT_MS,
        erasureToken: e.VAULT_ERASURE_TOKEN,
      }
    : {
        backend: 'embedded',
        masterKey: e.KEYRING_MASTER_KEY ? Buffer.from(e.KEYRING_MASTER_KEY, 'base64') : undefined,
        masterKeyFile: e.KEYRING_MASTER_KEY_FILE,
        previousMasterKeys: (e.KEYRING_PREVIOUS_MASTER_KEYS?.split(',') ?? []).map((key) => Buffer.from(key, 'base64')),
      };
  const agentOwnership: AgentOwnershipConfig =
    ownershipMode === 'claim'
      ? { mode: 'claim', claim: e.AGENT_OWNERSHIP_CLAIM }
      : ownershipMode === 'http'
        ? {
            mode: 'http',
            urlTemplate: e.AGENT_OWNERSHIP_URL!,
            token: e.AGENT_OWNERSHIP_TOKEN,
            cacheTtlMs: e.AGENT_OWNERSHIP_CACHE_TTL_MS,
            timeoutMs: e.AGENT_OWNERSHIP_TIMEOUT_MS,
          }
        : { mode: 'trust' };

  return {
    mode: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    publicBaseUrl: e.PUBLIC_BASE_URL?.replace(/\/+$/, ''),
    logLevel: e.LOG_LEVEL,
    database: {
      url: e.DATABASE_URL,
      schema: e.DATABASE_SCHEMA,
      poolMax: e.DATABASE_POOL_MAX,
      migrateOnStart: e.DATABASE_MIGRATE_ON_START,
      embeddedDir: e.EMBEDDED_POSTGRES_DIR,
      embeddedPort: e.EMBEDDED_POSTGRES_PORT,
    },
    auth: {
      jwtSecret: e.AUTH_JWT_SECRET,
      jwksUrl: e.AUTH_JWKS_URL,
      issuer: e.AUTH_ISSUER,
      audience: e.AUTH_AUDIENCE,
      rolesClaim: e.AUTH_ROLES_CLAIM,
      adminRole: e.AUTH_ADMIN_ROLE,
      serviceRole: e.AUTH_SERVICE_ROLE,
    },
    graphql: {
      introspection: e.GRAPHQL_INTROSPECTION ?? !production,
      landingPage: e.GRAPHQL_LANDING_PAGE ?? !production,
      fieldSuggestions: !production,
      schemaNetworks,
      maxDepth: e.GRAPHQL_MAX_DEPTH,
      maxCost: e.GRAPHQL_MAX_COST,
      maxDocumentLength: e.GRAPHQL_MAX_DOCUMENT_LENGTH,
      maxTokens: e.GRAPHQL_MAX_TOKENS,
      maxAliases: e.GRAPHQL_MAX_ALIASES,
      maxDirectives: e.GRAPHQL_MAX_DIRECTIVES,
      maxEntities: e.GRAPHQL_MAX_ENTITIES,
      deprecatedFields: e.GRAPHQL_DEPRECATED_FIELDS,
    },
    http: {
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
      bodyIdleTimeoutMs: e.HTTP_BODY_IDLE_TIMEOUT_MS,
    },
    keys,
    secretCache: { ttlMs: e.SECRET_CACHE_TTL_MS, maxEntries: e.SECRET_CACHE_MAX_ENTRIES },
    keyRotation: { rewrapGraceSeconds: e.KEY_REWRAP_GRACE_SECONDS, maxAgeDays: e.KEY_MAX_AGE_DAYS, maintenanceCron: e.KEY_MAINTENANCE_CRON },
    whatsapp: {
      graphBaseUrl: e.WHATSAPP_GRAPH_BASE_URL?.replace(/\/+$/, ''),
      apiVersion: e.WHATSAPP_GRAPH_API_VERSION,
      timeoutMs: e.WHATSAPP_TIMEOUT_MS,
      poolConnections: e.WHATSAPP_POOL_CONNECTIONS,
      sandbox: e.SANDBOX ?? (!production && !e.WHATSAPP_GRAPH_BASE_URL),
      sandboxPort: e.SANDBOX_PORT,
      sandboxStateFile: e.SANDBOX_STATE_FILE ?? (e.NODE_ENV === 'development' ? '.data/sandbox.json' : undefined),
    },
    webhooks: {
      pathPrefix: e.WEBHOOK_PATH_PREFIX,
      maxBodyBytes: e.WEBHOOK_MAX_BODY_BYTES,
      configureAttempts: e.WEBHOOK_CONFIGURE_ATTEMPTS,
      configureRetryDelaySeconds: e.WEBHOOK_CONFIGURE_RETRY_DELAY_SECONDS,
      deliveryRetentionDays: e.WEBHOOK_DELIVERY_RETENTION_DAYS,
      unverifiedQuota: e.WEBHOOK_UNVERIFIED_QUOTA,
    },
    retention: {
      statusDays: e.MESSAGE_STATUS_RETENTION_DAYS,
      sweepIntervalSeconds: e.RETENTION_SWEEP_INTERVAL_SECONDS,
      batchRows: e.RETENTION_BATCH_ROWS,
    },
    jobs: { pollingIntervalSeconds: e.JOB_POLLING_INTERVAL_SECONDS },
    outbound: {
      throughputPerSecond: e.OUTBOUND_THROUGHPUT_PER_SECOND,
      maxQueueWaitMs: e.OUTBOUND_MAX_QUEUE_WAIT_MS,
      retryAttempts: e.OUTBOUND_RETRY_ATTEMPTS,
    },
    rateLimits: {
      userMutationsPerMinute: e.RATE_LIMIT_USER_MUTATIONS_PER_MINUTE,
      credentialPerSecond: e.RATE_LIMIT_CREDENTIAL_PER_SECOND,
      webhookPerSecond: e.RATE_LIMIT_WEBHOOK_PER_SECOND,
    },
    health: {
      intervalMinutes: e.HEALTH_CHECK_INTERVAL_MINUTES,
      concurrency: e.HEALTH_CHECK_CONCURRENCY,
      expiryWarningDays: e.EXPIRY_WARNING_DAYS,
    },
    email: { smtpUrl: e.SMTP_URL, from: e.SMTP_FROM },
    failureAlerts: { windowSeconds: e.FAILURE_ALERT_WINDOW_SECONDS, digestHourUtc: e.FAILURE_ALERT_DIGEST_HOUR },
    agentRuntime: { url: e.AGENT_RUNTIME_URL, secret: e.AGENT_RUNTIME_SECRET, timeoutMs: e.AGENT_RUNTIME_TIMEOUT_MS },
    media: { urlSecret: mediaUrlSecret(e), urlTtlSeconds: e.MEDIA_URL_TTL_SECONDS, maxBytes: e.MEDIA_MAX_BYTES, store: mediaStoreOf(e) },
    agentOwnership,
    audit: { retentionDays: e.AUDIT_RETENTION_DAYS },
    platform: {
      credentials: platformConfigured
        ? {
            accessToken: e.PLATFORM_WHATSAPP_ACCESS_TOKEN!,
            appSecret: e.PLATFORM_WHATSAPP_APP_SECRET!,
            businessAccountId: e.PLATFORM_WHATSAPP_BUSINESS_ACCOUNT_ID!,
            phoneNumberId: e.PLATFORM_WHATSAPP_PHONE_NUMBER_ID!,
          }
        : undefined,
      defaultSource: e.WHATSAPP_CREDENTIAL_SOURCE_DEFAULT === 'platform' ? 'PLATFORM' : 'USER',
      rollbackWindowHours: e.MIGRATION_ROLLBACK_WINDOW_HOURS,
    },
    operations: {
      shutdownGraceMs: e.SHUTDOWN_GRACE_SECONDS * 1000,
      logFormat: e.LOG_FORMAT ?? (e.NODE_ENV === 'development' ? 'pretty' : 'json'),
      webhookPort: e.WEBHOOK_PORT,
      opsPort: e.OPS_PORT,
      role: instanceRole,
    },
  };
}

const DatabaseEnvSchema = EnvSchema.pick({
  NODE_ENV: true,
  LOG_LEVEL: true,
  LOG_FORMAT: true,
  DATABASE_URL: true,
  DATABASE_SCHEMA: true,
  EMBEDDED_POSTGRES_DIR: true,
  EMBEDDED_POSTGRES_PORT: true,
});

export type DatabaseConfig = Pick<Config, 'mode' | 'logLevel' | 'database'> & { logFormat: 'json' | 'pretty' };

/**
 * Only what `npm run migrate` needs. A separate migration step (a release job, an init container) runs
 * with the production image but without the plugin's secrets, so nothing else may be demanded here.
 */
export function loadDatabaseConfig(rawEnv: Environment): DatabaseConfig {
  const parsed = DatabaseEnvSchema.safeParse(withoutBlanks(rawEnv));
  if (!parsed.success) throw problemsOf(parsed.error);
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && !e.DATABASE_URL) throw new ConfigError(['DATABASE_URL: required in production']);
  return {
    mode: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT ?? (e.NODE_ENV === 'development' ? 'pretty' : 'json'),
    database: {
      url: e.DATABASE_URL,
      schema: e.DATABASE_SCHEMA,
      poolMax: 2,
      migrateOnStart: true,
      embeddedDir: e.EMBEDDED_POSTGRES_DIR,
      embeddedPort: e.EMBEDDED_POSTGRES_PORT,
    },
  };
}

/**
 * The process environment, read here and nowhere else, after `.env` in the working folder when there is
 * one (variables already set win over the file). Tests run with NODE_ENV=test and never read a
 * developer's `.env`.
 */
function processEnvironment(): Environment {
  // eslint-disable-next-line n/no-process-env -- this module is the single allowed reader
  const env = process.env;
  if (env.NODE_ENV !== 'test' && existsSync('.env')) process.loadEnvFile('.env');
  return env;
}

export function loadConfigFromProcess(): Config {
  return loadConfig(processEnvironment());
}

export function loadDatabaseConfigFromProcess(): DatabaseConfig {
  return loadDatabaseConfig(processEnvironment());
}
