import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type Kysely } from 'kysely';
import type { Executor } from '../platform/db/query-executor';
import type { ConsentChange } from './opt-out-keywords';
import { SuppressionSource, WhatsAppSuppression } from './whatsapp-suppression.entity';
import { latestPerCustomer } from './latest-per-customer';

/** A keyword a customer wrote to a number, as the inbound plan found it. */
export interface ConsentChangeRow {
  userId: string;
  credentialId: string;
  customerWaId: string;
  change: ConsentChange;
  timestamp: Date;
}

/**
 * Applies the keywords of one inbound batch in one statement: STOP/UNSUBSCRIBE add the customer to the
 * credential's list, START removes them. Called only when the batch holds a keyword, so ordinary
 * traffic pays nothing. Several keywords of one customer in a batch: the latest written wins, as
 * applying them one by one would leave it.
 */
export async function applyConsentChanges(db: Executor, schema: string, rows: ConsentChangeRow[]): Promise<void> {
  if (rows.length === 0) return;
  const input = latestPerCustomer(rows).map((row) => ({ user_id: row.userId, credential_id: row.credentialId, customer_wa_id: row.customerWaId, opt_out: row.change === 'opt_out' }));
  const table = sql.table(`${schema}.whatsapp_suppressions`);
  await sql`
    with input as (
      select * from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as x(user_id uuid, credential_id uuid, customer_wa_id text, opt_out boolean)
    ),
    lifted as (
      -- START lifts our list, not the customer's marketing preference at WhatsApp (that takes a resume).
      delete from ${table} s using input
       where not input.opt_out and s.credential_id = input.credential_id and s.customer_wa_id = input.customer_wa_id and not s.marketing_only
    )
    insert into ${table} (id, user_id, credential_id, customer_wa_id, reason, source, created_at)
    select gen_random_uuid(), user_id, credential_id, customer_wa_id, 'The customer wrote an opt-out keyword.', ${SuppressionSource.KEYWORD}, now()
      from input where opt_out
    -- STOP widens a marketing-only entry to every send.
    on conflict (credential_id, customer_wa_id) do update set marketing_only = false, source = excluded.source, reason = excluded.reason
      where ${table}.marketing_only
  `.execute(db as Kysely<unknown>);
}

/** Records Meta's own opt-out signal (error 131050) so the next send is refused here, not at Meta. */
export async function suppressAfterMetaRefusal(em: EntityManager, entry: { userId: string; credentialId: string; customerWaId: string; reason: string }): Promise<void> {
  await em
    .createQueryBuilder(WhatsAppSuppression)
    .insert({ id: randomUUID(), ...entry, source: SuppressionSource.META_131050, createdAt: new Date() })
    .onConflict(['credentialId', 'customerWaId'])
    .ignore()
    .execute();
}
