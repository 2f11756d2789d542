import type { EntityManager } from '@mikro-orm/postgresql';
import { readCredentialSecrets, WhatsAppCredential } from '../credentials';
import { qualifiedTable } from '../platform/db/orm';
import { QueueName, type JobQueue } from '../platform/jobs';
import type { MessageTemplate } from '../adapters/whatsapp';
import { publishTemplateStatusChanges, type TemplateStatusChange } from './template-events';
import type { TemplateServices } from './template-services';
import { WhatsAppTemplate } from './whatsapp-template.entity';
import { chargeTemplateSyncCall, isMetaThrottle, spendTemplateSyncBudget, TemplateSyncBudgetExhausted } from './template-sync-budget';

type SyncServices = Pick<TemplateServices, 'orm' | 'keys' | 'whatsapp' | 'eventBus' | 'jobs' | 'logger' | 'rateLimiter'>;

export interface TemplateSyncResult {
  credential: WhatsAppCredential;
  /** Templates (one per language) now stored for the credential. */
  count: number;
  /** Rows removed because Meta no longer lists them. */
  removed: number;
}

/** Templates are re-read at least this often, so a webhook that never arrived is caught up within hours. */
const TEMPLATE_SYNC_INTERVAL_HOURS = 6;

function rowOf(template: MessageTemplate) {
  return {
    meta_template_id: template.id,
    name: template.name,
    language: template.language,
    status: template.status,
    category: template.category ?? null,
    parameter_format: template.parameter_format ?? 'POSITIONAL',
    components: template.components,
    quality_score: template.quality_score?.score ?? null,
    reason: template.rejected_reason && template.rejected_reason !== 'NONE' ? template.rejected_reason : null,
  };
}

/**
 * Reads every template of the credential's business account from Meta and makes the credential's rows
 * match in one transaction: one upsert of them all and one delete of those Meta no longer lists (a few
 * statements whatever the number of templates). Statuses that changed since the last look are published
 * to the owner, as a webhook would have.
 */
export async function syncTemplates(services: SyncServices, credentialId: string): Promise<TemplateSyncResult | null> {
  const em = services.orm.em.fork();
  const credential = await em.findOne(WhatsAppCredential, { id: credentialId });
  if (!credential) return null;
  const secrets = await readCredentialSecrets(em, services.keys, credential);
  const listed = await services.whatsapp
    .listMessageTemplates(secrets, credential.businessAccountId, {
      beforePage: () => chargeTemplateSyncCall(services.rateLimiter, credential.businessAccountId),
    })
    .catch(async (error: unknown) => {
      if (isMetaThrottle(error)) await spendTemplateSyncBudget(services.rateLimiter, credential.businessAccountId);
      throw error;
    });
  if (listed.skipped > 0 || listed.truncated) {
    services.logger.warn({ credentialId, skipped: listed.skipped, truncated: listed.truncated }, 'template sync: some templates were not read');
  }
  // One name can be listed once per language; the last entry of a duplicate wins.
  const rows = [...new Map(listed.templates.map((t) => [`${t.name} ${t.language}`, rowOf(t)])).values()];
  let changes: TemplateStatusChange[] = [];
  let removed = 0;
  await em.transactional(async (tx) => {
    changes = await upsertTemplates(tx, credential, rows);
    removed = await deleteUnlisted(tx, credential.id, rows, listed.truncated);
    // Bookkeeping, not an edit of the credential: a plain UPDATE leaves its optimistic-lock version alone,
    // so an owner's update racing the sync at connect time does not fail (nativeUpdate bumps the version).
    await tx.getConnection().execute(`update ${qualifiedTable(tx, WhatsAppCredential)} set templates_synced_at = now() where id = ?`, [credential.id]);
  });
  publishTemplateStatusChanges(services.eventBus, changes);
  credential.templatesSyncedAt = new Date();
  return { credential, count: rows.length, removed };
}

async function upsertTemplates(em: EntityManager, credential: WhatsAppCredential, rows: Array<ReturnType<typeof rowOf>>): Promise<TemplateStatusChange[]> {
  if (rows.length === 0) return [];
  const table = qualifiedTable(em, WhatsAppTemplate);
  const result = (await em.execute(
    `with input as (
       select * from jsonb_to_recordset(?::jsonb) as x(
         meta_template_id text, name text, language text, status text, category text, parameter_format text,
         components jsonb, quality_score text, reason text)
     ),
     previous as (
       select t.name, t.language, t.status from ${table} t where t.credential_id = ?
     ),
     upserted as (
       insert into ${table} (id, user_id, credential_id, business_account_id, meta_template_id, name, language, status, category,
                             parameter_format, components, quality_score, reason, synced_at, created_at, updated_at)
       select gen_random_uuid(), ?, ?, ?, meta_template_id, name, language, status, category, parameter_format, components,
              quality_score, reason, now(), now(), now()
         from input
       on conflict (credential_id, name, language) do update set
         meta_template_id = excluded.meta_template_id, status = excluded.status, category = excluded.category,
         parameter_format = excluded.parameter_format, components = excluded.components,
         quality_score = excluded.quality_score, reason = excluded.reason, synced_at = now(), updated_at = now()
       returning id, name, language, status, reason
     )
     select u.id, u.name, u.language, u.status, u.reason, p.status as previous_status
       from upserted u join previous p on p.name = u.name and p.language = u.language
      where p.status is distinct from u.status`,
    [JSON.stringify(rows), credential.id, credential.userId, credential.id, credential.businessAccountId],
  )) as Array<{ id: string; name: string; language: string; status: string; reason: string | null; previous_status: string }>;
  const occurredAt = new Date().toISOString();
  return result.map((row) => ({
    userId: credential.userId,
    credentialId: credential.id,
    templateId: row.id,
    name: row.name,
    language: row.language,
    previousStatus: row.previous_status,
    status: row.status,
    reason: row.reason,
    occurredAt,
  }));
}

/** A walk cut short by the page bound proves nothing about the rest: nothing is deleted then. */
async function deleteUnlisted(em: EntityManager, credentialId: string, rows: Array<ReturnType<typeof rowOf>>, truncated: boolean): Promise<number> {
  if (truncated) return 0;
  const keep = rows.map((row) => `${row.name} ${row.language}`);
  const result = (await em.execute(
    `delete from ${qualifiedTable(em, WhatsAppTemplate)}
      where credential_id = ? and (name || ' ' || language) not in (select jsonb_array_elements_text(?::jsonb)) returning id`,
    [credentialId, JSON.stringify(keep)],
  )) as unknown[];
  return result.length;
}

/** One queued sync per credential at most (the queue is stately). */
export async function requestTemplateSync(jobs: JobQueue, credentialId: string, em?: EntityManager): Promise<void> {
  await jobs.send(QueueName.TemplateSync, { credentialId }, { singletonKey: credentialId, em });
}

/**
 * The sync job, and an hourly sweep queuing a sync of every credential not synced within
 * TEMPLATE_SYNC_INTERVAL_HOURS (webhooks keep rows current in between; the sweep repairs missed ones).
 */
export async function registerTemplateSyncJobs(services: SyncServices): Promise<void> {
  await services.jobs.define<{ credentialId: string }>(QueueName.TemplateSync, async (job) => {
    try {
      await syncTemplates(services, job.data.credentialId);
    } catch (error) {
      // Our own budget says when the next call is allowed: come back then, rather than spend retries
      // (a stately queue keeps one queued job beside this active one). Meta's throttles (4, 80007,
      // 80008...) are thrown on and retried with the queue's backoff.
      if (!(error instanceof TemplateSyncBudgetExhausted)) throw error;
      services.logger.info({ credentialId: job.data.credentialId, retryAfterSeconds: error.retryAfterSeconds }, 'template sync deferred: the account\'s hourly budget is spent');
      await services.jobs.send(QueueName.TemplateSync, job.data, { singletonKey: job.data.credentialId, startAfter: error.retryAfterSeconds });
    }
  });
  await services.jobs.define<Record<string, never>>(QueueName.TemplateSyncSweep, async () => {
    const due = new Date(Date.now() - TEMPLATE_SYNC_INTERVAL_HOURS * 3_600_000);
    const credentials = await services.orm.em.fork().find(
      WhatsAppCredential,
      { platform: false, $or: [{ templatesSyncedAt: null }, { templatesSyncedAt: { $lt: due } }] },
      { fields: ['id'], orderBy: { templatesSyncedAt: 'asc' }, limit: 5000 },
    );
    for (const { id } of credentials) await requestTemplateSync(services.jobs, id);
  });
  await services.jobs.schedule(QueueName.TemplateSyncSweep, '41 * * * *', {});
}
