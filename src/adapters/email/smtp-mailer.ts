import { createTransport, type Transporter } from 'nodemailer';
import type { Mailer } from './mailer';

/** Sends through one pooled nodemailer SMTP transport shared by every domain. */
class SmtpMailer implements Mailer {
  readonly enabled = true;
  private readonly transport: Transporter;

  constructor(smtpUrl: string, from: string) {
    this.transport = createTransport(smtpUrl, { from });
  }

  async send(message: Parameters<Mailer['send']>[0]): Promise<void> {
    await this.transport.sendMail(message);
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}

/** With SMTP unset nothing is sent: alert e-mails are an option, not a requirement to start. */
const disabledMailer: Mailer = {
  enabled: false,
  send: async () => undefined,
  close: async () => undefined,
};

/** The SMTP mailer when SMTP_URL is set, otherwise one that sends nothing. */
export function createMailer(email: { smtpUrl?: string; from: string }): Mailer {
  return email.smtpUrl ? new SmtpMailer(email.smtpUrl, email.from) : disabledMailer;
}
