import type { EntityManager } from '@mikro-orm/postgresql';
import { qualifiedTable } from '../platform/db/orm';
import { WhatsAppCredential } from '../credentials/whatsapp-credential.entity';
import type { FailureAlertEvent } from './failure-alert-events';
import type { FailureAlertKind } from './failure-alert-kind';
import { FailureAlertTally } from './failure-alert-tally.entity';

/** Failures seen together (one inbox batch, one circuit change): one row per credential and kind is written. */
export interface FailureObservation {
  userId: string;
  credentialId: string;
  kind: FailureAlertKind;
  /** How many failures this observation stands for (default 1). */
  count?: number;
  at: Date;
  errorCode?: string | null;
  reason?: string | null;
}

export interface RecordOutcome {
  /** Events to publish now: the window of their credential and kind was over. */
  due: FailureAlertEvent[];
  /** Windows that started waiting with this batch: their failures are published when the window ends. */
  waiting: Array<{ credentialId: string; kind: FailureAlertKind; windowEnd: Date }>;
}

interface ReturnedRow {
  credential_id: string;
  user_id: string;
  kind: FailureAlertKind;
  emitted: boolean;
  pending_count: number;
  last_event_count: number;
  last_event_since: Date;
  last_seen_at: Date;
  error_code: string | null;
  reason: string | null;
  window_end: Date;
}

/** Several observations of one credential and kind become one input row: ON CONFLICT may touch a row once. */
function aggregate(observations: FailureObservation[]) {
  const rows = new Map<string, { credential_id: string; user_id: string; kind: string; count: number; first_seen_at: Date; last_seen_at: Date; error_code: string | null; reason: string | null }>();
  for (const o of observations) {
    const key = `${o.credentialId} ${o.kind}`;
    const row = rows.get(key);
    const count = o.count ?? 1;
    if (!row) {
      rows.set(key, { credential_id: o.credentialId, user_id: o.userId, kind: o.kind, count, first_seen_at: o.at, last_seen_at: o.at, error_code: o.errorCode ?? null, reason: o.reason ?? null });
      continue;
    }
    row.count += count;
    if (o.at < row.first_seen_at) row.first_seen_at = o.at;
    if (o.at >= row.last_seen_at) {
      row.last_seen_at = o.at;
      row.error_code = o.errorCode ?? row.error_code;
      row.reason = o.reason ?? row.reason;
    }
  }
  // Rows go in key order, so two instances upserting the same keys lock them in the same order.
  return [...rows.values()].sort((a, b) => (a.credential_id + a.kind < b.credential_id + b.kind ? -1 : 1));
}

const eventOf = (row: ReturnedRow): FailureAlertEvent => ({
  userId: row.user_id,
  credentialId: row.credential_id,
  kind: row.kind,
  count: row.last_event_count,
  firstSeenAt: new Date(row.last_event_since).toISOString(),
  lastSeenAt: new Date(row.last_seen_at).toISOString(),
  errorCode: row.error_code,
  reason: row.reason,
});

/** "The window of this row is over": no event yet, or the last one is at least a window old. */
const DUE = `(a.last_event_at is null or a.last_event_at <= now() - make_interval(secs => ?))`;

/**
 * Adds a batch of failures in one statement. A credential and kind whose window is over (or that never
 * alerted) yields an event at once, carrying every failure since the previous event; otherwise the
 * failures are counted and wait for the window's end (`flushDue`). A credential deleted meanwhile is
 * skipped.
 */
export async function recordFailures(em: EntityManager, observations: FailureObservation[], windowSeconds: number): Promise<RecordOutcome> {
  if (observations.length === 0) return { due: [], waiting: [] };
  const table = qualifiedTable(em, FailureAlertTally);
  const credentials = qualifiedTable(em, WhatsAppCredential);
  const input = aggregate(observations);
  const rows = (await em.getConnection().execute(
    `insert into ${table} as a
       (credential_id, kind, user_id, pending_count, pending_since, last_seen_at, error_code, reason,
        last_event_at, last_event_count, last_event_since, digest_count, digest_since, total_count)
     select x.credential_id, x.kind, x.user_id, 0, null, x.last_seen_at, x.error_code, x.reason,
            now(), x.count, x.first_seen_at, x.count, x.first_seen_at, x.count
       from jsonb_to_recordset(?::jsonb) as x(
         credential_id uuid, user_id uuid, kind text, count int, first_seen_at timestamptz, last_seen_at timestamptz, error_code text, reason text)
      where exists (select 1 from ${credentials} c where c.id = x.credential_id)
      order by x.credential_id, x.kind
     on conflict (credential_id, kind) do update set
       user_id = excluded.user_id,
       pending_count = case when ${DUE} then 0 else a.pending_count + excluded.last_event_count end,
       pending_since = case when ${DUE} then null else least(a.pending_since, excluded.last_event_since) end,
       last_event_count = case when ${DUE} then a.pending_count + excluded.last_event_count else a.last_event_count end,
       last_event_since = case when ${DUE} then least(a.pending_since, excluded.last_event_since) else a.last_event_since end,
       last_event_at = case when ${DUE} then now() else a.last_event_at end,
       last_seen_at = greatest(a.last_seen_at, excluded.last_seen_at),
       error_code = coalesce(excluded.error_code, a.error_code),
       reason = coalesce(excluded.reason, a.reason),
       digest_count = a.digest_count + excluded.digest_count,
       digest_since = least(a.digest_since, excluded.digest_since),
       total_count = a.total_count + excluded.total_count
     returning a.credential_id, a.user_id, a.kind, a.last_event_at = now() as emitted, a.pending_count, a.last_event_count, a.last_event_since,
               a.last_seen_at, a.error_code, a.reason, a.last_event_at + make_interval(secs => ?) as window_end`,
    [JSON.stringify(input), windowSeconds, windowSeconds, windowSeconds, windowSeconds, windowSeconds, windowSeconds],
  )) as ReturnedRow[];
  const counts = new Map(input.map((row) => [`${row.credential_id} ${row.kind}`, row.count]));
  return {
    due: rows.filter((row) => row.emitted).map(eventOf),
    // Pending holds only this batch's failures: the window has just started waiting, and nobody has
    // asked for its flush yet (later batches of the same window need not ask again).
    waiting: rows
      .filter((row) => !row.emitted && row.pending_count === counts.get(`${row.credential_id} ${row.kind}`))
      .map((row) => ({ credentialId: row.credential_id, kind: row.kind, windowEnd: new Date(row.window_end) })),
  };
}

/**
 * The failures that waited for their window to end, as events, in one statement: a row is taken by
 * whichever instance updates it first, so each event is published once.
 */
export async function flushDue(em: EntityManager, windowSeconds: number): Promise<FailureAlertEvent[]> {
  const table = qualifiedTable(em, FailureAlertTally);
  const rows = (await em.getConnection().execute(
    `update ${table} as a set
       pending_count = 0, pending_since = null,
       last_event_count = a.pending_count, last_event_since = a.pending_since, last_event_at = now()
      where a.pending_count > 0 and ${DUE}
     returning a.credential_id, a.user_id, a.kind, a.last_event_count, a.last_event_since, a.last_seen_at, a.error_code, a.reason`,
    [windowSeconds],
  )) as ReturnedRow[];
  return rows.map(eventOf);
}
