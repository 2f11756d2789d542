// Public surface of the e-mail adapter: domains depend on Mailer, only the composition root creates one.
export type { Mailer } from './mailer';
export { createMailer } from './smtp-mailer';
