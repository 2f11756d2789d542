import type { EventBus } from '../events';
import type { KeyService } from '../keys';
import type { WhatsAppClient } from '../whatsapp';

/** The services the composition root wires and hands to every resolver through the context. */
export interface AppServices {
  eventBus: EventBus;
  whatsapp: WhatsAppClient;
  /** Per-user encryption of every secret a user gives us. */
  keys: KeyService;
}
