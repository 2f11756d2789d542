import { sql, type Kysely } from 'kysely';
import type { Executor } from '../platform/db/query-executor';
import { SuppressionSource } from './whatsapp-suppression.entity';
import { latestPerCustomer } from './latest-per-customer';

/** A customer's marketing preference from Meta's `user_preferences` webhook. */
export interface MarketingPreferenceRow {
  userId: string;
  credentialId: string;
  customerWaId: string;
  stop: boolean;
  timestamp: Date;
}

/**
 * Applies a batch's marketing preferences in one statement: a stop puts the customer on the number's
 * list for marketing templates only (an existing entry for every send stays as it is); a resume lifts
 * what WhatsApp's marketing preference put there, this source and a 131050 refusal alike. The latest
 * preference of a customer in the batch wins.
 */
export async function applyMarketingPreferences(db: Executor, schema: string, rows: MarketingPreferenceRow[]): Promise<void> {
  if (rows.length === 0) return;
  const input = latestPerCustomer(rows).map((row) => ({ user_id: row.userId, credential_id: row.credentialId, customer_wa_id: row.customerWaId, stop: row.stop }));
  const table = sql.table(`${schema}.whatsapp_suppressions`);
  await sql`
    with input as (
      select * from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as x(user_id uuid, credential_id uuid, customer_wa_id text, stop boolean)
    ),
    resumed as (
      delete from ${table} s using input
       where not input.stop and s.credential_id = input.credential_id and s.customer_wa_id = input.customer_wa_id
         and s.source in (${SuppressionSource.META_USER_PREFERENCES}, ${SuppressionSource.META_131050})
    )
    insert into ${table} (id, user_id, credential_id, customer_wa_id, reason, source, marketing_only, created_at)
    select gen_random_uuid(), user_id, credential_id, customer_wa_id, 'The customer stopped marketing messages in WhatsApp.',
           ${SuppressionSource.META_USER_PREFERENCES}, true, now()
      from input where stop
    on conflict (credential_id, customer_wa_id) do nothing
  `.execute(db as Kysely<unknown>);
}
