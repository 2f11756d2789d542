import type { EventBus } from '../events';

/** The services the composition root wires and hands to every resolver through the context. */
export interface AppServices {
  eventBus: EventBus;
}
