import type { InboundAgents } from '../webhooks';
import type { BusinessHours } from './business-hours';
import { agentWillAct } from './business-hours-clock';
import { routePlatformInbound } from './platform-routing';

/** This domain's answers to the inbox's questions about agents (src/app hands them to the webhooks domain). */
export const inboundAgents: InboundAgents = {
  // The hours are this domain's own JSON column, as the inbox read it from the agent's row.
  willAct: (agent, at) => agentWillAct({ ...agent, businessHours: agent.businessHours as BusinessHours | null }, at),
  routePlatformInbound,
};
