import type { AgentServices } from '../agents';
import type { AlertServices, FailureAlerts } from '../alerts';
import type { CredentialServices } from '../credentials';
import type { CredentialCircuitBreaker } from '../credentials/circuit-breaker';
import type { EventBus } from '../platform/events';
import type { KeyRotation } from '../key-rotation';
import type { MediaServices } from '../media';
import type { Metrics } from '../platform/observability/metrics';
import type { PlatformMigrationServices } from '../platform-migration';
import type { Pacer } from '../rate-limits';
import type { TemplateServices } from '../templates';
import type { UserErasure } from '../user-erasure';
import type { WebhookServices } from '../webhooks';
import type { AppEvents } from './app-events';

/**
 * The one object the composition root builds and hands to every domain. Each domain declares what it
 * needs (CredentialServices, AgentServices, ...); this type is their union, and the compiler checks here,
 * not in the domains, that the wiring satisfies each of them.
 */
export interface AppServices extends CredentialServices, AgentServices, AlertServices, PlatformMigrationServices, WebhookServices, MediaServices, TemplateServices {
  eventBus: EventBus<AppEvents>;
  /** Failures reported by the send path, the inbox and the circuit breaker (see docs/alerts.md). */
  failureAlerts: FailureAlerts;
  /** Prometheus series the domains count into (see docs/operations.md). */
  metrics: Metrics;
  /** In front of every send to Meta: pacing and the per-credential circuit breaker. */
  outbound: { pacer: Pacer; breaker: CredentialCircuitBreaker };
  /** Key rotation (one user, every user) and the rewrap jobs that follow. */
  keyRotation: KeyRotation;
  /** GDPR erasure of a user; other domains register their before-erasure hooks on it. */
  userErasure: UserErasure;
  /** Filled in once the server listens (the port may be chosen by the OS). */
  publicUrls: { webhookBase: string; /** Where /media/… links point: PUBLIC_BASE_URL or the listen address. */ mediaBase: string };
}
