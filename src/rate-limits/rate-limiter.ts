import type { MikroORM } from '@mikro-orm/postgresql';
import { GroupCommit } from '../platform/db/group-commit';
import { isStatementError } from '../platform/db/pg-errors';
import { ASYNC_COMMIT } from '../platform/db/async-commit';
import { qualifiedTable } from '../platform/db/orm';
import { RateLimitBucket } from './rate-limit-bucket.entity';

export interface RateLimitPolicy {
  /** Sustained rate. */
  perSecond: number;
  /** Bucket size: how many may come at once after a quiet spell. */
  burst: number;
}

/** A lease asked for: the bucket, and the unspent tokens of its expired lease, given back first. */
interface Take {
  key: string;
  giveBack: number;
}

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number; retryAfterMs: number };

interface Lease {
  tokens: number;
  /** Set when the bucket was empty: the wait to repeat until the lease expires. */
  refusedForMs: number;
  expiresAt: number;
}

/**
 * Token buckets in PostgreSQL, so a limit holds across every plugin instance. To keep the hot paths (a
 * webhook endpoint at thousands of deliveries a second) off the database, an instance takes a small lease
 * of tokens in one atomic UPSERT and spends it locally; a lease expires after `leaseMs`, so an instance
 * never holds tokens it does not use for long. With N instances the worst-case overshoot is N leases.
 */
export class PostgresRateLimiter {
  private readonly leases = new Map<string, Lease>();
  private readonly acquiring = new Map<string, Promise<void>>();
  /** One group commit per (policy, lease size): the leases taken in one event-loop turn share a statement. */
  private readonly takers = new Map<string, GroupCommit<Take, { taken: number; left: number }>>();
  private readonly table: string;

  constructor(
    private readonly orm: MikroORM,
    private readonly options: {
      leaseSize?: number;
      leaseMs?: number;
      now?: () => number;
      /** Told about every refusal, with the key's prefix (`user`, `credential`, `webhook`) as the limit. */
      onRefused?: (limit: string) => void;
    } = {},
  ) {
    this.table = qualifiedTable(orm.em, RateLimitBucket);
  }

  async consume(key: string, policy: RateLimitPolicy): Promise<RateLimitDecision> {
    for (;;) {
      const now = (this.options.now ?? Date.now)();
      const lease = this.leases.get(key);
      if (lease && lease.expiresAt > now) {
        if (lease.tokens >= 1) {
          lease.tokens -= 1;
          this.topUpEarly(key, policy, lease, now);
          return { allowed: true };
        }
        if (lease.refusedForMs > 0) {
          this.options.onRefused?.(key.slice(0, Math.max(0, key.indexOf(':'))) || 'other');
          return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(lease.refusedForMs / 1000)), retryAfterMs: lease.refusedForMs };
        }
      }
      // One acquisition per key at a time: concurrent callers wait for it and spend what it brings.
      const pending = this.acquiring.get(key);
      if (pending) {
        await pending;
        continue;
      }
      const acquisition = this.acquire(key, policy, now).finally(() => this.acquiring.delete(key));
      this.acquiring.set(key, acquisition);
      await acquisition;
    }
  }

  /**
   * `leaseSize` tokens (20), or a twentieth of a second of the policy's rate if that is more (a number
   * sending 1,000/s would otherwise stop for a lease every 20 ms), and never more than a tenth of the
   * burst. Small buckets lease one token at a time: a per-user limit of 30/min must be exact.
   */
  private leaseSizeOf(policy: RateLimitPolicy): number {
    const base = Math.max(this.options.leaseSize ?? 20, Math.floor(policy.perSecond / 20));
    return Math.max(1, Math.min(base, Math.floor(policy.burst / 10)));
  }

  /**
   * A busy key takes its next lease while half of the current one is left, so its callers do not all
   * stop for a round trip every `leaseSize` calls. Only for leases of several tokens (never for the
   * exact one-token buckets), and only one acquisition per key at a time.
   */
  private topUpEarly(key: string, policy: RateLimitPolicy, lease: Lease, now: number): void {
    const size = this.leaseSizeOf(policy);
    if (size < 4 || lease.tokens >= size / 2 || this.acquiring.has(key)) return;
    const acquisition = this.acquire(key, policy, now)
      .catch(() => undefined) // the next caller that finds the lease empty tries again, and sees the error
      .finally(() => this.acquiring.delete(key));
    this.acquiring.set(key, acquisition);
  }

  private async acquire(key: string, policy: RateLimitPolicy, now: number): Promise<void> {
    const want = this.leaseSizeOf(policy);
    // An expired lease's unspent tokens go back to the bucket with this take: a slow bucket (a customer's
    // pair limit, 45 at one per 6 s) would otherwise lose most of each lease and refuse far too early.
    const expired = this.leases.get(key);
    let giveBack = 0;
    if (expired && expired.expiresAt <= now && expired.tokens >= 1) {
      giveBack = Math.floor(expired.tokens);
      expired.tokens = 0;
    }
    const { taken, left } = await this.take(key, policy, want, giveBack);
    const leaseMs = this.options.leaseMs ?? 1000;
    const retryAfterMs = Math.max(1, Math.ceil(((1 - left) / policy.perSecond) * 1000));
    if (this.leases.size > 10_000) {
      for (const [k, l] of this.leases) if (l.expiresAt <= now) this.leases.delete(k);
    }
    // Tokens still left of a live lease (taken early, see topUpEarly) are kept with the new ones.
    const current = this.leases.get(key);
    const carried = current && current.expiresAt > now ? current.tokens : 0;
    // The bucket had nothing more: spend what is left; the caller that empties it asks again.
    if (taken < 1 && carried >= 1) return;
    // An empty bucket is remembered briefly, so a flood of refused requests does not each hit the database.
    this.leases.set(key, {
      tokens: taken + carried,
      refusedForMs: taken >= 1 ? 0 : retryAfterMs,
      expiresAt: now + (taken >= 1 ? leaseMs : Math.min(leaseMs, retryAfterMs, 250)),
    });
  }

  /** Takes up to `want` tokens of the bucket `key`, with the other keys of the same policy in this turn. */
  private take(key: string, policy: RateLimitPolicy, want: number, giveBack: number): Promise<{ taken: number; left: number }> {
    const signature = `${policy.perSecond}/${policy.burst}/${want}`;
    let taker = this.takers.get(signature);
    if (!taker) {
      taker = new GroupCommit({ run: (keys) => this.takeMany(keys, policy, want), maxInFlight: 2, isolate: isStatementError });
      this.takers.set(signature, taker);
    }
    return taker.submit({ key, giveBack });
  }

  /**
   * One atomic statement for many buckets of one policy: refill each for the time passed, take up to
   * `want` whole tokens, and report how many were taken. ON CONFLICT DO UPDATE locks the rows, in key
   * order, so concurrent instances serialise per bucket without deadlocking. (The acquisition is
   * single-flight per key, so a key is never twice in one statement.)
   *
   * Committed asynchronously (see ASYNC_COMMIT): a send waits for its lease, and a WAL flush per lease
   * was the longest wait on the send path. If PostgreSQL itself crashes, the last fraction of a second
   * of takes may be forgotten: buckets then hold a few tokens too many, once.
   */
  private async takeMany(takes: Take[], policy: RateLimitPolicy, want: number): Promise<Array<{ ok: true; value: { taken: number; left: number } }>> {
    const refilled = 'least(?::float8, b.tokens + (select v.given_back from v where v.key = excluded.key) + extract(epoch from clock_timestamp() - b.updated_at) * ?::float8)';
    const rows = (await this.orm.em.getConnection().execute(
      `with v (key, given_back) as (values ${takes.map(() => '(?::text, ?::float8)').join(', ')})
       insert into ${this.table} as b (key, tokens, taken, updated_at)
         select v.key, ?::float8 - least(?::int, ?::float8), least(?::int, ?::float8), clock_timestamp()
           from v
           cross join (select ${ASYNC_COMMIT}) as async_commit
          order by v.key
       on conflict (key) do update set
         taken = least(?::int, floor(${refilled})),
         tokens = ${refilled} - least(?::int, floor(${refilled})),
         updated_at = clock_timestamp()
       returning key, tokens, taken`,
      [
        ...takes.flatMap((t) => [t.key, t.giveBack]),
        policy.burst, want, policy.burst, want, policy.burst,
        want, policy.burst, policy.perSecond,
        policy.burst, policy.perSecond, want, policy.burst, policy.perSecond,
      ],
    )) as Array<{ key: string; tokens: number; taken: number }>;
    const byKey = new Map(rows.map((row) => [row.key, { taken: Number(row.taken), left: Number(row.tokens) }]));
    return takes.map((t) => ({ ok: true, value: byKey.get(t.key)! }));
  }

  /**
   * Deletes buckets untouched for `idleSeconds`: they have refilled to their burst (every policy here
   * refills within minutes), so a missing row means the same thing. Per-customer pair buckets would
   * otherwise grow the table without bound.
   */
  async deleteIdle(idleSeconds: number): Promise<number> {
    const rows = (await this.orm.em.getConnection().execute(
      `with gone as (delete from ${this.table} where updated_at < clock_timestamp() - make_interval(secs => ?) returning 1) select count(*)::int as n from gone`,
      [idleSeconds],
    )) as Array<{ n: number }>;
    return rows[0]!.n;
  }
}
