export { JobQueue, type JobQueueOptions, type QueueDefinition, type JobContext, type JobHandler, type SendOptions } from './job-queue';
export { QueueName } from './queue-names';
