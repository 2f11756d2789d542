import { sql, type Kysely } from 'kysely';
import { AuditOutcome, insertAuditRecords } from '../audit';
import { QueueName, type JobQueue } from '../platform/jobs';
import type { Executor } from '../platform/db/query-executor';
import { alertJobOf, type HealthChange } from './credential-health';
import type { CredentialStatus, CredentialStatusReason } from './credential-status';
import { isLimitDecrease } from '../adapters/whatsapp';
import { qualityWarningOf } from './quality-warning';

/** One `phone_number_quality_update`, matched to the credential whose number it names. */
export interface QualityUpdateRow {
  userId: string;
  credentialId: string;
  event: string;
  /** `current_limit`; null (or TIER_NOT_SET) leaves the stored limit as it is. */
  currentLimit: string | null;
  /** `old_limit`, sent on limit changes: what the limit was, when we did not know it yet. */
  oldLimit?: string | null;
}

/** A number's updates in one batch, in arrival order, folded into what the statement writes. */
interface FoldedUpdates {
  rows: QualityUpdateRow[];
  /** true / false when the last FLAGGED / UNFLAGGED says so; null when no update touched the flag. */
  flagged: boolean | null;
  /** The last known limit the batch names, or null to keep the stored one. */
  limit: string | null;
}

const knownLimit = (limit: string | null | undefined): string | null => (limit && limit !== 'TIER_NOT_SET' ? limit : null);

function foldUpdates(rows: QualityUpdateRow[]): Map<string, FoldedUpdates> {
  const byCredential = new Map<string, FoldedUpdates>();
  for (const row of rows) {
    const folded = byCredential.get(row.credentialId) ?? { rows: [], flagged: null, limit: null };
    folded.rows.push(row);
    const event = row.event.toUpperCase();
    if (event === 'FLAGGED') folded.flagged = true;
    if (event === 'UNFLAGGED') folded.flagged = false;
    folded.limit = knownLimit(row.currentLimit) ?? folded.limit;
    byCredential.set(row.credentialId, folded);
  }
  return byCredential;
}

/**
 * What the batch's updates did to a number, step by step from the stored facts: a flag raised by any
 * update and a limit lowered by any step count, though a later update in the same batch may have
 * moved on (ONBOARDING then DOWNGRADE arriving together is still a downgrade). An `old_limit` stands in
 * for a stored limit we never learnt.
 */
export function qualityStepsOf(stored: { limit: string | null; flagged: boolean }, rows: QualityUpdateRow[]): { limitFrom: string | null; limitTo: string | null; flagRaised: boolean } {
  let limit = stored.limit;
  let flagged = stored.flagged;
  let limitFrom: string | null = null;
  let flagRaised = false;
  for (const row of rows) {
    const event = row.event.toUpperCase();
    if (event === 'FLAGGED' && !flagged) flagRaised = true;
    if (event === 'FLAGGED') flagged = true;
    if (event === 'UNFLAGGED') flagged = false;
    limit ??= knownLimit(row.oldLimit);
    const next = knownLimit(row.currentLimit);
    if (next && isLimitDecrease(limit, next)) limitFrom ??= limit;
    limit = next ?? limit;
  }
  // A drop undone within the batch is no news.
  if (limitFrom && !isLimitDecrease(limitFrom, limit)) limitFrom = null;
  return { limitFrom, limitTo: limitFrom ? limit : null, flagRaised: flagRaised && flagged };
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
  const folded = foldUpdates(rows);
  const input = [...folded.entries()].map(([credentialId, updates]) => ({
    credential_id: credentialId,
    user_id: updates.rows[0]!.userId,
    flagged: updates.flagged,
    current_limit: updates.limit,
  }));
  const credentials = sql.table(`${schema}.whatsapp_credentials`);
  const result = await sql<UpdatedRow>`
    with input as (
      select * from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as x(credential_id uuid, user_id uuid, flagged boolean, current_limit text)
    ),
    before as (
      select c.id, c.messaging_limit, c.quality_flagged
        from ${credentials} c join input x on x.credential_id = c.id and x.user_id = c.user_id
       order by c.id
         for update of c
    )
    update ${credentials} c set
      messaging_limit = coalesce(x.current_limit, c.messaging_limit),
      quality_flagged = coalesce(x.flagged, c.quality_flagged),
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
    const steps = qualityStepsOf({ limit: row.before_limit, flagged: row.before_flagged }, folded.get(row.id)!.rows);
    // The facts as the batch's steps saw them change, not merely the stored row before and after.
    const quality = qualityWarningOf(
      { qualityRating: row.quality_rating, messagingLimit: steps.limitFrom, qualityFlagged: row.quality_flagged && !steps.flagRaised },
      { qualityRating: row.quality_rating, messagingLimit: steps.limitTo, qualityFlagged: row.quality_flagged },
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
