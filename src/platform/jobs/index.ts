export { JobQueue, type JobContext } from './job-queue';
export { QueueName, retryLimitOf } from './queue-names';
