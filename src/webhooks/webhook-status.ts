import { registerEnumType } from 'type-graphql';

export enum WebhookStatus {
  /** Meta routes this number's traffic to our endpoint (read back and confirmed). */
  Active = 'active',
  /** Configuration has not finished yet, or is being retried. */
  Pending = 'pending',
  /** Configuration failed; `statusReason` says why and a reconfigure mutation retries it. */
  Failed = 'failed',
}

/** Which of Meta's three callback layers delivers this number's `messages` webhooks. */
export enum WebhookRouting {
  PhoneNumberOverride = 'phone_number_override',
  BusinessAccountOverride = 'business_account_override',
  AppCallback = 'app_callback',
  NotRoutedHere = 'not_routed_here',
  Unknown = 'unknown',
}

registerEnumType(WebhookStatus, { name: 'WebhookStatus' });
registerEnumType(WebhookRouting, {
  name: 'WebhookRouting',
  description: 'Where Meta sends this number\'s message webhooks, as read back from Meta.',
});
