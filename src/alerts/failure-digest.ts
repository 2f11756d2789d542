import type { MikroORM } from '@mikro-orm/postgresql';
import type { Mailer } from '../adapters/email';
import { qualifiedTable } from '../platform/db/orm';
import { QueueName, type JobQueue } from '../platform/jobs';
import type { Logger } from '../platform/observability/logger';
import { WhatsAppCredential } from '../credentials/whatsapp-credential.entity';
import { FailureAlertKind } from './failure-alert-kind';
import { FailureAlertTally } from './failure-alert-tally.entity';
import { FailureDigestSetting } from './failure-digest-setting.entity';

export interface FailureDigestOptions {
  orm: MikroORM;
  jobs: JobQueue;
  logger: Logger;
  /** Digests go out only when it is enabled (SMTP_URL set). */
  mailer: Mailer;
  /** The hour of the day (UTC) the digest goes out. */
  digestHourUtc: number;
}

interface DigestRow {
  credential_id: string;
  kind: FailureAlertKind;
  digest_count: number;
  digest_since: Date;
  last_seen_at: Date;
  error_code: string | null;
  reason: string | null;
  phone_number: string;
  display_name: string;
  alert_email: string | null;
}

const WHAT: Record<FailureAlertKind, (n: number) => string> = {
  [FailureAlertKind.UNROUTED_MESSAGE]: (n) => `${n} customer message${n === 1 ? '' : 's'} arrived while no agent was enabled on the number`,
  [FailureAlertKind.MESSAGE_FAILED]: (n) => `${n} message${n === 1 ? '' : 's'} failed at WhatsApp`,
  [FailureAlertKind.DEAD_LETTER]: (n) => `${n} inbound item${n === 1 ? '' : 's'} could not be stored and wait in the dead-letter list`,
  [FailureAlertKind.CIRCUIT_OPENED]: (n) => `calls to WhatsApp were paused ${n} time${n === 1 ? '' : 's'} because WhatsApp kept failing`,
  [FailureAlertKind.CIRCUIT_CLOSED]: (n) => `calls to WhatsApp resumed ${n} time${n === 1 ? '' : 's'} after a pause`,
};

const minute = (at: Date) => `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** One e-mail per number: what failed, how often, when, and one example; never a customer or a secret. */
function digestEmailOf(rows: DigestRow[]): { subject: string; text: string } {
  const { phone_number: phone, display_name: name } = rows[0]!;
  const total = rows.reduce((n, row) => n + row.digest_count, 0);
  const lines = rows.map((row) => {
    const example = row.error_code || row.reason ? ` Latest: ${[row.error_code && `error ${row.error_code}`, row.reason].filter(Boolean).join(': ')}` : '';
    return `- ${WHAT[row.kind](row.digest_count)} (first ${minute(row.digest_since)}, last ${minute(row.last_seen_at)}).${example}`;
  });
  return {
    subject: `WhatsApp number ${phone}: ${total} failure${total === 1 ? '' : 's'} since the last summary`,
    text: [`Failures of your WhatsApp Business number ${phone} (${name}) since the last daily summary:`, '', ...lines, '', 'Live alerts: the whatsAppFailureAlerts subscription.'].join('\n'),
  };
}

/**
 * The daily digest job: takes the counts of every credential whose owner asked for it (locking those
 * rows, so two runs never send one twice), e-mails each number's summary to its alert address, and
 * resets the counts in the same transaction, so a failed e-mail leaves them for the retry.
 */
export async function registerFailureDigestJob(options: FailureDigestOptions): Promise<void> {
  const { orm, jobs, logger, mailer } = options;
  if (!mailer.enabled) return;
  await jobs.define(QueueName.FailureAlertDigest, async () => {
    await orm.em.fork().transactional(async (em) => {
      const tallies = qualifiedTable(em, FailureAlertTally);
      const rows = (await em.execute(
        `select a.credential_id, a.kind, a.digest_count, a.digest_since, a.last_seen_at, a.error_code, a.reason,
                c.phone_number, c.display_name, c.alert_email
           from ${tallies} a
           join ${qualifiedTable(em, FailureDigestSetting)} s on s.credential_id = a.credential_id and s.daily_digest
           join ${qualifiedTable(em, WhatsAppCredential)} c on c.id = a.credential_id
          where a.digest_count > 0
          order by a.credential_id, a.kind
            for update of a skip locked`,
      )) as DigestRow[];
      const byCredential = Map.groupBy(rows, (row) => row.credential_id);
      for (const [credentialId, credentialRows] of byCredential) {
        const to = credentialRows[0]!.alert_email;
        if (!to) continue;
        await mailer.send({ to, ...digestEmailOf(credentialRows) });
        logger.info({ credentialId, kinds: credentialRows.length }, 'failure digest e-mailed');
      }
      if (rows.length === 0) return;
      await em.execute(
        `update ${tallies} set digest_count = 0, digest_since = null
          where (credential_id, kind) in (select x.credential_id, x.kind from jsonb_to_recordset(?::jsonb) as x(credential_id uuid, kind text))`,
        [JSON.stringify(rows.map((row) => ({ credential_id: row.credential_id, kind: row.kind })))],
      );
    });
  });
  await jobs.schedule(QueueName.FailureAlertDigest, `0 ${options.digestHourUtc} * * *`, {});
}
