import { sql, type Kysely } from 'kysely';
import { AuditOutcome, insertAuditRecords } from '../audit';
import { QueueName, type JobQueue } from '../platform/jobs';
import type { Executor } from '../platform/db/query-executor';
import { alertJobOf, type HealthChange } from './credential-health';
import type { CredentialStatus, CredentialStatusReason } from './credential-status';
import { qualityWarningOf } from './quality-warning';

/** One `phone_number_quality_update`, matched to the credential whose number it names. */
export interface QualityUpdateRow {
  userId: string;
  credentialId: string;
  event: string;
  /** `current_limit`; null (or TIER_NOT_SET) leaves the stored limit as it is. */
  currentLimit: string | null;
}

interface UpdatedRow {
  id: string;
  user_id: string;
  status: CredentialStatus;
  status_reason: CredentialStatusReason;
  alert_email: string | null;
  quality_rating: string | null;
  messaging_limit: string | null;
  quality_flagged: boolean;
  before_limit: string | null;
  before_flagged: boolean;
}

/**
 * Applies a batch's quality webhooks in one statement: the messaging limit and the flag change on the
 * credential, and a change for the worse becomes a health warning (audited, e-mailed in the same
 * transaction when e-mail is on, returned for publishing after commit). Nothing here changes a status:
 * a flagged or downgraded number keeps sending; only Meta blocking it (seen by the health check) does.
 * The webhook carries no quality rating; the caller asks for a health check, which reads it.
 */
export async function applyQualityUpdates(
  db: Executor,
  schema: string,
  rows: QualityUpdateRow[],
  options: { jobs: JobQueue; emailAlerts: boolean },
): Promise<HealthChange[]> {
  if (rows.length === 0) return [];
  // The last update of a number in the batch counts; earlier ones are history.
  const latest = new Map(rows.map((row) => [row.credentialId, row]));
  const input = [...latest.values()].map((row) => ({
    credential_id: row.credentialId,
    user_id: row.userId,
    event: row.event.toUpperCase(),
    current_limit: row.currentLimit && row.currentLimit !== 'TIER_NOT_SET' ? row.currentLimit : null,
  }));
  const credentials = sql.table(`${schema}.whatsapp_credentials`);
  const result = await sql<UpdatedRow>`
    with input as (
      select * from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as x(credential_id uuid, user_id uuid, event text, current_limit text)
    ),
    before as (
      select c.id, c.messaging_limit, c.quality_flagged
        from ${credentials} c join input x on x.credential_id = c.id and x.user_id = c.user_id
       order by c.id
         for update of c
    )
    update ${credentials} c set
      messaging_limit = coalesce(x.current_limit, c.messaging_limit),
      quality_flagged = case when x.event = 'FLAGGED' then true when x.event = 'UNFLAGGED' then false else c.quality_flagged end,
      updated_at = now(),
      version = c.version + 1
      from input x, before b
     where c.id = x.credential_id and b.id = c.id
    returning c.id, c.user_id, c.status, c.status_reason, c.alert_email, c.quality_rating, c.messaging_limit, c.quality_flagged,
              b.messaging_limit as before_limit, b.quality_flagged as before_flagged
  `.execute(db as Kysely<unknown>);

  const now = new Date();
  const changes: HealthChange[] = [];
  const emails: ReturnType<typeof alertJobOf>[] = [];
  for (const row of result.rows) {
    const quality = qualityWarningOf(
      { qualityRating: row.quality_rating, messagingLimit: row.before_limit, qualityFlagged: row.before_flagged },
      { qualityRating: row.quality_rating, messagingLimit: row.messaging_limit, qualityFlagged: row.quality_flagged },
    );
    if (!quality) continue;
    const change: HealthChange = {
      credentialId: row.id,
      userId: row.user_id,
      previousStatus: row.status,
      previousReason: row.status_reason,
      status: row.status,
      reason: row.status_reason,
      message: quality.message,
      occurredAt: now,
      warning: quality.warning,
    };
    changes.push(change);
    if (options.emailAlerts && row.alert_email) emails.push(alertJobOf(change));
  }
  await insertAuditRecords(db, schema, changes.map((change) => ({
    actor: 'system' as const,
    action: 'credential.quality_warning',
    outcome: AuditOutcome.SUCCESS,
    subjectUserId: change.userId,
    targetType: 'WhatsAppCredential',
    targetId: change.credentialId,
    details: { warning: change.warning!, source: 'phone_number_quality_update' },
  })));
  await options.jobs.insertMany(QueueName.CredentialAlertEmail, emails, db);
  return changes;
}
