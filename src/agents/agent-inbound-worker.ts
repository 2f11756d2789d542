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
 * will act on, enqueued in the transaction that stores it). Retries are the queue's (QUEUE_SETTINGS); a
 * job lives longer than one runtime call can take. Jobs are fetched a few at a time and run side by side.
 */
export async function startAgentInboundWorker(services: AgentServices, runtime: AgentRuntimeClient | null): Promise<void> {
  const { config, logger } = services;
  const deps = { ...services, runtime, runtimeTimeoutMs: config.agentRuntime.timeoutMs, mediaLinks: mediaLinkSettingsOf(services) };
  await services.jobs.define<AgentInboundJob>(
    QueueName.AgentInbound,
    {
      expireInSeconds: Math.ceil(config.agentRuntime.timeoutMs / 1000) * 2 + 120,
      concurrency: 2,
      batchSize: 8,
    },
    async (job) => {
      const outcome = job.data.change
        ? await notifyAgentOfChange(deps, job.data.messageId, job.data.change, job.retryCount + 1)
        : await handleAgentInbound(deps, job.data.messageId);
      logger.debug({ messageId: job.data.messageId, outcome, retryCount: job.retryCount }, 'agent inbound handled');
    },
  );
}
