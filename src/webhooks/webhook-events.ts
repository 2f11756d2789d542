/** The topics the webhooks domain publishes on the event bus. */
export enum WebhookTopic {
  /** A receive-only instance stored webhook deliveries: processing instances look at the inbox now. */
  InboxStored = 'INBOX_STORED',
}

/** Topic → [audience, payload]: this domain's part of the bus's event map. */
export type WebhookEvents = {
  // Every processing instance looks: one audience, whatever was stored.
  [WebhookTopic.InboxStored]: [audience: 'every-instance', event: Record<string, never>];
};
