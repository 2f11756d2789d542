/** One plain-text e-mail; the sender address is the mailer's (SMTP_FROM), so callers never set it. */
interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/**
 * Where the domains send e-mail from. Built once by the composition root; domains see only this, so the
 * transport (SMTP today) can change without touching them.
 */
export interface Mailer {
  /** False when no SMTP server is configured: callers skip the work that would only end in an e-mail. */
  readonly enabled: boolean;
  send(message: MailMessage): Promise<void>;
  close(): Promise<void>;
}
