import type { MikroORM } from '@mikro-orm/postgresql';
import type { AgentOwnership } from '../agents/agent-ownership';
import type { Config } from '../config';
import type { CredentialCircuitBreaker } from '../credentials/circuit-breaker';
import type { CredentialLifecycle } from '../credentials/credential-lifecycle';
import type { EventBus } from '../events';
import type { JobQueue } from '../jobs';
import type { KeyRotation } from '../key-rotation';
import type { KeyService } from '../keys';
import type { SendLedger } from '../messaging/send-ledger';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import type { Pacer, PostgresRateLimiter } from '../rate-limits';
import type { UserErasure } from '../user-erasure';
import type { WhatsAppClient } from '../whatsapp';

/** The infrastructure the composition root wires and hands to every resolver, job and webhook handler. */
export interface AppServices {
  config: Config;
  logger: Logger;
  /** For work outside a request (jobs, webhooks): fork an EntityManager per unit of work. */
  orm: MikroORM;
  eventBus: EventBus;
  whatsapp: WhatsAppClient;
  /** Per-user encryption of every secret a user gives us. */
  keys: KeyService;
  /** Durable background work (pg-boss). */
  jobs: JobQueue;
  /** In front of every send to Meta: pacing and the per-credential circuit breaker. */
  outbound: { pacer: Pacer; breaker: CredentialCircuitBreaker };
  /** The send path's own rows (conversation read, PENDING insert, SENT update), batched across sends. */
  sendLedger: SendLedger;
  /** Token buckets shared by every instance (per user, credential, webhook endpoint). */
  rateLimiter: PostgresRateLimiter;
  /** Hooks other domains register on credentials being connected and deleted. */
  credentialLifecycle: CredentialLifecycle;
  /** Key rotation (one user, every user) and the rewrap jobs that follow. */
  keyRotation: KeyRotation;
  /** GDPR erasure of a user; other domains register their before-erasure hooks on it. */
  userErasure: UserErasure;
  /** Prometheus series the domains count into (see docs/operations.md). */
  metrics: Metrics;
  /** Whether the host says a caller owns an agent (token claim, HTTP check, or trust in development). */
  agentOwnership: AgentOwnership;
  /** Filled in once the server listens (the port may be chosen by the OS). */
  publicUrls: { webhookBase: string };
}
