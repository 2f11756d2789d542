export { JobQueue, type JobContext } from './job-queue';
export { QueueName, queueSettings } from './queue-names';
