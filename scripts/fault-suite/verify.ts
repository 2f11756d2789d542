import type { Client } from 'pg';
import { STATUS_ORDER, type Workload } from './workload';

/** What the database holds for one phase, checked against what its workload offered. */
export interface Verdict {
  inboxRows: number;
  expectedMessages: number;
  stored: number;
  lost: number;
  duplicated: number;
  outbound: number;
  /** Outbound messages whose final status is not the highest one delivered for them. */
  notMonotonic: number;
  statusRows: number;
  deadLetters: number;
  /** Dead letters the workload did not cause, or a malformed message without its own. */
  unaccounted: number;
  violations: string[];
}

const SCHEMA = 'whatsapp_connect';

/** Checks the drained database of one phase: nothing lost or twice, statuses final, every bad input in its place. */
export async function verifyPhase(db: Client, workload: Workload, ids: { credentialId: string; endpointId: string }): Promise<Verdict> {
  const violations: string[] = [];
  const q = async <T extends object>(text: string, params: unknown[]) => (await db.query<T>(text, params)).rows;

  const [inbox] = await q<{ rows: number; pending: number; failed: number }>(
    `select count(*)::int as rows, count(*) filter (where processed_at is null)::int as pending,
            count(*) filter (where outcome = 'failed')::int as failed
       from ${SCHEMA}.webhook_deliveries where endpoint_id = $1`,
    [ids.endpointId],
  );
  if (inbox!.pending > 0) violations.push(`${inbox!.pending} deliveries never processed`);
  if (inbox!.failed > 0) violations.push(`${inbox!.failed} deliveries ended as failed`);

  const inbound = await q<{ wamid: string; n: number; type: string; meta_error: boolean }>(
    `select whatsapp_message_id as wamid, count(*)::int as n, min(message_type) as type,
            bool_or(content -> 'errors' @> '[{"code": 131000}]') as meta_error
       from ${SCHEMA}.whatsapp_messages where credential_id = $1 and direction = 'inbound' group by 1`,
    [ids.credentialId],
  );
  const storedWamids = new Map(inbound.map((row) => [row.wamid, row]));
  const lost = [...workload.inbound].filter((wamid) => !storedWamids.has(wamid)).length;
  const duplicated = inbound.filter((row) => row.n > 1).length;
  const unexpected = inbound.filter((row) => !workload.inbound.has(row.wamid));
  if (lost > 0) violations.push(`${lost} accepted inbound messages lost`);
  if (duplicated > 0) violations.push(`${duplicated} inbound messages stored more than once`);
  if (unexpected.length > 0) violations.push(`${unexpected.length} messages stored that must not be (malformed or another number's)`);
  const badType = [...workload.unknownType].filter((wamid) => storedWamids.has(wamid) && storedWamids.get(wamid)!.type !== 'hologram').length;
  if (badType > 0) violations.push(`${badType} messages of an unknown type stored under another type`);
  const withoutError = [...workload.missingContent].filter((wamid) => storedWamids.has(wamid) && !storedWamids.get(wamid)!.meta_error).length;
  if (withoutError > 0) violations.push(`${withoutError} messages without content stored without Meta's 131000 error`);

  const outbound = await q<{ wamid: string; status: string }>(
    `select whatsapp_message_id as wamid, status from ${SCHEMA}.whatsapp_messages where credential_id = $1 and direction = 'outbound'`,
    [ids.credentialId],
  );
  // Every outbound message was sent, delivered and read, in some order: only `read` is final.
  const highest = STATUS_ORDER.at(-1)!;
  const notMonotonic = outbound.filter((row) => row.status !== highest).length;
  if (notMonotonic > 0) violations.push(`${notMonotonic} outbound messages not at their highest status (${highest})`);

  const statuses = await q<{ wamid: string; status: string; n: number }>(
    `select whatsapp_message_id as wamid, status, count(*)::int as n from ${SCHEMA}.whatsapp_message_statuses where credential_id = $1 group by 1, 2`,
    [ids.credentialId],
  );
  const statusRows = statuses.reduce((sum, row) => sum + row.n, 0);
  const expectedStatusRows = workload.outbound.length * STATUS_ORDER.length + workload.orphanStatuses.size;
  if (statuses.some((row) => row.n > 1)) violations.push('a status recorded more than once');
  if (statusRows !== expectedStatusRows) violations.push(`${statusRows} status rows, expected ${expectedStatusRows}`);
  const orphansRecorded = new Set(statuses.filter((row) => workload.orphanStatuses.has(row.wamid)).map((row) => row.wamid));
  if (orphansRecorded.size !== workload.orphanStatuses.size) violations.push(`${workload.orphanStatuses.size - orphansRecorded.size} statuses of unknown messages not recorded`);

  const dead = await q<{ wamid: string | null; reason: string; n: number }>(
    `select wamid, reason, count(*)::int as n from ${SCHEMA}.webhook_dead_letters where credential_id = $1 group by 1, 2`,
    [ids.credentialId],
  );
  const deadLetters = dead.reduce((sum, row) => sum + row.n, 0);
  const foreign = dead.filter((row) => !(row.wamid && workload.malformed.has(row.wamid) && row.reason === 'malformed_message'));
  const deadWamids = new Set(dead.map((row) => row.wamid));
  const missingDead = [...workload.malformed].filter((wamid) => !deadWamids.has(wamid)).length;
  const twice = dead.filter((row) => row.n > 1).length;
  const unaccounted = foreign.reduce((sum, row) => sum + row.n, 0) + missingDead + twice;
  for (const row of foreign) violations.push(`dead letter not caused by the workload: ${row.n} × ${row.reason}`);
  if (missingDead > 0) violations.push(`${missingDead} malformed messages without a dead letter`);
  if (twice > 0) violations.push(`${twice} malformed messages dead-lettered more than once`);

  const [wrong] = await q<{ rejected: number; other: number }>(
    `select count(distinct raw_body) filter (where outcome = 'processed_with_rejections')::int as rejected,
            count(*) filter (where outcome is distinct from 'processed_with_rejections')::int as other
       from ${SCHEMA}.webhook_deliveries where endpoint_id = $1 and raw_body = any($2::bytea[])`,
    [ids.endpointId, [...workload.wrongNumber].map((body) => Buffer.from(body, 'utf8'))],
  );
  if (wrong!.rejected !== workload.wrongNumber.size || wrong!.other > 0) {
    violations.push(`another number's changes: ${wrong!.rejected} of ${workload.wrongNumber.size} rejected, ${wrong!.other} ended otherwise`);
  }
  const [garbage] = await q<{ n: number }>(
    `select count(*)::int as n from ${SCHEMA}.webhook_deliveries where endpoint_id = $1 and raw_body = any($2::bytea[])`,
    [ids.endpointId, [...workload.garbage].map((body) => Buffer.from(body, 'utf8'))],
  );
  if (garbage!.n > 0) violations.push(`${garbage!.n} bodies that are not JSON were stored`);

  return {
    inboxRows: inbox!.rows,
    expectedMessages: workload.inbound.size,
    stored: inbound.length,
    lost,
    duplicated,
    outbound: outbound.length,
    notMonotonic,
    statusRows,
    deadLetters,
    unaccounted,
    violations,
  };
}
