import { registerEnumType } from 'type-graphql';

export enum WebhookStatus {
  /** Meta routes this number's traffic to our endpoint (read back and confirmed). */
  ACTIVE = 'active',
  /** Configuration has not finished yet, or is being retried. */
  PENDING = 'pending',
  /** Configuration failed; `statusReason` says why and a reconfigure mutation retries it. */
  FAILED = 'failed',
}

/** Which of Meta's three callback layers delivers this number's `messages` webhooks. */
export enum WebhookRouting {
  PHONE_NUMBER_OVERRIDE = 'phone_number_override',
  BUSINESS_ACCOUNT_OVERRIDE = 'business_account_override',
  APP_CALLBACK = 'app_callback',
  NOT_ROUTED_HERE = 'not_routed_here',
  UNKNOWN = 'unknown',
}

registerEnumType(WebhookStatus, { name: 'WhatsAppWebhookStatus' });
registerEnumType(WebhookRouting, {
  name: 'WhatsAppWebhookRouting',
  description: 'Where Meta sends this number\'s message webhooks, as read back from Meta.',
});
