import type { Logger } from '../../platform/observability/logger';
import { KeyError } from './key-errors';

/** What Vault says about the token's own lease (never the token itself). */
export interface TokenLease {
  renewable: boolean;
  /** Seconds until the token expires; 0 for a token that never expires (root, or a non-expiring one). */
  ttlSeconds: number;
}

/** The two token self-service calls the renewal needs; the Vault backend implements them. */
export interface TokenSelfService {
  /** `GET auth/token/lookup-self`. */
  lookupSelf(): Promise<TokenLease>;
  /** `POST auth/token/renew-self`; the answer is the lease Vault granted. */
  renewSelf(): Promise<TokenLease>;
}

export interface VaultTokenRenewalOptions {
  token: TokenSelfService;
  logger: Logger;
  /** Renew once this share of the current TTL has passed. Default 0.5, as node-vault's renewal does. */
  renewAtFraction?: number;
  /** First retry delay after a failed lookup or renewal; doubles up to `retryMaxMs`. Default 1 s. */
  retryMinMs?: number;
  /** Default 30 s. Never later than half of what is left of the token's TTL. */
  retryMaxMs?: number;
}

/**
 * Keeps the plugin's Vault token alive: looks the token up at start, and when it is renewable renews it
 * (renew-self) before its TTL runs out, again and again. A token that is not renewable, or that reaches
 * its max TTL, cannot be saved by the plugin: that is logged loudly with the time left, so an operator
 * can issue a new one (vault/init.sh issues a periodic token, renewable forever).
 *
 * Vault being briefly unavailable is retried with backoff; an invalid token or a policy without the
 * token self-service paths stops the renewal with an error log. Logs carry TTLs, never the token (the
 * lookup and renew bodies, which hold it, are read by the backend and never passed here).
 */
export class VaultTokenRenewal {
  private readonly token: TokenSelfService;
  private readonly logger: Logger;
  private readonly renewAtFraction: number;
  private readonly retryMinMs: number;
  private readonly retryMaxMs: number;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private failures = 0;
  /** When the token expires (ms since epoch), as of the last answer; undefined before the first. */
  private expiresAt: number | undefined;
  private lastGrantedSeconds: number | undefined;

  constructor(options: VaultTokenRenewalOptions) {
    this.token = options.token;
    this.logger = options.logger.child({ component: 'vault-token-renewal' });
    this.renewAtFraction = options.renewAtFraction ?? 0.5;
    this.retryMinMs = options.retryMinMs ?? 1_000;
    this.retryMaxMs = options.retryMaxMs ?? 30_000;
  }

  start(): void {
    this.schedule(0, () => this.lookUp());
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private async lookUp(): Promise<void> {
    let lease: TokenLease;
    try {
      lease = await this.token.lookupSelf();
    } catch (error) {
      this.failed('look up', error, () => this.lookUp());
      return;
    }
    this.failures = 0;
    this.expiresAt = Date.now() + lease.ttlSeconds * 1_000;
    if (lease.ttlSeconds === 0) {
      this.logger.info('the Vault token does not expire: no renewal needed');
      return;
    }
    if (!lease.renewable) {
      this.logger.warn(
        { expiresInSeconds: lease.ttlSeconds },
        'the Vault token is not renewable and will expire: issue a renewable (periodic) token before then (vault/init.sh does)',
      );
      return;
    }
    this.lastGrantedSeconds = lease.ttlSeconds;
    this.logger.info({ ttlSeconds: lease.ttlSeconds }, 'the Vault token is renewable: renewing it before it expires');
    this.scheduleRenewal(lease.ttlSeconds);
  }

  private async renew(): Promise<void> {
    let lease: TokenLease;
    try {
      lease = await this.token.renewSelf();
    } catch (error) {
      this.failed('renew', error, () => this.renew());
      return;
    }
    this.failures = 0;
    this.expiresAt = Date.now() + lease.ttlSeconds * 1_000;
    const shorter = this.lastGrantedSeconds !== undefined && lease.ttlSeconds < this.lastGrantedSeconds;
    this.lastGrantedSeconds = lease.ttlSeconds;
    if (lease.ttlSeconds <= 0 || !lease.renewable) {
      this.logger.error(
        { expiresInSeconds: lease.ttlSeconds, renewable: lease.renewable },
        'the Vault token can no longer be renewed: issue a new token and restart with it before it expires',
      );
      return;
    }
    if (shorter) {
      // Vault caps a renewal at the token's max TTL: a shrinking lease means that cap is near.
      this.logger.warn(
        { expiresInSeconds: lease.ttlSeconds },
        'the Vault token is reaching its max TTL and cannot be extended past it: issue a new token before then',
      );
    } else {
      this.logger.info({ ttlSeconds: lease.ttlSeconds }, 'renewed the Vault token');
    }
    this.scheduleRenewal(lease.ttlSeconds);
  }

  private scheduleRenewal(ttlSeconds: number): void {
    this.schedule(ttlSeconds * 1_000 * this.renewAtFraction, () => this.renew());
  }

  private failed(operation: 'look up' | 'renew', error: unknown, again: () => Promise<void>): void {
    const retryable = error instanceof KeyError ? error.retryable : false;
    const reason = error instanceof KeyError ? { error: error.name, message: error.message } : { error: 'unexpected' };
    if (!retryable) {
      this.logger.error(reason, `could not ${operation} the Vault token; renewal stopped (check the token and its policy)`);
      return;
    }
    this.failures += 1;
    const left = this.expiresAt === undefined ? Infinity : this.expiresAt - Date.now();
    if (left <= 0) {
      this.logger.error(reason, `could not ${operation} the Vault token and it has expired; key operations will fail until a new token is set`);
    }
    const backoff = Math.min(this.retryMaxMs, this.retryMinMs * 2 ** (this.failures - 1));
    const delay = left > 0 && Number.isFinite(left) ? Math.max(this.retryMinMs, Math.min(backoff, left / 2)) : backoff;
    this.logger.warn({ ...reason, retryInMs: Math.round(delay) }, `could not ${operation} the Vault token; retrying`);
    this.schedule(delay, again);
  }

  private schedule(delayMs: number, run: () => Promise<void>): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (!this.stopped) void run();
    }, delayMs);
    // A pending renewal must never keep the process alive on its own.
    this.timer.unref();
  }
}
