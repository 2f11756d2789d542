import { Client } from 'pg';
import { endsSession } from './pg-errors';

type Release = (error?: Error | boolean) => void;
/** pg's own state flags: set once the socket failed or ended, after which no query can run. */
type PooledClient = Client & { release?: Release; _ended?: boolean; _ending?: boolean; _queryable?: boolean };

/**
 * The `pg` client the ORM's pool is built with. kysely 0.29 (under MikroORM) gives a transaction's
 * connection back only when its COMMIT or ROLLBACK succeeds, and not at all when its BEGIN fails
 * (`ControlledTransactionBuilder.execute`, `ControlledTransaction.commit/rollback`). On a connection that
 * died with a restarted server all three fail, so every transaction caught by the restart would hold a
 * pool slot for good (its job hanging `active`, `orm.close()` waiting forever). A client whose
 * connection is dead therefore gives itself back, as broken, as soon as a query on it fails: pg-pool
 * destroys it and opens a fresh one when needed, and the release kysely may still make later is a no-op
 * rather than pg-pool's double-release error. Live connections are untouched.
 *
 * A query running when the server shuts down fails with the server's FATAL message (57P01) while the
 * socket is still open, so pg's flags still read "alive" at that moment; when that query was a BEGIN,
 * nothing else ever runs on the connection to find it dead. A FATAL or PANIC error therefore counts as
 * dead by itself: PostgreSQL ends the session after sending one.
 */
export class SelfReleasingClient extends Client {
  override query(...args: unknown[]): never {
    const result = (Client.prototype.query as (...a: unknown[]) => unknown).apply(this, args);
    // The checkout the query ran under: by the time it fails, its owner may have given the client back
    // (an aborted query), and a later checkout's release is not ours to call.
    const release = (this as PooledClient).release;
    if (result instanceof Promise) result.catch((error: unknown) => this.releaseIfDead(error, release));
    return result as never;
  }

  private releaseIfDead(error: unknown, release: Release | undefined): void {
    const pooled = this as PooledClient;
    const dead = pooled._ended === true || pooled._ending === true || pooled._queryable === false || endsSession(error);
    if (!dead || typeof release !== 'function' || pooled.release !== release) return;
    pooled.release = () => undefined;
    try {
      release(error instanceof Error ? error : new Error('connection lost'));
    } catch {
      // Already given back by its owner (pg-pool's double-release error): nothing is held.
    }
  }
}
