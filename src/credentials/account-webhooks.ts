import { sql, type Kysely } from 'kysely';
import { AuditOutcome, insertAuditRecords, type AuditDetail } from '../audit';
import { QueueName, type JobQueue } from '../platform/jobs';
import type { Executor } from '../platform/db/query-executor';
import { alertJobOf, type HealthChange } from './credential-health';
import { CredentialStatus, CredentialStatusReason } from './credential-status';
import type { QualityWarning } from './quality-warning';

/**
 * What an `account_update` does to the credentials of its business account: `block` stops sending (the
 * credential is SUSPENDED for ACCOUNT_RESTRICTED, so every send is refused with the typed
 * CREDENTIAL_UNAVAILABLE error), `lift` ends a block when Meta ends it, `warn` tells the owner while
 * sending goes on, `record` only audits.
 */
export type AccountEffect = { kind: 'block'; message: string } | { kind: 'lift'; message: string } | { kind: 'warn'; warning: QualityWarning; message: string } | { kind: 'record' };

/** One `account_update`, for the owner's credentials on the business account it names. */
export interface AccountUpdateRow {
  userId: string;
  businessAccountId: string;
  event: string;
  effect: AccountEffect;
  /** Meta's details worth keeping in the audit log (ban state, restriction types, reasons). */
  details: Record<string, AuditDetail>;
}

interface UpdatedRow {
  id: string;
  user_id: string;
  status: CredentialStatus;
  status_reason: CredentialStatusReason;
  before_status: CredentialStatus;
  before_reason: CredentialStatusReason;
  alert_email: string | null;
}

/**
 * Applies a batch's account updates in one statement over every credential of the owner on each named
 * account (the update is per account, not per number), then audits each, e-mails the owner when e-mail
 * is on, and returns the changes to publish after commit. A lift only clears ACCOUNT_RESTRICTED: a
 * credential suspended for another reason (an administrator, a revoked token) stays as it is.
 */
export async function applyAccountUpdates(
  db: Executor,
  schema: string,
  rows: AccountUpdateRow[],
  options: { jobs: JobQueue; emailAlerts: boolean },
): Promise<HealthChange[]> {
  if (rows.length === 0) return [];
  // Meta's events of one account in one batch: the last decides the state, every one is audited.
  const latest = new Map(rows.map((row) => [`${row.userId} ${row.businessAccountId}`, row]));
  const input = [...latest.values()].map((row) => ({
    user_id: row.userId,
    waba: row.businessAccountId,
    effect: row.effect.kind,
    message: row.effect.kind === 'record' ? null : row.effect.message,
  }));
  const credentials = sql.table(`${schema}.whatsapp_credentials`);
  const result = await sql<UpdatedRow & { waba: string }>`
    with input as (
      select * from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as x(user_id uuid, waba text, effect text, message text)
    ),
    before as (
      select c.id, c.status, c.status_reason
        from ${credentials} c join input x on x.user_id = c.user_id and x.waba = c.business_account_id
       where c.deleting_at is null
       order by c.id
         for update of c
    ),
    decided as (
      select b.id, b.status as before_status, b.status_reason as before_reason, x.waba, x.message,
             case when x.effect = 'block' then ${CredentialStatus.SUSPENDED}
                  when x.effect = 'lift' and b.status_reason = ${CredentialStatusReason.ACCOUNT_RESTRICTED} then ${CredentialStatus.ACTIVE}
                  else b.status end as status,
             case when x.effect = 'block' then ${CredentialStatusReason.ACCOUNT_RESTRICTED}
                  when x.effect = 'lift' and b.status_reason = ${CredentialStatusReason.ACCOUNT_RESTRICTED} then ${CredentialStatusReason.NONE}
                  else b.status_reason end as status_reason
        from before b join ${credentials} c on c.id = b.id join input x on x.user_id = c.user_id and x.waba = c.business_account_id
    )
    update ${credentials} c set
      status = d.status,
      status_reason = d.status_reason,
      status_message = case when d.status is distinct from d.before_status or d.status_reason is distinct from d.before_reason then d.message else c.status_message end,
      status_changed_at = case when d.status is distinct from d.before_status then now() else c.status_changed_at end,
      updated_at = now(),
      version = c.version + 1
      from decided d
     where c.id = d.id
    returning c.id, c.user_id, c.status, c.status_reason, c.alert_email, d.before_status, d.before_reason, d.waba
  `.execute(db as Kysely<unknown>);

  const now = new Date();
  const changes: HealthChange[] = [];
  const emails: ReturnType<typeof alertJobOf>[] = [];
  const audits: Parameters<typeof insertAuditRecords>[2] = [];
  for (const row of result.rows) {
    const update = latest.get(`${row.user_id} ${row.waba}`)!;
    for (const each of rows.filter((r) => r.userId === row.user_id && r.businessAccountId === row.waba)) {
      audits.push({
        actor: 'system',
        action: 'credential.account_update',
        outcome: AuditOutcome.SUCCESS,
        subjectUserId: row.user_id,
        targetType: 'WhatsAppCredential',
        targetId: row.id,
        details: { event: each.event, effect: each.effect.kind, ...each.details },
      });
    }
    const effect = update.effect;
    const statusChanged = row.status !== row.before_status || row.status_reason !== row.before_reason;
    if (!statusChanged && effect.kind !== 'warn') continue;
    const change: HealthChange = {
      credentialId: row.id,
      userId: row.user_id,
      previousStatus: row.before_status,
      previousReason: row.before_reason,
      status: row.status,
      reason: row.status_reason,
      message: effect.kind === 'record' ? null : effect.message,
      occurredAt: now,
      ...(effect.kind === 'warn' ? { warning: effect.warning } : {}),
    };
    changes.push(change);
    if (statusChanged) {
      audits.push({
        actor: 'system',
        action: 'credential.status_changed',
        outcome: AuditOutcome.SUCCESS,
        subjectUserId: row.user_id,
        targetType: 'WhatsAppCredential',
        targetId: row.id,
        details: { previousStatus: row.before_status, previousReason: row.before_reason, status: row.status, reason: row.status_reason, source: 'account_update' },
      });
    }
    if (options.emailAlerts && row.alert_email) emails.push(alertJobOf(change));
  }
  await insertAuditRecords(db, schema, audits);
  await options.jobs.insertMany(QueueName.CredentialAlertEmail, emails, db);
  return changes;
}
