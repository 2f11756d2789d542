import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { onDispose } from './leftovers';

/**
 * A Vault-compatible transit server for tests: a real HTTP server on 127.0.0.1 that answers the transit
 * endpoints the plugin uses with Vault's status codes, envelopes and error strings (see Vault's
 * "Transit secrets engine (API)" documentation, checked against hashicorp/vault and openbao
 * `builtin/logical/transit/*.go` and `sdk/helper/keysutil/policy.go`). It is how the production Vault
 * backend is proven without a Vault binary, so fidelity matters more than brevity here.
 *
 * Modelled: the token check (403 bodies), a path ACL evaluated like Vault's (including encrypt's
 * existence check, which makes an encrypt to a missing key a *create*), the mount-wide `disable_upsert`,
 * key create/read/list/config/rotate/trim/delete, encrypt/decrypt/rewrap (single and batch, with the 400
 * data-body and `partial_failure_response_code` semantics of encrypt/decrypt, and rewrap's 200), datakey,
 * derived keys (HKDF-SHA256), `associated_data` (AES-GCM AAD) on encrypt and decrypt (not on rewrap,
 * which documents none: a bound ciphertext fails to rewrap), the real ciphertext format, seal (503 everywhere), and held requests for
 * timeout tests. The app token can carry a lease (`tokenLease`): it then expires like a Vault service
 * token, and answers `auth/token/lookup-self` and `auth/token/renew-self` (see `tokenHandlers`). Not
 * modelled: other key types, convergent encryption, namespaces, secret leases.
 */

export interface VaultPolicyRule {
  /** A Vault ACL path: exact, with a trailing `*` prefix glob, or `+` segment wildcards. */
  path: string;
  capabilities: string[];
  /**
   * Vault's `allowed_parameters`: when set, a request body may hold only these keys (`*` allows any);
   * a non-empty value list also restricts the values (compared as strings, as HCL writes them).
   */
  allowedParameters?: Record<string, string[]>;
  /** Vault's `denied_parameters`: these keys (with an empty list) or these values are refused. */
  deniedParameters?: Record<string, string[]>;
}

export type VaultPolicy = 'root' | VaultPolicyRule[];

export interface VaultTransitServerOptions {
  /** The token the code under test uses. */
  token: string;
  /** The token's policy; `root` by default. */
  policy?: VaultPolicy;
  /** The transit mount path; `transit` by default. */
  mount?: string;
  /** The mount's initial `config/keys disable_upsert`; false by default, as on a fresh Vault. */
  disableUpsert?: boolean;
  /** The app token's lease. Without one the token never expires (like a root token: ttl 0, not renewable). */
  tokenLease?: VaultTokenLease;
  /** Further tokens, each with its own policy (e.g. the erasure token with vault/erasure-policy.hcl). */
  tokens?: Record<string, VaultPolicy>;
}

/** A service token's lease, as `vault token create -ttl/-period/-explicit-max-ttl/-renewable` sets it. */
export interface VaultTokenLease {
  ttlSeconds: number;
  /** Default true. */
  renewable?: boolean;
  /** A periodic token: every renewal resets the TTL to the period, with no max TTL. */
  periodSeconds?: number;
  /** Hard limit counted from issue; renewals are capped to what is left of it. */
  explicitMaxTtlSeconds?: number;
}

/** Which requests `holdRequests` holds; every request when omitted. */
export type RequestFilter = (request: { method: string; path: string }) => boolean;

export interface RecordedRequest {
  method: string;
  path: string;
  /** The parsed JSON body, so tests can assert what went over the wire (e.g. base64 plaintext). */
  body: unknown;
  /** The `x-request-id` header, when the caller sent one. */
  requestId?: string;
}

export interface VaultTransitServer {
  /** `http://127.0.0.1:<port>` */
  address: string;
  /** A second, always-valid root token for test set-up (e.g. reading a key the app token may not read). */
  rootToken: string;
  mount: string;
  /** Every request answered so far, oldest first. */
  requests: RecordedRequest[];
  /** Every later request answers 503 `Vault is sealed`, as after `vault operator seal`. */
  seal(): void;
  unseal(): void;
  /** An invalid token answers 403 `permission denied` + `invalid token`, as for an expired or revoked one. */
  setTokenValid(valid: boolean): void;
  setPolicy(policy: VaultPolicy): void;
  setDisableUpsert(disabled: boolean): void;
  /**
   * Requests (all, or those `filter` accepts, judged by method and path as they arrive) stop being
   * answered until the returned function is called. They are then answered as the server stands at that
   * moment, so sealing before releasing makes a held request fail with 503.
   */
  holdRequests(filter?: RequestFilter): () => void;
  /** Resolves with the next request `filter` accepts, once it has been answered. */
  nextRequest(filter: RequestFilter): Promise<RecordedRequest>;
  /** Resolves when the next request `filter` accepts arrives, before it is answered (or held). */
  nextArrival(filter: RequestFilter): Promise<void>;
  /** Seconds until the app token expires; undefined for a token without a lease. */
  tokenTtlSeconds(): number | undefined;
  /** True when a key of that name exists, without going through HTTP. */
  hasKey(name: string): boolean;
  close(): Promise<void>;
}

interface KeyVersion {
  key: Buffer;
  created: number;
}

interface TransitKey {
  name: string;
  type: 'aes256-gcm96' | 'aes128-gcm96';
  derived: boolean;
  exportable: boolean;
  allowPlaintextBackup: boolean;
  deletionAllowed: boolean;
  autoRotatePeriod: number;
  latestVersion: number;
  minDecryptionVersion: number;
  minEncryptionVersion: number;
  minAvailableVersion: number;
  versions: Map<number, KeyVersion>;
}

type Operation = 'read' | 'list' | 'update' | 'create' | 'delete';
type Body = Record<string, unknown>;

/** What a handler returns: a status, and `data` for the success envelope or `errors` for the error one. */
interface Reply {
  status: number;
  data?: unknown;
  errors?: string[];
  warnings?: string[];
  /** Raw body, for endpoints that answer outside both envelopes (sys/health). */
  raw?: unknown;
  /** The envelope's `auth` block (token endpoints). */
  auth?: unknown;
  mountType?: string;
}

interface Route {
  /** Fields the endpoint knows; others produce Vault's "ignored these unrecognized parameters" warning. */
  fields: string[];
  operations: Partial<Record<'GET' | 'LIST' | 'POST' | 'DELETE', Operation>>;
  /** Like Vault's ExistenceCheck: a POST to a path whose resource does not exist is a `create`. */
  exists?: () => boolean;
  handle: (method: string, body: Body) => Reply;
}

const NAME = String.raw`\w(?:(?:[\w\-.]+)?\w)?`;
const NONCE = 12;
const TAG = 16;
const TOO_OLD = 'ciphertext or signature version is disallowed by policy (too old)';
const PERMISSION_DENIED = '1 error occurred:\n\t* permission denied\n\n';
const INVALID_TOKEN = '2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n';

class UserError extends Error {}

/** Go's strict-padding StdEncoding decoder: ignores CR/LF, reports the first bad byte like Go does. */
function goBase64Decode(input: string): Buffer {
  const text = input.replace(/[\r\n]/g, '');
  const bad = text.search(/[^A-Za-z0-9+/=]/);
  if (bad >= 0) throw new UserError(`illegal base64 data at input byte ${bad}`);
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) {
    const padding = text.indexOf('=');
    const at = padding >= 0 ? padding : text.length - (text.length % 4);
    throw new UserError(`illegal base64 data at input byte ${Math.max(0, at)}`);
  }
  return Buffer.from(text, 'base64');
}

/** Go's strconv.Atoi: optional sign, decimal digits, within int64. */
function goAtoi(text: string): number | undefined {
  if (!/^[+-]?\d+$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

function asInt(body: Body, field: string): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  const n = typeof value === 'string' ? goAtoi(value) : typeof value === 'number' && Number.isInteger(value) ? value : undefined;
  if (n === undefined) {
    throw new UserError(`Field validation failed: error converting input ${JSON.stringify(value)} for field "${field}"`);
  }
  return n;
}

function asBool(body: Body, field: string): boolean | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new UserError(`Field validation failed: error converting input ${JSON.stringify(value)} for field "${field}"`);
}

function asString(body: Body, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : String(value);
}

/** Vault durations: integer seconds or Go-style strings ("1h", "720h", "90m"). */
function asDurationSeconds(body: Body, field: string): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return value;
  const match = /^(\d+)(s|m|h|d)?$/.exec(String(value));
  if (!match) throw new UserError(`Field validation failed: error converting input ${JSON.stringify(value)} for field "${field}"`);
  const unit = { s: 1, m: 60, h: 3600, d: 86400 }[(match[2] ?? 's') as 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
}

/**
 * Vault ACL: the most specific matching rule decides (exact beats glob; a longer glob beats a shorter
 * one), then its `allowed_parameters` / `denied_parameters` are checked against the request body.
 */
function allowed(policy: VaultPolicy, path: string, capability: Operation | 'sudo', body: Body = {}): boolean {
  if (policy === 'root') return true;
  let best: { rule: VaultPolicyRule; exact: boolean; length: number } | undefined;
  for (const rule of policy) {
    const glob = rule.path.endsWith('*');
    const pattern = rule.path.replace(/\*$/, '').replace(/[.?^${}()|[\]\\]/g, '\\$&').replace(/\+/g, '[^/]+');
    if (!new RegExp(`^${pattern}${glob ? '' : '$'}`).test(path)) continue;
    const candidate = { rule, exact: !glob, length: rule.path.length };
    if (!best || (candidate.exact && !best.exact) || (candidate.exact === best.exact && candidate.length > best.length)) {
      best = candidate;
    }
  }
  if (!best || best.rule.capabilities.includes('deny')) return false;
  if (!best.rule.capabilities.includes(capability)) return false;
  return parametersAllowed(best.rule, body);
}

function parametersAllowed(rule: VaultPolicyRule, body: Body): boolean {
  for (const [key, value] of Object.entries(body)) {
    const denied = rule.deniedParameters?.[key] ?? rule.deniedParameters?.['*'];
    if (denied && (denied.length === 0 || denied.includes(String(value)))) return false;
    if (rule.allowedParameters) {
      const values = rule.allowedParameters[key] ?? rule.allowedParameters['*'];
      if (!values) return false;
      if (values.length > 0 && !values.includes(String(value))) return false;
    }
  }
  return true;
}

/** Parses the `path "…" { capabilities = [...] allowed_parameters = {...} }` blocks of an HCL policy file. */
export function parseVaultPolicy(hcl: string): VaultPolicyRule[] {
  const text = hcl.replace(/#.*$/gm, '');
  const rules: VaultPolicyRule[] = [];
  const header = /path\s+"([^"]+)"\s*\{/g;
  let match: RegExpExecArray | null;
  while ((match = header.exec(text))) {
    // The block ends at its matching brace: parameter maps nest one level of braces.
    let depth = 1;
    let end = header.lastIndex;
    while (depth > 0 && end < text.length) {
      if (text[end] === '{') depth += 1;
      else if (text[end] === '}') depth -= 1;
      end += 1;
    }
    const block = text.slice(header.lastIndex, end - 1);
    const capabilities = /capabilities\s*=\s*\[([^\]]*)\]/.exec(block)?.[1] ?? '';
    const rule: VaultPolicyRule = { path: match[1]!, capabilities: [...capabilities.matchAll(/"([^"]+)"/g)].map((c) => c[1]!) };
    const allowedParameters = parameterMap(block, 'allowed_parameters');
    const deniedParameters = parameterMap(block, 'denied_parameters');
    if (allowedParameters) rule.allowedParameters = allowedParameters;
    if (deniedParameters) rule.deniedParameters = deniedParameters;
    rules.push(rule);
    header.lastIndex = end;
  }
  return rules;
}

function parameterMap(block: string, name: string): Record<string, string[]> | undefined {
  const body = new RegExp(`${name}\\s*=\\s*\\{([^}]*)\\}`).exec(block)?.[1];
  if (body === undefined) return undefined;
  const map: Record<string, string[]> = {};
  for (const entry of body.matchAll(/"([^"]+)"\s*=\s*\[([^\]]*)\]/g)) {
    map[entry[1]!] = [...entry[2]!.matchAll(/"([^"]*)"/g)].map((v) => v[1]!);
  }
  return map;
}

function keyBody(key: TransitKey): Record<string, unknown> {
  const keys: Record<string, number> = {};
  for (const [version, v] of key.versions) keys[String(version)] = v.created;
  return {
    name: key.name,
    type: key.type,
    derived: key.derived,
    deletion_allowed: key.deletionAllowed,
    exportable: key.exportable,
    allow_plaintext_backup: key.allowPlaintextBackup,
    keys,
    latest_version: key.latestVersion,
    min_available_version: key.minAvailableVersion,
    min_decryption_version: key.minDecryptionVersion,
    min_encryption_version: key.minEncryptionVersion,
    supports_encryption: true,
    supports_decryption: true,
    supports_derivation: true,
    supports_signing: false,
    auto_rotate_period: key.autoRotatePeriod,
    imported_key: false,
    ...(key.derived ? { kdf: 'hkdf_sha256', convergent_encryption: false } : {}),
  };
}

function newVersion(type: TransitKey['type']): KeyVersion {
  return { key: randomBytes(type === 'aes128-gcm96' ? 16 : 32), created: Math.floor(Date.now() / 1000) };
}

function algorithm(key: TransitKey): 'aes-256-gcm' | 'aes-128-gcm' {
  return key.type === 'aes128-gcm96' ? 'aes-128-gcm' : 'aes-256-gcm';
}

function encryptionKey(key: TransitKey, version: number, context: Buffer | undefined): Buffer {
  const material = key.versions.get(version)!.key;
  if (!key.derived) return material;
  if (!context || context.length === 0) {
    throw new UserError(
      "missing 'context' for key derivation; the key was created using a derived key, which means additional, per-request information must be included in order to perform operations with the key",
    );
  }
  return Buffer.from(hkdfSync('sha256', material, Buffer.alloc(0), context, material.length));
}

/** keysutil.Policy.Encrypt: base64 plaintext in, `vault:v<N>:` + base64(nonce ‖ ct ‖ tag) out. */
function encrypt(key: TransitKey, plaintextB64: string, context: Buffer | undefined, keyVersion = 0, associatedData?: Buffer): string {
  let version = keyVersion;
  if (version === 0) version = key.latestVersion;
  else if (version < key.minEncryptionVersion) {
    throw new UserError('requested version for encryption is less than the minimum encryption key version');
  } else if (version > key.latestVersion) {
    throw new UserError('requested version for encryption is higher than the latest key version');
  }
  const plaintext = goBase64Decode(plaintextB64);
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv(algorithm(key), encryptionKey(key, version, context), nonce);
  if (associatedData) cipher.setAAD(associatedData);
  const body = Buffer.concat([nonce, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return `vault:v${version}:${body.toString('base64')}`;
}

/** keysutil.Policy.Decrypt, in its order of checks; returns base64 plaintext. */
function decrypt(key: TransitKey, value: string, context: Buffer | undefined, associatedData?: Buffer): string {
  if (!value.startsWith('vault:v')) throw new UserError('invalid ciphertext: no prefix');
  const rest = value.slice('vault:v'.length);
  const colon = rest.indexOf(':');
  if (colon < 0) throw new UserError('invalid ciphertext: wrong number of fields');
  let version = goAtoi(rest.slice(0, colon));
  if (version === undefined) throw new UserError('invalid ciphertext: version number could not be decoded');
  if (version === 0) version = 1;
  if (version > key.latestVersion) throw new UserError('invalid ciphertext: version is too new');
  if (key.minDecryptionVersion > 0 && version < key.minDecryptionVersion) throw new UserError(TOO_OLD);
  let decoded: Buffer;
  try {
    decoded = goBase64Decode(rest.slice(colon + 1));
  } catch {
    throw new UserError('invalid ciphertext: could not decode base64');
  }
  if (decoded.length < NONCE) throw new UserError('invalid ciphertext length');
  // Versions below min_available_version were trimmed; their ciphertexts can no longer be opened.
  if (!key.versions.has(version)) throw new UserError(TOO_OLD);
  const encKey = encryptionKey(key, version, context);
  try {
    if (decoded.length < NONCE + TAG) throw new Error('short');
    const decipher = createDecipheriv(algorithm(key), encKey, decoded.subarray(0, NONCE));
    if (associatedData) decipher.setAAD(associatedData);
    decipher.setAuthTag(decoded.subarray(decoded.length - TAG));
    const plain = Buffer.concat([decipher.update(decoded.subarray(NONCE, decoded.length - TAG)), decipher.final()]);
    return plain.toString('base64');
  } catch {
    throw new UserError('cipher: message authentication failed');
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startVaultTransitServer(options: VaultTransitServerOptions): Promise<VaultTransitServer> {
  const mount = options.mount ?? 'transit';
  const rootToken = `hvs.root-${randomBytes(12).toString('hex')}`;
  const keys = new Map<string, TransitKey>();
  const requests: RecordedRequest[] = [];
  let policy: VaultPolicy = options.policy ?? 'root';
  let disableUpsert = options.disableUpsert ?? false;
  let sealed = false;
  let tokenValid = true;
  let held: Array<() => void> | undefined;
  let holdFilter: RequestFilter | undefined;
  const waiters: Array<{ filter: RequestFilter; resolve: (request: RecordedRequest) => void }> = [];
  const arrivalWaiters: Array<{ filter: RequestFilter; resolve: () => void }> = [];
  const lease = options.tokenLease;
  const tokenIssuedAt = Date.now();
  let tokenExpiresAt = lease ? tokenIssuedAt + lease.ttlSeconds * 1_000 : undefined;
  const tokenAccessor = randomBytes(12).toString('base64url');
  const tokenExpired = () => tokenExpiresAt !== undefined && Date.now() >= tokenExpiresAt;

  function createKey(name: string, body: Body, derivedDefault = false): TransitKey {
    const type = asString(body, 'type') ?? 'aes256-gcm96';
    if (type !== 'aes256-gcm96' && type !== 'aes128-gcm96') throw new UserError(`unknown key type ${type}`);
    const key: TransitKey = {
      name,
      type,
      derived: asBool(body, 'derived') ?? derivedDefault,
      exportable: asBool(body, 'exportable') ?? false,
      allowPlaintextBackup: asBool(body, 'allow_plaintext_backup') ?? false,
      deletionAllowed: false,
      autoRotatePeriod: asDurationSeconds(body, 'auto_rotate_period') ?? 0,
      latestVersion: 1,
      minDecryptionVersion: 1,
      minEncryptionVersion: 0,
      minAvailableVersion: 0,
      versions: new Map([[1, newVersion(type)]]),
    };
    return key;
  }

  function decodeContext(raw: unknown): Buffer | undefined {
    if (typeof raw !== 'string' || raw.length === 0) return undefined;
    return goBase64Decode(raw);
  }

  function batchItems(body: Body): Body[] | undefined {
    const raw = body.batch_input;
    if (raw === undefined || raw === null) return undefined;
    if (!Array.isArray(raw)) throw new UserError('failed to parse batch input: source data must be an array or slice');
    if (raw.length === 0) throw new UserError('missing batch input to process');
    const items = raw as Body[];
    const contextSet = typeof items[0]?.context === 'string' && items[0].context !== '';
    for (const item of items) {
      const has = typeof item.context === 'string' && item.context !== '';
      if (has !== contextSet) throw new UserError('context should be set either in all the request blocks or in none');
    }
    return items;
  }

  /** Encrypt/decrypt batch status: 400 on any user error unless some succeeded and an override was sent. */
  function batchStatus(body: Body, anyError: boolean, anySuccess: boolean): { status: number; warnings?: string[] } {
    if (!anyError) return { status: 200 };
    const override = asInt(body, 'partial_failure_response_code');
    if (override !== undefined && anySuccess) {
      if (override < 1 || override > 599) {
        return { status: 400, warnings: ['invalid HTTP response code override from partial_failure_response_code, reverting to 400'] };
      }
      return { status: override };
    }
    return { status: 400 };
  }

  const handlers = {
    listKeys(): Reply {
      const names = [...keys.keys()].sort();
      return names.length === 0 ? { status: 404, errors: [] } : { status: 200, data: { keys: names } };
    },

    keys(name: string, method: string, body: Body): Reply {
      const key = keys.get(name);
      if (method === 'GET') return key ? { status: 200, data: keyBody(key) } : { status: 404, errors: [] };
      if (method === 'DELETE') {
        if (!key) return { status: 400, errors: [`error deleting policy ${name}: could not delete key; not found`] };
        if (!key.deletionAllowed) {
          return { status: 400, errors: [`error deleting policy ${name}: deletion is not allowed for this key`] };
        }
        keys.delete(name);
        return { status: 204 };
      }
      const period = asDurationSeconds(body, 'auto_rotate_period') ?? 0;
      if (period !== 0 && period < 3600) return { status: 400, errors: ['auto rotate period must be 0 to disable or at least an hour'] };
      if (asBool(body, 'convergent_encryption') && !asBool(body, 'derived')) {
        return { status: 400, errors: ['convergent encryption requires derivation to be enabled'] };
      }
      if (key) return { status: 200, data: keyBody(key), warnings: [`key ${name} already existed`] };
      const created = createKey(name, body);
      keys.set(name, created);
      return { status: 200, data: keyBody(created) };
    },

    config(name: string, body: Body): Reply {
      const key = keys.get(name);
      if (!key) return { status: 400, errors: [`no existing key named ${name} could be found`] };
      const next = { ...key };
      const warnings: string[] = [];
      let minDecryption = asInt(body, 'min_decryption_version');
      if (minDecryption !== undefined) {
        if (minDecryption < 0) return { status: 400, errors: ['min decryption version cannot be negative'] };
        if (minDecryption === 0) {
          minDecryption = 1;
          warnings.push('since Vault 0.3, transit key numbering starts at 1; forcing minimum to 1');
        }
        if (minDecryption !== key.minDecryptionVersion) {
          if (minDecryption > key.latestVersion) {
            return {
              status: 400,
              errors: [`cannot set min decryption version of ${minDecryption}, latest key version is ${key.latestVersion}`],
            };
          }
          next.minDecryptionVersion = minDecryption;
        }
      }
      const minEncryption = asInt(body, 'min_encryption_version');
      if (minEncryption !== undefined) {
        if (minEncryption < 0) return { status: 400, errors: ['min encryption version cannot be negative'] };
        if (minEncryption !== key.minEncryptionVersion && minEncryption > key.latestVersion) {
          return {
            status: 400,
            errors: [`cannot set min encryption version of ${minEncryption}, latest key version is ${key.latestVersion}`],
          };
        }
        next.minEncryptionVersion = minEncryption;
      }
      if (next.minEncryptionVersion > 0 && next.minEncryptionVersion < next.minDecryptionVersion) {
        return {
          status: 400,
          errors: [
            `cannot set min encryption/decryption values; min encryption version of ${next.minEncryptionVersion} must be greater than or equal to min decryption version of ${next.minDecryptionVersion}`,
          ],
        };
      }
      const deletionAllowed = asBool(body, 'deletion_allowed');
      if (deletionAllowed !== undefined) next.deletionAllowed = deletionAllowed;
      // One-way flags: a false is silently ignored.
      if (asBool(body, 'exportable')) next.exportable = true;
      if (asBool(body, 'allow_plaintext_backup')) next.allowPlaintextBackup = true;
      const period = asDurationSeconds(body, 'auto_rotate_period');
      if (period !== undefined) {
        if (period !== 0 && period < 3600) return { status: 400, errors: ['auto rotate period must be 0 to disable or at least an hour'] };
        next.autoRotatePeriod = period;
      }
      if (next.minAvailableVersion > next.minDecryptionVersion) {
        return { status: 400, errors: ['min decryption version should not be less then min available version'] };
      }
      Object.assign(key, next);
      return { status: 200, data: keyBody(key), warnings: warnings.length > 0 ? warnings : undefined };
    },

    rotate(name: string): Reply {
      const key = keys.get(name);
      if (!key) return { status: 400, errors: ['key not found'] };
      key.latestVersion += 1;
      key.versions.set(key.latestVersion, newVersion(key.type));
      return { status: 200, data: keyBody(key) };
    },

    trim(name: string, body: Body): Reply {
      const key = keys.get(name);
      if (!key) return { status: 400, errors: ['invalid key name'] };
      const minAvailable = asInt(body, 'min_available_version');
      if (minAvailable === undefined) return { status: 400, errors: ['missing min_available_version'] };
      if (key.minEncryptionVersion === 0) {
        return { status: 400, errors: ['minimum available version cannot be set when minimum encryption version is not set'] };
      }
      if (minAvailable > key.minEncryptionVersion) {
        return { status: 400, errors: ['minimum available version cannot be greater than minimum encryption version'] };
      }
      if (minAvailable > key.minDecryptionVersion) {
        return { status: 400, errors: ['minimum available version cannot be greater than minimum decryption version'] };
      }
      if (minAvailable < key.minAvailableVersion) return { status: 400, errors: ['minimum available version cannot be decremented'] };
      for (const version of [...key.versions.keys()]) if (version < minAvailable) key.versions.delete(version);
      key.minAvailableVersion = minAvailable;
      return { status: 200, data: keyBody(key) };
    },

    encrypt(name: string, body: Body, operation: Operation): Reply {
      const batch = batchItems(body);
      const items = batch ?? [
        { plaintext: body.plaintext, context: body.context, key_version: body.key_version, associated_data: body.associated_data, reference: undefined },
      ];
      if (!batch && (body.plaintext === undefined || body.plaintext === null)) {
        return { status: 400, errors: ['missing plaintext to encrypt'] };
      }
      let key = keys.get(name);
      if (!key) {
        // Only reachable as a `create`: the ACL already allowed it. disable_upsert turns it into a miss.
        if (operation !== 'create' || disableUpsert) return { status: 400, errors: ['encryption key not found'] };
        key = createKey(name, { type: body.type ?? 'aes256-gcm96' }, typeof items[0]?.context === 'string' && items[0].context !== '');
        keys.set(name, key);
      }
      const results = items.map((item) => {
        try {
          const ciphertext = encrypt(
            key,
            String(item.plaintext ?? ''),
            decodeContext(item.context),
            asInt(item, 'key_version') ?? 0,
            decodeContext(item.associated_data),
          );
          const version = Number(/^vault:v(\d+):/.exec(ciphertext)![1]);
          return { ciphertext, key_version: version, reference: asString(item, 'reference') ?? '' };
        } catch (error) {
          if (!(error instanceof UserError)) throw error;
          return { error: error.message, reference: asString(item, 'reference') ?? '' };
        }
      });
      if (!batch) {
        const only = results[0]!;
        if (only.error !== undefined) return { status: 400, errors: [only.error] };
        return { status: 200, data: { ciphertext: only.ciphertext, key_version: only.key_version } };
      }
      const { status, warnings } = batchStatus(body, results.some((r) => 'error' in r), results.some((r) => !('error' in r)));
      return { status, data: { batch_results: results }, warnings };
    },

    decrypt(name: string, body: Body): Reply {
      const batch = batchItems(body);
      if (!batch && (typeof body.ciphertext !== 'string' || body.ciphertext === '')) {
        return { status: 400, errors: ['missing ciphertext to decrypt'] };
      }
      const items = batch ?? [{ ciphertext: body.ciphertext, context: body.context, associated_data: body.associated_data }];
      const key = keys.get(name);
      if (!key) return { status: 400, errors: ['encryption key not found'] };
      const results = items.map((item) => {
        const reference = asString(item, 'reference') ?? '';
        try {
          if (typeof item.ciphertext !== 'string' || item.ciphertext === '') throw new UserError('missing ciphertext to decrypt');
          return { plaintext: decrypt(key, item.ciphertext, decodeContext(item.context), decodeContext(item.associated_data)), reference };
        } catch (error) {
          if (!(error instanceof UserError)) throw error;
          // Vault's DecryptBatchResponseItem.plaintext has no omitempty: failed items carry "".
          return { plaintext: '', error: error.message, reference };
        }
      });
      if (!batch) {
        const only = results[0]!;
        if (only.error !== undefined) return { status: 400, errors: [only.error] };
        return { status: 200, data: { plaintext: only.plaintext } };
      }
      const { status, warnings } = batchStatus(body, results.some((r) => r.error !== undefined), results.some((r) => r.error === undefined));
      return { status, data: { batch_results: results }, warnings };
    },

    rewrap(name: string, body: Body): Reply {
      const batch = batchItems(body);
      if (!batch && (typeof body.ciphertext !== 'string' || body.ciphertext === '')) {
        return { status: 400, errors: ['missing ciphertext to decrypt'] };
      }
      const items = batch ?? [{ ciphertext: body.ciphertext, context: body.context, key_version: body.key_version }];
      const key = keys.get(name);
      if (!key) return { status: 400, errors: ['encryption key not found'] };
      const results = items.map((item) => {
        const reference = asString(item, 'reference') ?? '';
        try {
          if (typeof item.ciphertext !== 'string' || item.ciphertext === '') throw new UserError('missing ciphertext to decrypt');
          const context = decodeContext(item.context);
          const plaintext = decrypt(key, item.ciphertext, context);
          const ciphertext = encrypt(key, plaintext, context, asInt(item, 'key_version') ?? 0);
          return { ciphertext, key_version: Number(/^vault:v(\d+):/.exec(ciphertext)![1]), reference };
        } catch (error) {
          if (!(error instanceof UserError)) throw error;
          return { error: error.message, reference };
        }
      });
      if (!batch) {
        const only = results[0]!;
        if (only.error !== undefined) return { status: 400, errors: [only.error] };
        return { status: 200, data: { ciphertext: only.ciphertext, key_version: only.key_version } };
      }
      // Unlike encrypt/decrypt, rewrap has no batchRequestResponse: per-item errors still answer 200.
      return { status: 200, data: { batch_results: results } };
    },

    datakey(kind: string, name: string, body: Body): Reply {
      if (kind !== 'plaintext' && kind !== 'wrapped') return { status: 400, errors: ["Invalid path, must be 'plaintext' or 'wrapped'"] };
      const bits = asInt(body, 'bits') ?? 256;
      if (![128, 256, 512].includes(bits)) return { status: 400, errors: ['invalid bit length'] };
      const key = keys.get(name);
      if (!key) return { status: 400, errors: ['encryption key not found'] };
      const material = randomBytes(bits / 8).toString('base64');
      const ciphertext = encrypt(key, material, decodeContext(body.context));
      return {
        status: 200,
        data: { ...(kind === 'plaintext' ? { plaintext: material } : {}), ciphertext, key_version: key.latestVersion },
      };
    },
  };

  const rfc3339 = (ms: number) => new Date(ms).toISOString();
  const secondsLeft = () => (tokenExpiresAt === undefined ? 0 : Math.max(0, Math.floor((tokenExpiresAt - Date.now()) / 1_000)));

  /**
   * The app token's self-service endpoints, with the bodies of Vault's token auth API docs
   * (developer.hashicorp.com/vault/api-docs/auth/token, "Lookup a token (self)" and "Renew a token
   * (self)"). Both bodies hold the token itself (`data.id`, `auth.client_token`), as Vault's do, so a
   * client that logged them would be caught by the tests' log checks.
   */
  const tokenHandlers = {
    lookupSelf(token: string): Reply {
      const policies = policy === 'root' ? ['root'] : ['default', 'whatsapp-connect'];
      return {
        status: 200,
        mountType: 'token',
        data: {
          accessor: tokenAccessor,
          creation_time: Math.floor(tokenIssuedAt / 1_000),
          creation_ttl: lease?.periodSeconds ?? lease?.ttlSeconds ?? 0,
          display_name: 'token-whatsapp-connect',
          entity_id: '',
          expire_time: tokenExpiresAt === undefined ? null : rfc3339(tokenExpiresAt),
          explicit_max_ttl: lease?.explicitMaxTtlSeconds ?? 0,
          id: token,
          issue_time: rfc3339(tokenIssuedAt),
          meta: null,
          num_uses: 0,
          orphan: true,
          path: 'auth/token/create-orphan',
          ...(lease?.periodSeconds ? { period: lease.periodSeconds } : {}),
          policies,
          renewable: lease ? lease.renewable !== false : false,
          ttl: secondsLeft(),
          type: 'service',
        },
      };
    },

    /** vault/expiration.go RenewToken: `leaseEntry.renewable()` refuses with "lease is not renewable". */
    renewSelf(token: string, body: Body): Reply {
      if (!lease || lease.renewable === false) return { status: 400, errors: ['lease is not renewable'] };
      const warnings: string[] = [];
      let ttl = lease.periodSeconds ?? asDurationSeconds(body, 'increment') ?? lease.ttlSeconds;
      if (!lease.periodSeconds && lease.explicitMaxTtlSeconds) {
        const left = Math.floor((tokenIssuedAt + lease.explicitMaxTtlSeconds * 1_000 - Date.now()) / 1_000);
        if (ttl > left) {
          warnings.push(
            `TTL of "${ttl}s" exceeded the effective max_ttl of "${Math.max(0, left)}s"; TTL value is capped accordingly`,
          );
          ttl = Math.max(0, left);
        }
      }
      tokenExpiresAt = Date.now() + ttl * 1_000;
      const policies = policy === 'root' ? ['root'] : ['default', 'whatsapp-connect'];
      return {
        status: 200,
        mountType: 'token',
        warnings,
        auth: {
          client_token: token,
          accessor: tokenAccessor,
          policies,
          token_policies: policies,
          metadata: null,
          lease_duration: ttl,
          renewable: true,
          entity_id: '',
          token_type: 'service',
          orphan: true,
          mfa_requirement: null,
          num_uses: 0,
        },
      };
    },
  };

  function route(path: string, token: string): Route | undefined {
    if (path === 'auth/token/lookup-self') {
      return { fields: ['token'], operations: { GET: 'read' }, handle: () => tokenHandlers.lookupSelf(token) };
    }
    if (path === 'auth/token/renew-self') {
      return { fields: ['increment'], operations: { POST: 'update' }, handle: (_method, body) => tokenHandlers.renewSelf(token, body) };
    }
    const prefix = `${mount}/`;
    if (!path.startsWith(prefix)) return undefined;
    const rest = path.slice(prefix.length);
    let m: RegExpExecArray | null;
    if (/^keys\/?$/.test(rest)) {
      return { fields: ['after', 'limit'], operations: { LIST: 'list' }, handle: () => handlers.listKeys() };
    }
    if ((m = new RegExp(`^keys/(${NAME})$`).exec(rest))) {
      const name = m[1]!;
      return {
        fields: ['type', 'derived', 'convergent_encryption', 'exportable', 'allow_plaintext_backup', 'context', 'auto_rotate_period', 'key_size'],
        operations: { GET: 'read', POST: 'update', DELETE: 'delete' },
        handle: (method, body) => handlers.keys(name, method, body),
      };
    }
    if ((m = new RegExp(`^keys/(${NAME})/config$`).exec(rest))) {
      const name = m[1]!;
      return {
        fields: ['min_decryption_version', 'min_encryption_version', 'deletion_allowed', 'exportable', 'allow_plaintext_backup', 'auto_rotate_period'],
        operations: { POST: 'update' },
        handle: (_method, body) => handlers.config(name, body),
      };
    }
    if ((m = new RegExp(`^keys/(${NAME})/rotate$`).exec(rest))) {
      const name = m[1]!;
      return { fields: ['managed_key_name', 'managed_key_id'], operations: { POST: 'update' }, handle: () => handlers.rotate(name) };
    }
    if ((m = new RegExp(`^keys/(${NAME})/trim$`).exec(rest))) {
      const name = m[1]!;
      return { fields: ['min_available_version'], operations: { POST: 'update' }, handle: (_method, body) => handlers.trim(name, body) };
    }
    if ((m = new RegExp(`^encrypt/(${NAME})$`).exec(rest))) {
      const name = m[1]!;
      let operation: Operation = 'update';
      return {
        fields: ['plaintext', 'context', 'nonce', 'type', 'convergent_encryption', 'key_version', 'associated_data', 'batch_input', 'partial_failure_response_code'],
        operations: { POST: 'update' },
        exists: () => {
          const found = keys.has(name);
          operation = found ? 'update' : 'create';
          return found;
        },
        handle: (_method, body) => handlers.encrypt(name, body, operation),
      };
    }
    if ((m = new RegExp(`^decrypt/(${NAME})$`).exec(rest))) {
      const name = m[1]!;
      return {
        fields: ['ciphertext', 'context', 'nonce', 'associated_data', 'batch_input', 'partial_failure_response_code'],
        operations: { POST: 'update' },
        handle: (_method, body) => handlers.decrypt(name, body),
      };
    }
    if ((m = new RegExp(`^rewrap/(${NAME})$`).exec(rest))) {
      const name = m[1]!;
      return {
        fields: ['ciphertext', 'context', 'nonce', 'key_version', 'batch_input'],
        operations: { POST: 'update' },
        handle: (_method, body) => handlers.rewrap(name, body),
      };
    }
    if ((m = new RegExp(`^datakey/(\\w+)/(${NAME})$`).exec(rest))) {
      const [kind, name] = [m[1]!, m[2]!];
      return {
        fields: ['bits', 'context', 'nonce', 'key_version', 'associated_data'],
        operations: { POST: 'update' },
        handle: (_method, body) => handlers.datakey(kind, name, body),
      };
    }
    if (rest === 'config/keys') {
      return {
        fields: ['disable_upsert'],
        operations: { GET: 'read', POST: 'update' },
        handle: (method, body) => {
          if (method === 'POST') {
            const value = asBool(body, 'disable_upsert');
            if (value !== undefined) disableUpsert = value;
          }
          return { status: 200, data: { disable_upsert: disableUpsert } };
        },
      };
    }
    return undefined;
  }

  function send(res: ServerResponse, reply: Reply): void {
    if (reply.status === 204) {
      res.writeHead(204).end();
      return;
    }
    const payload =
      reply.raw ??
      (reply.errors
        ? { errors: reply.errors }
        : {
            request_id: randomUUID(),
            lease_id: '',
            renewable: false,
            lease_duration: 0,
            data: reply.data ?? null,
            wrap_info: null,
            warnings: reply.warnings && reply.warnings.length > 0 ? reply.warnings : null,
            auth: reply.auth ?? null,
            mount_type: reply.mountType ?? 'transit',
          });
    const text = JSON.stringify(payload);
    res.writeHead(reply.status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) }).end(text);
  }

  async function answer(req: IncomingMessage): Promise<Reply> {
    const url = new URL(req.url ?? '/', 'http://vault');
    const raw = await readBody(req);
    const method = (req.method ?? 'GET').toUpperCase();
    if (!url.pathname.startsWith('/v1/')) return { status: 404, errors: [] };
    const path = url.pathname.slice('/v1/'.length);

    let body: Body = {};
    if (raw.trim() !== '') {
      try {
        const parsed: unknown = JSON.parse(raw);
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
        body = parsed as Body;
      } catch (error) {
        return { status: 400, errors: [`failed to parse JSON input: ${(error as Error).message}`] };
      }
    }
    const requestId = req.headers['x-request-id'];
    const recorded: RecordedRequest = { method, path, body, ...(typeof requestId === 'string' ? { requestId } : {}) };
    requests.push(recorded);
    recordedOf.set(req, recorded);

    if (path === 'sys/health') {
      const health = { initialized: true, sealed, standby: false, performance_standby: false, version: '1.18.5', cluster_name: 'vault-test' };
      return { status: sealed ? 503 : 200, raw: health };
    }
    if (sealed) return { status: 503, errors: ['Vault is sealed'] };

    const token = req.headers['x-vault-token'];
    const tokenPolicy: VaultPolicy | undefined =
      token === rootToken
        ? 'root'
        : token === options.token && tokenValid && !tokenExpired()
          ? policy
          : typeof token === 'string'
            ? options.tokens?.[token]
            : undefined;
    if (tokenPolicy === undefined) {
      return { status: 403, errors: [token === undefined ? PERMISSION_DENIED : INVALID_TOKEN] };
    }

    if (path === 'sys/seal' && (method === 'PUT' || method === 'POST')) {
      if (!allowed(tokenPolicy, path, 'sudo')) return { status: 403, errors: [PERMISSION_DENIED] };
      sealed = true;
      return { status: 204 };
    }

    const listing = method === 'LIST' || (method === 'GET' && ['true', '1'].includes(url.searchParams.get('list') ?? ''));
    const verb = listing ? 'LIST' : method === 'PUT' ? 'POST' : method;
    const found = route(path, String(token));
    let operation: Operation | undefined = found?.operations[verb as keyof Route['operations']];
    if (found && operation === 'update' && found.exists && !found.exists()) operation = 'create';
    const capability: Operation = operation ?? (verb === 'GET' ? 'read' : verb === 'LIST' ? 'list' : verb === 'DELETE' ? 'delete' : 'update');
    if (!allowed(tokenPolicy, path, capability, body)) return { status: 403, errors: [PERMISSION_DENIED] };

    if (!found) {
      return path.startsWith(`${mount}/`)
        ? { status: 404, errors: ['unsupported path'] }
        : { status: 404, errors: [`no handler for route "${path}". route entry not found.`] };
    }
    if (!operation) return { status: 405, errors: ['unsupported operation'] };

    try {
      const reply = found.handle(verb, body);
      const ignored = Object.keys(body).filter((f) => !found.fields.includes(f)).sort();
      if (ignored.length > 0 && reply.status < 300 && reply.status !== 204) {
        reply.warnings = [...(reply.warnings ?? []), `Endpoint ignored these unrecognized parameters: [${ignored.join(' ')}]`];
      }
      return reply;
    } catch (error) {
      if (error instanceof UserError) return { status: 400, errors: [error.message] };
      return { status: 500, errors: ['1 error occurred:\n\t* internal error\n\n'] };
    }
  }

  const recordedOf = new WeakMap<IncomingMessage, RecordedRequest>();
  const answered = (req: IncomingMessage) => {
    const recorded = recordedOf.get(req);
    if (!recorded) return;
    for (const waiter of [...waiters]) {
      if (!waiter.filter(recorded)) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(recorded);
    }
  };

  const server = createServer((req, res) => {
    const run = () => {
      answer(req).then(
        (reply) => {
          send(res, reply);
          answered(req);
        },
        () => send(res, { status: 500, errors: ['1 error occurred:\n\t* internal error\n\n'] }),
      );
    };
    const arrived = { method: (req.method ?? 'GET').toUpperCase(), path: new URL(req.url ?? '/', 'http://vault').pathname.replace(/^\/v1\//, '') };
    const hold = held !== undefined && (!holdFilter || holdFilter(arrived));
    if (hold) held!.push(run);
    else run();
    for (const waiter of [...arrivalWaiters]) {
      if (!waiter.filter(arrived)) continue;
      arrivalWaiters.splice(arrivalWaiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    const pending = held ?? [];
    held = undefined;
    pending.forEach((run) => run());
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  onDispose(close);

  return {
    address: `http://127.0.0.1:${port}`,
    rootToken,
    mount,
    requests,
    seal: () => {
      sealed = true;
    },
    unseal: () => {
      sealed = false;
    },
    setTokenValid: (valid) => {
      tokenValid = valid;
    },
    setPolicy: (next) => {
      policy = next;
    },
    setDisableUpsert: (disabled) => {
      disableUpsert = disabled;
    },
    holdRequests: (filter) => {
      held = held ?? [];
      holdFilter = filter;
      return () => {
        const pending = held ?? [];
        held = undefined;
        holdFilter = undefined;
        pending.forEach((run) => run());
      };
    },
    nextRequest: (filter) => new Promise<RecordedRequest>((resolve) => waiters.push({ filter, resolve })),
    nextArrival: (filter) => new Promise<void>((resolve) => arrivalWaiters.push({ filter, resolve })),
    tokenTtlSeconds: () => (tokenExpiresAt === undefined ? undefined : secondsLeft()),
    hasKey: (name) => keys.has(name),
    close,
  };
}
