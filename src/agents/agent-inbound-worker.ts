import type { AppServices } from '../graphql/app-services';
import { QueueName } from '../jobs';
import type { AgentRuntimeClient } from './agent-runtime-client';
import { handleAgentInbound } from './handle-agent-inbound';

export interface AgentInboundJob {
  messageId: string;
}

/**
 * Works the `agent-inbound` queue that webhook ingestion fills (one job per new inbound message, enqueued
 * in the transaction that stores it). Failures that waiting fixes are retried with exponential backoff
 * from 1 s up to 5 min, roughly a quarter of an hour in all; a job lives longer than one runtime call can take.
 */
export async function startAgentInboundWorker(services: AppServices, runtime: AgentRuntimeClient | null): Promise<void> {
  const { config, logger } = services;
  const deps = { ...services, runtime, runtimeTimeoutMs: config.agentRuntime.timeoutMs };
  await services.jobs.define<AgentInboundJob>(
    QueueName.AgentInbound,
    {
      retryLimit: 10,
      retryDelaySeconds: 1,
      retryDelayMaxSeconds: 300,
      expireInSeconds: Math.ceil(config.agentRuntime.timeoutMs / 1000) * 2 + 120,
      concurrency: 4,
    },
    async (job) => {
      const outcome = await handleAgentInbound(deps, job.data.messageId);
      logger.debug({ messageId: job.data.messageId, outcome, retryCount: job.retryCount }, 'agent inbound handled');
    },
  );
}
