import { Topic, type EventBus, type TemplateStatusChanged } from '../events';

export type TemplateStatusChange = TemplateStatusChanged;

/** After commit: each change to its owner's topic, so a subscriber that reloads sees the new row. */
export function publishTemplateStatusChanges(eventBus: EventBus, changes: readonly TemplateStatusChange[]): void {
  for (const change of changes) eventBus.publish(Topic.TemplateStatus, change.userId, change);
}
