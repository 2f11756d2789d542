import { sql, type Kysely } from 'kysely';
import type { Executor } from '../platform/db/query-executor';
import { QueueName, type JobQueue } from '../platform/jobs';
import type { TemplateStatusChange } from './template-events';

/** One template webhook (status, quality, category or components), as the inbound plan read it. */
export interface TemplateUpdateRow {
  userId: string;
  businessAccountId: string;
  metaTemplateId: string | null;
  name: string;
  /** Already in the API's form (`en_US`). */
  language: string;
  status: string | null;
  category: string | null;
  qualityScore: string | null;
  reason: string | null;
  /** A components update's rebuilt components (see template-components-update.ts); absent otherwise. */
  components?: Array<Record<string, unknown>>;
  /** With `components`: the edit has a text header, so a stored media header is replaced, not kept. */
  textHeader?: boolean;
}

/**
 * Applies a batch's template webhooks in at most two statements. Webhooks name the business account, so
 * every credential of the delivering endpoint's owner on that account is updated (never another user's,
 * even on the same account). A status for a template not yet synced adds it (its components come with
 * the next sync); quality and category updates change only rows already there. Several updates of one
 * template in a batch: the last one counts, as applying them one by one would leave it. A components
 * update rewrites the stored components of rows already there and queues a sync of their credentials
 * (in this transaction, one per credential), since the webhook does not carry everything.
 */
export async function applyTemplateUpdates(
  db: Executor,
  schema: string,
  rows: TemplateUpdateRow[],
  jobs: Pick<JobQueue, 'insertMany'>,
): Promise<TemplateStatusChange[]> {
  if (rows.length === 0) return [];
  const merged = new Map<string, TemplateUpdateRow>();
  for (const row of rows) {
    const key = `${row.userId} ${row.businessAccountId} ${row.name} ${row.language}`;
    const seen = merged.get(key);
    merged.set(key, seen ? {
      ...seen,
      metaTemplateId: row.metaTemplateId ?? seen.metaTemplateId,
      status: row.status ?? seen.status,
      category: row.category ?? seen.category,
      qualityScore: row.qualityScore ?? seen.qualityScore,
      reason: row.status ? row.reason : seen.reason,
      components: row.components ?? seen.components,
      textHeader: row.components ? row.textHeader : seen.textHeader,
    } : row);
  }
  const input = [...merged.values()].map((row) => ({
    user_id: row.userId,
    waba: row.businessAccountId,
    meta_id: row.metaTemplateId,
    name: row.name,
    language: row.language,
    status: row.status,
    category: row.category,
    quality: row.qualityScore,
    reason: row.reason,
    components: row.components ?? null,
    text_header: row.textHeader ?? false,
  }));
  const json = JSON.stringify(input);
  const templates = sql.table(`${schema}.whatsapp_templates`);
  const credentials = sql.table(`${schema}.whatsapp_credentials`);
  const recordset = sql`jsonb_to_recordset(${json}::jsonb) as x(user_id uuid, waba text, meta_id text, name text, language text, status text, category text, quality text, reason text, components jsonb, text_header boolean)`;

  const changed = await sql<{ id: string; user_id: string; credential_id: string; name: string; language: string; status: string; reason: string | null; previous_status: string | null }>`
    with input as (select * from ${recordset} where status is not null),
    targets as (
      select c.id as credential_id, x.*, t.status as previous_status
        from input x
        join ${credentials} c on c.user_id = x.user_id and c.business_account_id = x.waba
        left join ${templates} t on t.credential_id = c.id and t.name = x.name and t.language = x.language
    ),
    upserted as (
      insert into ${templates} (id, user_id, credential_id, business_account_id, meta_template_id, name, language, status, category,
                                parameter_format, components, quality_score, reason, synced_at, created_at, updated_at)
      select gen_random_uuid(), user_id, credential_id, waba, meta_id, name, language, status, category, 'POSITIONAL', null, quality, reason, null, now(), now()
        from targets
      on conflict (credential_id, name, language) do update set
        status = excluded.status,
        reason = excluded.reason,
        meta_template_id = coalesce(excluded.meta_template_id, ${templates}.meta_template_id),
        category = coalesce(excluded.category, ${templates}.category),
        quality_score = coalesce(excluded.quality_score, ${templates}.quality_score),
        updated_at = now()
      returning id, user_id, credential_id, name, language, status, reason
    )
    select u.*, t.previous_status
      from upserted u join targets t on t.credential_id = u.credential_id and t.name = u.name and t.language = u.language
     where t.previous_status is distinct from u.status
  `.execute(db as Kysely<unknown>);

  if (input.some((row) => row.status === null || row.components !== null)) {
    // A media or location header (the webhook names only text headers) and component types the webhook
    // does not describe are kept from the stored row around the rebuilt ones.
    const kept = (where: ReturnType<typeof sql>) => sql`coalesce((select jsonb_agg(c) from jsonb_array_elements(t.components) c where ${where}), '[]'::jsonb)`;
    const edited = await sql<{ credential_id: string; edited: boolean }>`
      update ${templates} t set
        quality_score = coalesce(x.quality, t.quality_score),
        category = coalesce(x.category, t.category),
        components = case when x.components is null then t.components else
          ${kept(sql`upper(c->>'type') = 'HEADER' and not x.text_header and upper(coalesce(c->>'format', 'TEXT')) <> 'TEXT'`)}
          || x.components
          || ${kept(sql`upper(c->>'type') not in ('HEADER', 'BODY', 'FOOTER', 'BUTTONS')`)}
        end,
        updated_at = now()
        from ${recordset}
       where (x.status is null or x.components is not null)
         and t.user_id = x.user_id and t.business_account_id = x.waba and t.name = x.name and t.language = x.language
      returning t.credential_id, x.components is not null as edited
    `.execute(db as Kysely<unknown>);
    const resync = [...new Set(edited.rows.filter((row) => row.edited).map((row) => row.credential_id))];
    await jobs.insertMany(QueueName.TemplateSync, resync.map((credentialId) => ({ credentialId })), db as Kysely<unknown>, { singletonKey: (job) => job.credentialId });
  }

  const occurredAt = new Date().toISOString();
  return changed.rows.map((row) => ({
    userId: row.user_id,
    credentialId: row.credential_id,
    templateId: row.id,
    name: row.name,
    language: row.language,
    previousStatus: row.previous_status,
    status: row.status,
    reason: row.reason,
    occurredAt,
  }));
}
