import http from 'node:http';
import https from 'node:https';
import NodeVault from 'node-vault';
import { outboundRequestHeaders } from '../../platform/observability/request-context';
import { asCiphertext, parseCiphertext, type Ciphertext } from './ciphertext';
import type { Logger } from '../../platform/observability/logger';
import type { KeyBackend, KeyInfo, RewrapBinding } from './key-backend';
import { KeyBatchError, KeyError, KeyNotFoundError, KeyPermissionDeniedError, type KeyBatchFailure } from './key-errors';
import { translateVaultError, translateVaultMessage, type TranslationContext } from './vault-error-translation';
import { assertUserId } from './user-id';
import { VaultTokenRenewal, type TokenLease, type TokenSelfService } from './vault-token-renewal';

export interface VaultTransitBackendOptions {
  /** e.g. `https://vault.internal:8200`. */
  address: string;
  token: string;
  namespace?: string;
  /** The transit mount path, e.g. `transit`. */
  mount: string;
  /** Key names are `<keyPrefix><userId>`; the Vault policy grants exactly that prefix. */
  keyPrefix: string;
  /** Per-request timeout; node-vault has none by default. */
  timeoutMs: number;
  /** Items per rewrap request. Default 500: well under Vault's 32 MB request limit for token-sized values. */
  rewrapBatchSize?: number;
  /** Upper bound of concurrent sockets to Vault. Default 64. */
  maxSockets?: number;
  /**
   * The privileged token (vault/erasure-policy.hcl) used only by `deleteKey`; the app token's policy
   * cannot delete keys. Without it, `deleteKey` tries the app token, which the shipped policy refuses.
   */
  erasureToken?: string;
}

interface KeyBody {
  data?: {
    latest_version?: number;
    min_decryption_version?: number;
    keys?: Record<string, number | string>;
  };
}

interface EncryptBody {
  data: { ciphertext: string; key_version: number };
}

interface DecryptBody {
  data: { plaintext: string };
}

interface BatchResultItem {
  ciphertext?: string;
  /** Decrypt batches only. */
  plaintext?: string;
  key_version?: number;
  error?: string;
}

interface BatchBody {
  data?: { batch_results?: BatchResultItem[] };
}

// lookup-self's `data` also holds `id`, the token itself: only these two fields are ever read.
interface TokenLookupBody {
  data?: { renewable?: boolean; ttl?: number };
}

// renew-self's `auth` also holds `client_token`: only these two fields are ever read.
interface TokenRenewBody {
  auth?: { renewable?: boolean; lease_duration?: number };
}

interface MountKeysConfigBody {
  data?: { disable_upsert?: boolean };
}

/** Transit's `associated_data` (AES-GCM AAD, base64), left out entirely when there is none. */
function aadField(associatedData: Buffer | undefined): { associated_data?: string } {
  return associatedData ? { associated_data: associatedData.toString('base64') } : {};
}

/** How the mount treats encrypt for a missing key, as far as this token can tell. */
export type UpsertStatus = 'disabled' | 'enabled' | 'unknown';

/**
 * Production key backend: one Vault transit key per user (`aes256-gcm96`, not exportable, no plaintext
 * backup), called through node-vault's raw `read`/`write`/`delete` (its transit helpers put request
 * options into the JSON body). Deleting the key is the crypto-shred.
 */
export class VaultTransitBackend implements KeyBackend, TokenSelfService {
  readonly kind = 'vault' as const;
  // ECMAScript-private, unlike the other fields: the client holds the token, and a logged or inspected
  // backend must never show it.
  readonly #client: NodeVault.client;
  /** Holds the erasure token; only `deleteKey` uses it. */
  readonly #erasureClient: NodeVault.client;
  readonly #httpAgent: http.Agent;
  readonly #httpsAgent: https.Agent;
  private readonly mount: string;
  private readonly keyPrefix: string;
  private readonly timeoutMs: number;
  private readonly rewrapBatchSize: number;
  private tokenRenewal: VaultTokenRenewal | undefined;
  private erasureTokenRenewal: VaultTokenRenewal | undefined;

  constructor(options: VaultTransitBackendOptions) {
    this.mount = options.mount;
    this.keyPrefix = options.keyPrefix;
    this.timeoutMs = options.timeoutMs;
    this.rewrapBatchSize = options.rewrapBatchSize ?? 500;
    const maxSockets = options.maxSockets ?? 64;
    this.#httpAgent = new http.Agent({ keepAlive: true, maxSockets });
    this.#httpsAgent = new https.Agent({ keepAlive: true, maxSockets });
    this.#client = this.clientFor(options, options.token);
    this.#erasureClient = options.erasureToken ? this.clientFor(options, options.erasureToken) : this.#client;
  }

  private clientFor(options: VaultTransitBackendOptions, token: string): NodeVault.client {
    const client = NodeVault({
      endpoint: options.address,
      token,
      namespace: options.namespace,
      // node-vault's own `debug('node-vault')` logs every request body, i.e. base64 plaintext and
      // ciphertexts, whenever DEBUG matches. A no-op logger here means no DEBUG value can turn that on.
      debug: () => undefined,
      // node-vault forwards exactly these three to axios (src/index.js requestWrapper). Passing our own
      // https agent also means the agent node-vault builds from VAULT_SKIP_VERIFY is never used.
      // `headers` is a getter: node-vault spreads requestOptions into every call, so each carries the
      // current request id (Vault's audit log then joins ours).
      requestOptions: {
        timeout: options.timeoutMs,
        httpAgent: this.#httpAgent,
        httpsAgent: this.#httpsAgent,
        get headers() {
          return outboundRequestHeaders();
        },
      },
    });
    // node-vault falls back to VAULT_PREFIX / VAULT_NAMESPACE from the environment for unset options;
    // config.ts is the only reader of the environment, so pin both to what we were given.
    const mutable = client as NodeVault.client & { pathPrefix: string; namespace?: string };
    mutable.pathPrefix = '';
    mutable.namespace = options.namespace;
    return client;
  }

  async ensureKey(userId: string): Promise<void> {
    // Creating an existing key answers 200 with a warning and changes nothing, so this is idempotent.
    await this.call('create key', () =>
      this.#client.write(this.keyPath(userId), {
        type: 'aes256-gcm96',
        derived: false,
        exportable: false,
        allow_plaintext_backup: false,
      }),
    );
  }

  async encrypt(userId: string, plaintext: string, associatedData?: Buffer): Promise<Ciphertext> {
    const name = this.keyName(userId);
    const path = `${this.mount}/encrypt/${name}`;
    try {
      const body = (await this.#client.write(path, {
        plaintext: Buffer.from(plaintext, 'utf8').toString('base64'),
        ...aadField(associatedData),
      })) as EncryptBody;
      return asCiphertext(body.data.ciphertext);
    } catch (error) {
      const translated = translateVaultError(error, this.context('encrypt'));
      // Encrypting to a missing key is a *create* for Vault's ACL, so a least-privilege token (no
      // `create`) gets 403 instead of "encryption key not found". Tell the two apart with one read.
      if (
        translated instanceof KeyPermissionDeniedError &&
        translated.reason === 'capability' &&
        (await this.keyIsMissing(userId))
      ) {
        throw KeyNotFoundError.forUser();
      }
      throw translated;
    }
  }

  async decrypt(userId: string, ciphertext: Ciphertext, associatedData?: Buffer): Promise<string> {
    const { version } = parseCiphertext(ciphertext);
    const body = (await this.call(
      'decrypt',
      () => this.#client.write(`${this.mount}/decrypt/${this.keyName(userId)}`, { ciphertext, ...aadField(associatedData) }),
      version,
    )) as DecryptBody;
    return Buffer.from(body.data.plaintext, 'base64').toString('utf8');
  }

  async rewrap(userId: string, ciphertexts: Ciphertext[], bindings?: ReadonlyArray<RewrapBinding | undefined>): Promise<Ciphertext[]> {
    const name = this.keyName(userId);
    const bound = bindings?.some((binding) => binding?.from !== undefined || binding?.to !== undefined) ?? false;
    const results: Array<Ciphertext | undefined> = new Array(ciphertexts.length);
    const failures: KeyBatchFailure[] = [];
    for (let start = 0; start < ciphertexts.length; start += this.rewrapBatchSize) {
      const chunk = ciphertexts.slice(start, start + this.rewrapBatchSize);
      const items = bound
        ? await this.reencryptChunk(name, chunk, bindings!.slice(start, start + this.rewrapBatchSize))
        : await this.rewrapChunk(`${this.mount}/rewrap/${name}`, chunk);
      items.forEach((item, offset) => {
        const index = start + offset;
        if (item.error || !item.ciphertext) {
          failures.push({ index, error: this.batchItemError(item.error ?? 'missing result', ciphertexts[index]) });
        } else {
          results[index] = asCiphertext(item.ciphertext);
        }
      });
    }
    if (failures.length > 0) throw new KeyBatchError<Ciphertext>(failures, results);
    return results as Ciphertext[];
  }

  async rotate(userId: string): Promise<KeyInfo> {
    const body = (await this.call('rotate key', () => this.#client.write(`${this.keyPath(userId)}/rotate`, {}))) as KeyBody;
    return this.infoFrom(body) ?? this.keyInfo(userId);
  }

  async setMinDecryptionVersion(userId: string, version: number): Promise<KeyInfo> {
    const body = (await this.call('configure key', () =>
      this.#client.write(`${this.keyPath(userId)}/config`, { min_decryption_version: version }),
    )) as KeyBody;
    return this.infoFrom(body) ?? this.keyInfo(userId);
  }

  async keyInfo(userId: string): Promise<KeyInfo> {
    const body = (await this.call('read key', () => this.#client.read(this.keyPath(userId)))) as KeyBody;
    const info = this.infoFrom(body);
    if (!info) throw translateVaultMessage(500, 'unexpected key body', this.context('read key'));
    return info;
  }

  async latestVersionCreatedAt(userId: string): Promise<Date> {
    const body = (await this.call('read key', () => this.#client.read(this.keyPath(userId)))) as KeyBody;
    const info = this.infoFrom(body);
    // Transit lists each version's creation as unix seconds (or an RFC 3339 string on some key types).
    const created = info ? body.data?.keys?.[String(info.latestVersion)] : undefined;
    const at = typeof created === 'number' ? new Date(created * 1_000) : typeof created === 'string' ? new Date(created) : undefined;
    if (!at || Number.isNaN(at.getTime())) throw translateVaultMessage(500, 'unexpected key body', this.context('read key'));
    return at;
  }

  async deleteKey(userId: string): Promise<void> {
    const path = this.keyPath(userId);
    try {
      // The erasure token's policy allows exactly these two calls; the app token's allows neither.
      await this.call('allow key deletion', () => this.#erasureClient.write(`${path}/config`, { deletion_allowed: true }));
      await this.call('delete key', () => this.#erasureClient.delete(path));
    } catch (error) {
      // Missing key (never created, or a concurrent delete won): already shredded.
      if (error instanceof KeyNotFoundError) return;
      throw error;
    }
  }

  /**
   * Reads the mount's `config/keys`. `enabled` means an encrypt by a token holding `create` would silently
   * create (or resurrect) a key; vault/init.sh sets `disable_upsert=true`. The app policy may not grant
   * this read, hence `unknown`.
   */
  async upsertStatus(): Promise<UpsertStatus> {
    try {
      const body = (await this.#client.read(`${this.mount}/config/keys`)) as MountKeysConfigBody;
      return body.data?.disable_upsert === true ? 'disabled' : 'enabled';
    } catch {
      return 'unknown';
    }
  }

  lookupSelf(): Promise<TokenLease> {
    return this.lookupSelfWith(this.#client);
  }

  renewSelf(): Promise<TokenLease> {
    return this.renewSelfWith(this.#client);
  }

  /**
   * Keeps the token alive while the backend is open (see `VaultTokenRenewal`), and the erasure token
   * too when there is one: erasure is rare, and its token must not have expired by then. Stopped by `close`.
   */
  startTokenRenewal(logger: Logger, options: { retryMinMs?: number } = {}): void {
    this.tokenRenewal?.stop();
    this.erasureTokenRenewal?.stop();
    this.tokenRenewal = new VaultTokenRenewal({ token: this, logger, ...options });
    this.tokenRenewal.start();
    if (this.#erasureClient !== this.#client) {
      const erasure = this.#erasureClient;
      this.erasureTokenRenewal = new VaultTokenRenewal({
        token: { lookupSelf: () => this.lookupSelfWith(erasure), renewSelf: () => this.renewSelfWith(erasure) },
        logger: logger.child({ vaultToken: 'erasure' }),
        ...options,
      });
      this.erasureTokenRenewal.start();
    }
  }

  async close(): Promise<void> {
    this.tokenRenewal?.stop();
    this.erasureTokenRenewal?.stop();
    this.#httpAgent.destroy();
    this.#httpsAgent.destroy();
  }

  private async lookupSelfWith(client: NodeVault.client): Promise<TokenLease> {
    const body = (await this.call('look up token', () => client.read('auth/token/lookup-self'))) as TokenLookupBody;
    return { renewable: body.data?.renewable === true, ttlSeconds: Number(body.data?.ttl ?? 0) };
  }

  private async renewSelfWith(client: NodeVault.client): Promise<TokenLease> {
    // No increment: Vault renews by the token's period (periodic tokens) or its default TTL.
    const body = (await this.call('renew token', () => client.write('auth/token/renew-self', {}))) as TokenRenewBody;
    return { renewable: body.auth?.renewable === true, ttlSeconds: Number(body.auth?.lease_duration ?? 0) };
  }

  private rewrapChunk(path: string, chunk: Ciphertext[]): Promise<BatchResultItem[]> {
    return this.batch('rewrap', path, chunk.map((ciphertext) => ({ ciphertext })));
  }

  /**
   * Rewrap for bound ciphertexts. Transit's rewrap endpoint documents no `associated_data` (it would open
   * a bound ciphertext with none and fail), so these go through one batch decrypt and one batch encrypt:
   * the plaintexts pass through this process, as they do on every ordinary read.
   */
  private async reencryptChunk(name: string, chunk: Ciphertext[], bindings: ReadonlyArray<RewrapBinding | undefined>): Promise<BatchResultItem[]> {
    const opened = await this.batch(
      'rewrap',
      `${this.mount}/decrypt/${name}`,
      chunk.map((ciphertext, index) => ({ ciphertext, ...aadField(bindings[index]?.from) })),
    );
    const readable = opened.flatMap((item, index) => (item.error || typeof item.plaintext !== 'string' ? [] : [index]));
    const results: BatchResultItem[] = opened.map((item) => ({ error: item.error || 'missing result' }));
    if (readable.length === 0) return results;
    const sealed = await this.batch(
      'rewrap',
      `${this.mount}/encrypt/${name}`,
      readable.map((index) => ({ plaintext: opened[index]!.plaintext!, ...aadField(bindings[index]?.to) })),
    );
    readable.forEach((index, offset) => {
      results[index] = sealed[offset]!;
    });
    return results;
  }

  private async batch(operation: string, path: string, batchInput: Array<Record<string, string>>): Promise<BatchResultItem[]> {
    let body: BatchBody;
    try {
      body = (await this.#client.write(path, {
        batch_input: batchInput,
        // Encrypt/decrypt answer 400 with a *data* body when any item fails; asking for 200 keeps mixed
        // results a success. Current Vault and OpenBao already answer 200 for rewrap batches and ignore this.
        partial_failure_response_code: 200,
      })) as BatchBody;
    } catch (error) {
      const response = (error as { response?: { body?: BatchBody } }).response;
      if (!response?.body?.data?.batch_results) throw translateVaultError(error, this.context(operation));
      body = response.body;
    }
    const items = body.data?.batch_results;
    if (!Array.isArray(items) || items.length !== batchInput.length) {
      throw translateVaultMessage(500, 'batch result count mismatch', this.context(operation));
    }
    return items;
  }

  private batchItemError(message: string, ciphertext: Ciphertext | undefined): KeyError {
    let version: number | undefined;
    try {
      version = parseCiphertext(ciphertext ?? '').version;
    } catch {
      version = undefined;
    }
    return translateVaultMessage(400, message, this.context('rewrap', version));
  }

  private async keyIsMissing(userId: string): Promise<boolean> {
    try {
      await this.#client.read(this.keyPath(userId));
      return false;
    } catch (error) {
      return translateVaultError(error, this.context('read key')) instanceof KeyNotFoundError;
    }
  }

  private infoFrom(body: KeyBody | ''): KeyInfo | undefined {
    // Current Vault answers rotate/config with the key body; older Vault with 204 and no body.
    const data = typeof body === 'object' ? body?.data : undefined;
    if (!data || typeof data.min_decryption_version !== 'number') return undefined;
    const latest = data.latest_version ?? Math.max(...Object.keys(data.keys ?? { 1: 0 }).map(Number));
    return { latestVersion: latest, minDecryptionVersion: data.min_decryption_version };
  }

  private async call<T>(operation: string, request: () => Promise<T>, ciphertextVersion?: number): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw translateVaultError(error, this.context(operation, ciphertextVersion));
    }
  }

  private context(operation: string, ciphertextVersion?: number): TranslationContext {
    return { operation, timeoutMs: this.timeoutMs, ciphertextVersion };
  }

  private keyName(userId: string): string {
    return `${this.keyPrefix}${assertUserId(userId)}`;
  }

  private keyPath(userId: string): string {
    return `${this.mount}/keys/${this.keyName(userId)}`;
  }
}
