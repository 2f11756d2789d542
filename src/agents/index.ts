export { AgentWhatsAppConfig } from './agent-whatsapp-config.entity';
export { AgentReply, AgentReplyState } from './agent-reply.entity';
export { BusinessHours, BusinessHoursSpan, Weekday } from './business-hours';
export { isOpenAt, closedPeriodOf, agentWillAct, type AgentActivity } from './business-hours-clock';
export { AgentWhatsAppFieldResolver, AgentWhatsAppResolver } from './agent-config.resolver';
export { AgentMessagingResolver } from './agent-messaging.resolver';
export { agentSubscriptionsResolver, type AgentSubscriptionServices } from './agent-subscriptions.resolver';
export { AgentRuntimeClient, AgentRuntimeRejectedError, AgentRuntimeUnavailableError } from './agent-runtime-client';
export {
  signAgentRuntimeRequest,
  verifyAgentRuntimeRequest,
  CONTRACT_VERSION as AGENT_RUNTIME_CONTRACT_VERSION,
  type AgentRuntimeRequest,
  type AgentRuntimeReply,
} from './agent-runtime-contract';
export { handleAgentInbound, type AgentInboundOutcome } from './handle-agent-inbound';
export { startAgentInboundWorker, type AgentInboundJob } from './agent-inbound-worker';
export { routePlatformInbound } from './platform-routing';
export { inboundAgents } from './inbound-agents';
export type { AgentServices } from './agent-services';
export { resolveSender } from './resolve-sender';
