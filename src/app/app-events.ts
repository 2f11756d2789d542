import type { FailureAlertEvents } from '../alerts';
import type { CredentialEvents } from '../credentials';
import type { MessageEvents } from '../messaging';
import type { TemplateEvents } from '../templates';
import type { UserErasureEvents } from '../user-erasure';
import type { WebhookEvents } from '../webhooks';

/** Every topic on the plugin's event bus: the union of what each domain declares it publishes. */
export type AppEvents = FailureAlertEvents & CredentialEvents & MessageEvents & TemplateEvents & UserErasureEvents & WebhookEvents;
