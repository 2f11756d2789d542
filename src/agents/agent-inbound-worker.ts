import { QueueName } from '../platform/jobs';
import { mediaLinkSettingsOf } from '../messaging';
import type { AgentRuntimeClient } from './agent-runtime-client';
import type { AgentServices } from './agent-services';
import { notifyAgentOfChange, type MessageChangeJob } from './agent-message-change';
import { handleAgentInbound } from './handle-agent-inbound';

export interface AgentInboundJob {
  messageId: string;
  /** Set when the customer edited or revoked the message: the runtime is told, nothing is sent. */
  change?: MessageChangeJob;
}

/**
 * Works the `agent-inbound` queue that webhook ingestion fills (one job per new inbound message the agent
 * will act on, enqueued in the transaction that stores it). Retries, expiry (longer than one runtime call
 * can take) and workers (a few jobs fetched at a time, run side by side) are the queue's (queueSettings).
 */
export async function startAgentInboundWorker(services: AgentServices, runtime: AgentRuntimeClient | null): Promise<void> {
  const { config, logger } = services;
  const deps = { ...services, runtime, runtimeTimeoutMs: config.agentRuntime.timeoutMs, mediaLinks: mediaLinkSettingsOf(services) };
  await services.jobs.define<AgentInboundJob>(QueueName.AgentInbound, async (job) => {
    const outcome = job.data.change
      ? await notifyAgentOfChange(deps, job.data.messageId, job.data.change, job.retryCount + 1)
      : await handleAgentInbound(deps, job.data.messageId);
    logger.debug({ messageId: job.data.messageId, outcome, retryCount: job.retryCount }, 'agent inbound handled');
  });
}
