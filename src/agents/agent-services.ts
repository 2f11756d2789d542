import type { Config } from '../config';
import type { EventBus } from '../platform/events';
import type { MessageEvents } from '../messaging';
import type { AgentOwnership } from './agent-ownership';
import type { AgentInboundDependencies } from './handle-agent-inbound';

/** What the agents domain is built with; the composition root (src/app) hands it in. */
export interface AgentServices extends Omit<AgentInboundDependencies, 'runtime' | 'runtimeTimeoutMs'> {
  config: Config;
  eventBus: EventBus<MessageEvents>;
  /** Whether the host says a caller owns an agent (token claim, HTTP check, or trust in development). */
  agentOwnership: AgentOwnership;
  /** Filled in once the server listens: where /media/… links in runtime requests point. */
  publicUrls: { mediaBase: string };
}
