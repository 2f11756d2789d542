import type { CredentialServices } from './credential-services';
import { QueueName } from '../platform/jobs';
import type { CredentialAlertJob } from './credential-health';
import { CredentialStatus, CredentialStatusReason } from './credential-status';
import { QualityWarning } from './quality-warning';
import { WhatsAppCredential } from './whatsapp-credential.entity';

const ADVICE: Partial<Record<CredentialStatusReason, string>> = {
  [CredentialStatusReason.TOKEN_INVALID]: 'Generate a new access token in Meta Business Settings and update the credential.',
  [CredentialStatusReason.TOKEN_EXPIRED]: 'Generate a new access token in Meta Business Settings and update the credential.',
  [CredentialStatusReason.TOKEN_EXPIRING]: 'Replace the access token before it expires (a non-expiring system-user token avoids this).',
  [CredentialStatusReason.PERMISSION_MISSING]: 'Give the token both whatsapp_business_management and whatsapp_business_messaging.',
  [CredentialStatusReason.WRONG_BUSINESS_ACCOUNT]: 'Assign the WhatsApp Business Account to the token\'s system user.',
  [CredentialStatusReason.APP_SECRET_INVALID]: 'Enter the app secret of the app that issued the token.',
  [CredentialStatusReason.PHONE_NUMBER_RESTRICTED]: 'Check the number\'s status in WhatsApp Manager.',
  [CredentialStatusReason.ACCOUNT_RESTRICTED]: 'Check the account\'s status in WhatsApp Manager.',
  [CredentialStatusReason.META_UNREACHABLE]: 'Nothing to do yet: we keep checking and will tell you when Meta answers again.',
};

/** The alert e-mail: names the number and the cause, never a secret or a token hint. */
function alertEmailOf(credential: WhatsAppCredential, job: CredentialAlertJob): { subject: string; text: string } {
  if (job.warning && job.status === job.previousStatus) return warningEmailOf(credential, { ...job, warning: job.warning });
  const healthy = job.status === CredentialStatus.ACTIVE && job.reason === CredentialStatusReason.NONE;
  const subject = healthy
    ? `WhatsApp number ${credential.phoneNumber} is working again`
    : `WhatsApp number ${credential.phoneNumber}: ${job.status} (${job.reason.replace(/_/g, ' ')})`;
  const lines = [
    `Your WhatsApp Business number ${credential.phoneNumber} (${credential.displayName}) changed from ${job.previousStatus} to ${job.status} at ${job.occurredAt}.`,
    '',
    credential.statusMessage ?? '',
    ADVICE[job.reason] ?? '',
  ];
  return { subject, text: lines.filter((line, i) => line !== '' || i === 1).join('\n') };
}

const WARNING_ADVICE: Record<QualityWarning, string> = {
  [QualityWarning.QUALITY_RED]: 'Look at the number\'s quality in WhatsApp Manager: send fewer unsolicited messages, make opting out easy and check your templates.',
  [QualityWarning.NUMBER_FLAGGED]: 'Improve the number\'s quality within 7 days, or Meta lowers its messaging limit.',
  [QualityWarning.MESSAGING_LIMIT_DECREASED]: 'Business-initiated messages now reach fewer customers a day; plan campaigns around the new limit.',
  [QualityWarning.ACCOUNT_DISABLE_SCHEDULED]: 'Open the account in WhatsApp Manager and request a review before the date Meta gives.',
  [QualityWarning.ACCOUNT_POLICY_VIOLATION]: 'Read the violation in WhatsApp Manager\'s account quality page and appeal or fix it.',
  [QualityWarning.ACCOUNT_DISCONNECTED]: 'Check in WhatsApp Manager that the number and app are still connected; reconnect the credential if not.',
};

/** A quality warning: the number still works, so the e-mail says what dropped and what to do, not a status. */
function warningEmailOf(credential: WhatsAppCredential, job: CredentialAlertJob & { warning: QualityWarning }): { subject: string; text: string } {
  return {
    subject: `WhatsApp number ${credential.phoneNumber}: quality warning (${job.warning.replace(/_/g, ' ')})`,
    text: [
      `Your WhatsApp Business number ${credential.phoneNumber} (${credential.displayName}) got a quality warning at ${job.occurredAt}. It keeps sending.`,
      '',
      job.message ?? '',
      WARNING_ADVICE[job.warning],
    ].filter((line, i) => line !== '' || i === 1).join('\n'),
  };
}

export async function registerAlertEmailJobs(services: Pick<CredentialServices, 'orm' | 'jobs' | 'mailer' | 'logger'>): Promise<void> {
  if (!services.mailer.enabled) return;
  await services.jobs.define<CredentialAlertJob>(QueueName.CredentialAlertEmail, async (job) => {
    const credential = await services.orm.em.fork().findOne(WhatsAppCredential, { id: job.data.credentialId });
    if (!credential?.alertEmail) return;
    const { subject, text } = alertEmailOf(credential, job.data);
    await services.mailer.send({ to: credential.alertEmail, subject, text });
    services.logger.info({ credentialId: credential.id, status: job.data.status }, 'credential alert e-mailed');
  });
}
