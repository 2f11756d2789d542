import type { EventBus } from '../platform/events';

/** The topics the templates domain publishes on the event bus. */
export enum TemplateTopic {
  /** A message template of one of the user's numbers changed status (sync or Meta's webhook). */
  Status = 'TEMPLATE_STATUS',
}

export interface TemplateStatusChange {
  userId: string;
  credentialId: string;
  /** Our row's id. */
  templateId: string;
  name: string;
  language: string;
  /** Null when the template was not known before this change. */
  previousStatus: string | null;
  status: string;
  reason: string | null;
  occurredAt: string;
}

/** Topic → [the id a subscriber filters on, payload]: this domain's part of the bus's event map. */
export type TemplateEvents = {
  [TemplateTopic.Status]: [userId: string, event: TemplateStatusChange];
};

/** After commit: each change to its owner's topic, so a subscriber that reloads sees the new row. */
export function publishTemplateStatusChanges(eventBus: EventBus<TemplateEvents>, changes: readonly TemplateStatusChange[]): void {
  for (const change of changes) eventBus.publish(TemplateTopic.Status, change.userId, change);
}
