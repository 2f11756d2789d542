import { sql, type Kysely } from 'kysely';
import type { Executor } from '../platform/db/query-executor';
import type { AgentFacts } from './inbound-agents';
import type { EndpointFacts } from './inbound-plan';

/** A stored delivery, locked by the claiming transaction until it commits or rolls back. */
export interface ClaimedDelivery {
  id: string;
  endpoint_id: string;
  raw_body: Buffer;
  signature_verified: boolean;
  signature_header: string | null;
  attempts: number;
}

/** A claimed batch with the facts its planning needs: endpoints by id, agents by `${credentialId} ${phoneNumberId}`. */
export interface Claim {
  deliveries: ClaimedDelivery[];
  endpoints: Map<string, EndpointFacts>;
  agents: Map<string, AgentFacts>;
}

type ClaimedRow = ClaimedDelivery & { first_of_endpoint: boolean; agents: Array<AgentFacts & { credentialId: string; phoneNumberId: string }> | null } & (
  | Omit<EndpointFacts, 'id'>
  | { [K in keyof Omit<EndpointFacts, 'id'>]: null }
);

/**
 * Claims up to `limit` stored deliveries due for processing (or, with `only`, those of them still
 * unprocessed) with FOR UPDATE SKIP LOCKED, in one statement: ordered as the partial index
 * `(next_attempt_at, id) where processed_at is null` is, so retained rows are never walked, and with the
 * first delivery of each endpoint that endpoint's facts and its credential's agents. Claiming costs one
 * round trip; it cost three when the facts were read after it.
 */
export async function claimDeliveries(trx: Executor, schema: string, options: { limit: number; only: string[] | null }): Promise<Claim> {
  const table = (name: string) => sql.table(`${schema}.${name}`);
  const which = options.only
    ? sql`id = any(${options.only}::bigint[]) and processed_at is null`
    : sql`processed_at is null and next_attempt_at <= now()`;
  const result = await sql<ClaimedRow>`
    with claimed as (
      select id, endpoint_id, raw_body, signature_verified, signature_header, attempts, next_attempt_at
        from ${table('webhook_deliveries')}
       where ${which}
       order by next_attempt_at, id
       limit ${options.limit}
         for update skip locked
    ),
    first_of_endpoint as (
      select distinct on (endpoint_id) id from claimed order by endpoint_id, next_attempt_at, id
    )
    select d.id::text as id, d.endpoint_id, d.raw_body, d.signature_verified, d.signature_header, d.attempts,
           f.id is not null as first_of_endpoint, e.user_id as "userId", e.phone_number_id as "phoneNumberId",
           c.id as "credentialId", c.business_account_id as "businessAccountId", c.phone_number as "phoneNumber", c.platform,
           -- Numbers of the platform's shared credential route by code or thread, not by agent config.
           case when not c.platform then (
             select json_agg(json_build_object(
                      'credentialId', a.credential_id, 'phoneNumberId', a.phone_number_id, 'agentId', a.agent_id, 'enabled', a.enabled,
                      'autoReply', a.auto_reply, 'businessHours', a.business_hours, 'welcomeMessage', a.welcome_message,
                      'fallbackMessage', a.fallback_message, 'optOutKeywords', a.opt_out_keywords, 'optInKeywords', a.opt_in_keywords,
                      'ownerReplyPauseMinutes', a.owner_reply_pause_minutes))
               from ${table('agent_whatsapp_configs')} a
              where a.credential_id = c.id
           ) end as agents
      from claimed d
      left join first_of_endpoint f on f.id = d.id
      left join ${table('whatsapp_webhooks')} e on f.id is not null and e.id = d.endpoint_id
      left join ${table('whatsapp_credentials')} c on c.id = e.credential_id
     order by d.next_attempt_at, d.id
  `.execute(trx as Kysely<unknown>);
  const claim: Claim = { deliveries: [], endpoints: new Map(), agents: new Map() };
  for (const row of result.rows) {
    const { first_of_endpoint: first, userId, phoneNumberId, credentialId, businessAccountId, phoneNumber, platform, agents, ...delivery } = row;
    claim.deliveries.push(delivery);
    // A delivery whose endpoint is gone has no facts: it is settled as ENDPOINT_GONE.
    if (!first || credentialId === null) continue;
    claim.endpoints.set(delivery.endpoint_id, { id: delivery.endpoint_id, userId, phoneNumberId, credentialId, businessAccountId, phoneNumber, platform });
    for (const agent of agents ?? []) claim.agents.set(`${agent.credentialId} ${agent.phoneNumberId}`, agent);
  }
  return claim;
}
