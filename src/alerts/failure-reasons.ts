/**
 * Meta's error codes for a failed message, in words an owner can act on (Meta's WhatsApp Cloud API
 * error codes; see docs/whatsapp-cloud-api.md). A code not listed keeps Meta's own title.
 */
const REASONS: ReadonlyMap<number, string> = new Map([
  [368, 'The business account is temporarily blocked for a policy violation.'],
  [130429, 'The number sent faster than its throughput allows; messages were refused until the rate dropped.'],
  [130472, 'The customer is in a Meta marketing experiment group and did not get this marketing message.'],
  [130497, 'The business account may not message customers in this country.'],
  [131000, 'Meta failed with an unknown error; sending again later may work.'],
  [131005, 'The access token lacks a permission: check the credential.'],
  [131008, 'A required parameter was missing from the message.'],
  [131009, 'A parameter of the message had an invalid value.'],
  [131016, 'WhatsApp was temporarily unavailable.'],
  [131021, 'The message was addressed to the sending number itself.'],
  [131026, 'The message could not be delivered: the customer may not use WhatsApp, may not have accepted its terms, or runs an old app.'],
  [131031, 'The business account is locked (policy restriction or a wrong two-step verification PIN).'],
  [131042, 'There is a payment or billing problem with the business account.'],
  [131045, 'The phone number is not registered correctly.'],
  [131047, 'More than 24 hours passed since the customer last wrote: only a template message can be sent.'],
  [131048, 'Too many earlier messages were blocked or reported as spam: the number is rate limited.'],
  [131049, 'Meta held the marketing message back to limit how many a customer receives; try again in a day or more.'],
  [131050, 'The customer stopped marketing messages from this business.'],
  [131051, 'WhatsApp does not support this message type.'],
  [131052, 'The media of the message could not be downloaded.'],
  [131053, 'The media of the message could not be uploaded.'],
  [131056, 'Too many messages to the same customer in a short time (pair rate limit).'],
  [131057, 'The business account is in maintenance mode (for example during a throughput upgrade).'],
  [131063, 'Marketing templates are disabled for this business account on the Cloud API.'],
  [131064, 'The messaging limit was hit because of template classification violations.'],
  [132000, 'The template got a different number of parameters than it has.'],
  [132001, 'The template does not exist in this language or is not approved.'],
  [132005, 'The template text is too long once its parameters are filled in.'],
  [132007, 'The template breaks a WhatsApp policy.'],
  [132012, 'A template parameter has the wrong format.'],
  [132015, 'The template is paused because of low quality.'],
  [132016, 'The template is disabled permanently because of low quality.'],
]);

/** Meta's code in words; falls back to Meta's title, then to a plain "failed with code N". */
export function failureReasonOf(code: number | null, metaTitle: string | null): string {
  const known = code === null ? undefined : REASONS.get(code);
  if (known) return known;
  if (metaTitle) return metaTitle;
  return code === null ? 'WhatsApp gave no reason.' : `WhatsApp failed the message with error ${code}.`;
}
