/** The topics the webhooks domain publishes on the event bus. */
export enum WebhookTopic {
  /** A receive-only instance stored webhook deliveries: processing instances look at the inbox now. */
  InboxStored = 'INBOX_STORED',
  /** A call on one of the user's numbers started or ended (Meta's `calls` webhook). */
  Call = 'WHATSAPP_CALL',
}

/** A recorded call as it is now; the subscription reads the row again for its owner. */
export interface CallEvent {
  userId: string;
  callRowId: string;
}

/** Topic → [audience, payload]: this domain's part of the bus's event map. */
export type WebhookEvents = {
  // Every processing instance looks: one audience, whatever was stored.
  [WebhookTopic.InboxStored]: [audience: 'every-instance', event: Record<string, never>];
  [WebhookTopic.Call]: [userId: string, event: CallEvent];
};
