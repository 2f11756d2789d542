import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../identity';
import { AuditEntry, AuditOutcome } from './audit-entry.entity';

/** Who acted: a signed-in caller, or the plugin itself (health checks, jobs, webhooks). */
export type AuditActor = Viewer | 'system';

/** Values allowed in `details`: identifiers, states and counts, never free-form input that could hold a secret. */
export type AuditDetail = string | number | boolean | null | string[];

export interface AuditRecord {
  actor: AuditActor;
  action: string;
  outcome: AuditOutcome;
  subjectUserId?: string | null;
  targetType?: string;
  targetId?: string | null;
  errorCode?: string | null;
  requestId?: string | null;
  details?: Record<string, AuditDetail>;
}

function entryOf(record: AuditRecord): AuditEntry {
  const actor = record.actor;
  const entry = new AuditEntry();
  entry.actorUserId = actor === 'system' ? null : actor.userId;
  entry.actorRole = actor === 'system' ? 'system' : actor.isHostService ? 'host-service' : actor.isAdmin ? 'admin' : 'user';
  entry.action = record.action;
  entry.outcome = record.outcome;
  entry.subjectUserId = record.subjectUserId ?? null;
  entry.targetType = record.targetType ?? null;
  entry.targetId = record.targetId ?? null;
  entry.errorCode = record.errorCode ?? null;
  entry.requestId = record.requestId ?? null;
  entry.details = record.details ?? null;
  return entry;
}

/**
 * Adds an entry to the caller's unit of work: it commits with the operation or not at all. Use for
 * successes.
 */
export function auditWithin(em: EntityManager, record: AuditRecord): void {
  em.persist(entryOf(record));
}

/**
 * Writes an entry in a unit of work of its own: for failures and rejections, whose operation rolled back
 * and must still leave a trace.
 */
export async function auditSeparately(em: EntityManager, record: AuditRecord): Promise<void> {
  const own = em.fork({ clear: true });
  own.persist(entryOf(record));
  await own.flush();
}
