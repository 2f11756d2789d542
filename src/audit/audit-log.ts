import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type Kysely } from 'kysely';
import type { Viewer } from '../platform/identity';
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

/**
 * Writes many entries in one statement, inside the caller's transaction: for hot paths that do not use
 * the ORM (inbound processing audits its rejections this way).
 */
export async function insertAuditRecords(db: Pick<Kysely<unknown>, 'executeQuery'>, schema: string, records: AuditRecord[]): Promise<void> {
  if (records.length === 0) return;
  const rows = records.map((record) => {
    const entry = entryOf(record);
    return {
      actor_user_id: entry.actorUserId,
      actor_role: entry.actorRole,
      subject_user_id: entry.subjectUserId,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId,
      outcome: entry.outcome,
      error_code: entry.errorCode,
      request_id: entry.requestId,
      details: entry.details,
    };
  });
  await sql`
    insert into ${sql.table(`${schema}.audit_log`)}
      (occurred_at, actor_user_id, actor_role, subject_user_id, action, target_type, target_id, outcome, error_code, request_id, details)
    select now(), actor_user_id, actor_role, subject_user_id, action, target_type, target_id, outcome, error_code, request_id, details
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(
        actor_user_id uuid, actor_role text, subject_user_id uuid, action text, target_type text, target_id text,
        outcome text, error_code text, request_id text, details jsonb)
  `.execute(db as Kysely<unknown>);
}
