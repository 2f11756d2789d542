import { sql, type Kysely } from 'kysely';
import type { Executor } from '../platform/db/query-executor';

/** One element of a `calls` webhook's `calls[]`, for the owner of the endpoint's number. */
export interface CallRow {
  userId: string;
  credentialId: string;
  callId: string;
  customerWaId: string;
  direction: string;
  event: string;
  status: string | null;
  at: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  durationSeconds: number | null;
}

/**
 * Records a batch's call events in one statement, one row per call: `connect` creates it, `terminate`
 * adds how and when it ended. Events arrive out of order at times, so what is known is kept (a late
 * connect never clears an end). Returns the ids of the rows created or changed, in input order.
 */
export async function recordCalls(db: Executor, schema: string, rows: CallRow[]): Promise<Array<{ id: string; userId: string }>> {
  if (rows.length === 0) return [];
  // ON CONFLICT may touch a row once per statement: the events of one call are folded first.
  const calls = new Map<string, CallRow>();
  for (const row of [...rows].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    const key = `${row.credentialId} ${row.callId}`;
    const seen = calls.get(key);
    calls.set(key, seen ? { ...seen, ...row, status: row.status ?? seen.status, startedAt: seen.startedAt ?? row.startedAt, endedAt: row.endedAt ?? seen.endedAt, durationSeconds: row.durationSeconds ?? seen.durationSeconds } : row);
  }
  const input = [...calls.values()].map((row) => ({
    user_id: row.userId,
    credential_id: row.credentialId,
    call_id: row.callId,
    customer_wa_id: row.customerWaId,
    direction: row.direction,
    event: row.event,
    status: row.status,
    started_at: row.startedAt ?? row.at,
    ended_at: row.endedAt,
    duration: row.durationSeconds,
  }));
  const table = sql.table(`${schema}.whatsapp_calls`);
  const result = await sql<{ id: string; user_id: string }>`
    insert into ${table} as c
      (id, user_id, credential_id, call_id, customer_wa_id, direction, last_event, status, started_at, ended_at, duration_seconds, created_at, updated_at)
    select gen_random_uuid(), x.user_id, x.credential_id, x.call_id, x.customer_wa_id, x.direction, x.event, x.status, x.started_at, x.ended_at, x.duration, now(), now()
      from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as x(
        user_id uuid, credential_id uuid, call_id text, customer_wa_id text, direction text, event text, status text,
        started_at timestamptz, ended_at timestamptz, duration int)
     order by x.credential_id, x.call_id
    on conflict (credential_id, call_id) do update set
      last_event = case when excluded.ended_at is not null or c.ended_at is null then excluded.last_event else c.last_event end,
      status = coalesce(excluded.status, c.status),
      started_at = least(c.started_at, excluded.started_at),
      ended_at = coalesce(excluded.ended_at, c.ended_at),
      duration_seconds = coalesce(excluded.duration_seconds, c.duration_seconds),
      updated_at = now()
    -- A redelivered event that changes nothing returns no row, so it is not published again.
    where (c.last_event, c.status, c.started_at, c.ended_at, c.duration_seconds) is distinct from (
      case when excluded.ended_at is not null or c.ended_at is null then excluded.last_event else c.last_event end,
      coalesce(excluded.status, c.status),
      least(c.started_at, excluded.started_at),
      coalesce(excluded.ended_at, c.ended_at),
      coalesce(excluded.duration_seconds, c.duration_seconds))
    returning c.id, c.user_id
  `.execute(db as Kysely<unknown>);
  return result.rows.map((row) => ({ id: row.id, userId: row.user_id }));
}
