export { JobQueue, type JobContext } from './job-queue';
export { QueueName } from './queue-names';
