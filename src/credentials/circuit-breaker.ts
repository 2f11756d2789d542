import type { EntityManager } from '@mikro-orm/postgresql';
import { qualifiedTable } from '../platform/db/orm';
import { ErrorCode, PublicError } from '../platform/errors';
import { CircuitState } from './circuit-state';
import { WhatsAppCredential } from './whatsapp-credential.entity';

export interface CircuitPolicy {
  /** Consecutive transient failures that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit refuses calls before a probe. */
  openMs: number;
}

export const DEFAULT_CIRCUIT_POLICY: CircuitPolicy = { failureThreshold: 5, openMs: 30_000 };

/** A circuit that opened or closed (told once, by the instance whose update made the change). */
export interface CircuitTransition {
  credentialId: string;
  userId: string;
  state: CircuitState.OPEN | CircuitState.CLOSED;
  at: Date;
}

/**
 * A circuit breaker per credential whose state lives on the credential row, so every instance sees the
 * same circuit and the dashboard shows it. The fast path (closed, success) touches nothing; transitions
 * are single conditional UPDATEs, so exactly one instance wins the half-open probe.
 */
export class CredentialCircuitBreaker {
  private readonly listeners: Array<(transition: CircuitTransition) => Promise<void> | void> = [];

  constructor(
    private readonly policy: CircuitPolicy = DEFAULT_CIRCUIT_POLICY,
    private readonly now: () => number = Date.now,
  ) {}

  /** Told when a circuit opens or closes (failure alerts); a listener's failure never fails the send. */
  onTransition(listener: (transition: CircuitTransition) => Promise<void> | void): void {
    this.listeners.push(listener);
  }

  private async tell(transition: CircuitTransition): Promise<void> {
    for (const listener of this.listeners) await Promise.resolve(listener(transition)).catch(() => undefined);
  }

  /** Throws CREDENTIAL_UNAVAILABLE (with retryAfterSeconds) while the circuit refuses calls. */
  async beforeCall(em: EntityManager, credential: WhatsAppCredential): Promise<void> {
    if (credential.circuitState === CircuitState.CLOSED) return;
    const openedAt = credential.circuitOpenedAt?.getTime() ?? 0;
    const remaining = openedAt + this.policy.openMs - this.now();
    if (credential.circuitState === CircuitState.OPEN && remaining <= 0) {
      const won = await em.nativeUpdate(
        WhatsAppCredential,
        { id: credential.id, circuitState: CircuitState.OPEN, circuitOpenedAt: credential.circuitOpenedAt },
        { circuitState: CircuitState.HALF_OPEN, circuitOpenedAt: new Date(this.now()) },
      );
      if (won === 1) {
        credential.circuitState = CircuitState.HALF_OPEN;
        return;
      }
    }
    throw new PublicError(ErrorCode.CredentialUnavailable, 'WhatsApp has been failing for this number; calls are paused for a moment.', {
      reason: 'CIRCUIT_OPEN',
      retryAfterSeconds: Math.max(1, Math.ceil(Math.max(remaining, 1000) / 1000)),
    });
  }

  async onSuccess(em: EntityManager, credential: WhatsAppCredential): Promise<void> {
    if (credential.circuitState === CircuitState.CLOSED && credential.circuitFailures === 0) return;
    // Closing is a change only for the instance whose update found the circuit not closed.
    const closed = await em.nativeUpdate(
      WhatsAppCredential,
      { id: credential.id, circuitState: { $ne: CircuitState.CLOSED } },
      { circuitState: CircuitState.CLOSED, circuitFailures: 0, circuitOpenedAt: null },
    );
    if (closed === 0) await em.nativeUpdate(WhatsAppCredential, { id: credential.id }, { circuitFailures: 0 });
    credential.circuitState = CircuitState.CLOSED;
    credential.circuitFailures = 0;
    if (closed > 0) await this.tell({ credentialId: credential.id, userId: credential.userId, state: CircuitState.CLOSED, at: new Date(this.now()) });
  }

  /** Only for transient failures (Meta down, 5xx, timeouts): a bad request says nothing about Meta. */
  async onTransientFailure(em: EntityManager, credential: WhatsAppCredential): Promise<CircuitState> {
    const now = new Date(this.now());
    const table = qualifiedTable(em, WhatsAppCredential);
    // The state before this update, read under the row lock, tells whether this update opened the circuit.
    const rows = (await em.getConnection().execute(
      `update ${table} c set
         circuit_failures = c.circuit_failures + 1,
         circuit_state = case when c.circuit_state = 'half_open' or c.circuit_failures + 1 >= ? then 'open' else c.circuit_state end,
         circuit_opened_at = case when c.circuit_state = 'half_open' or (c.circuit_state = 'closed' and c.circuit_failures + 1 >= ?) then ? else c.circuit_opened_at end
         from (select id, circuit_state as previous from ${table} where id = ? for update) before
       where c.id = before.id returning c.circuit_state, c.circuit_failures, c.circuit_opened_at, before.previous`,
      [this.policy.failureThreshold, this.policy.failureThreshold, now, credential.id],
    )) as Array<{ circuit_state: CircuitState; circuit_failures: number; circuit_opened_at: Date | null; previous: CircuitState }>;
    const row = rows[0];
    if (!row) return credential.circuitState;
    credential.circuitState = row.circuit_state;
    credential.circuitFailures = row.circuit_failures;
    credential.circuitOpenedAt = row.circuit_opened_at;
    if (row.circuit_state === CircuitState.OPEN && row.previous !== CircuitState.OPEN) {
      await this.tell({ credentialId: credential.id, userId: credential.userId, state: CircuitState.OPEN, at: now });
    }
    return row.circuit_state;
  }
}
