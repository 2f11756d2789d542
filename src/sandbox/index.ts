// Public surface of the WhatsApp Cloud API simulator (tests and the plugin's local sandbox mode).
export { startSandbox, type StartSandboxOptions, type RunningSandbox } from './start-sandbox';
export { Sandbox, type SandboxOptions } from './sandbox';
export type { CreateAccountOptions, SandboxAccount, SandboxTemplate } from './sandbox-state';
export type { GraphErrorSpec, RawFailureSpec, FailureSpec } from './graph-errors';
export type { FailureMatch, HeldRequest } from './sandbox-faults';
export type { SandboxRequestRecord } from './request-log';
export type { SentMessageRecord } from './routes/route-context';
export {
  SandboxDeliveryError,
  type DeliveryFailureReason,
  type DeliveryResult,
  type InboundMessageInput,
  type StatusInput,
  type RawDeliveryOptions,
} from './webhook-delivery';
export { serializeLikeMeta } from './webhook-payloads';
