// Public surface of the WhatsApp Cloud API simulator (tests and the plugin's local sandbox mode).
export { startSandbox, type RunningSandbox } from './start-sandbox';
export { Sandbox } from './sandbox';
export type { SandboxAccount } from './sandbox-state';
export { SandboxDeliveryError } from './webhook-delivery';
export { serializeLikeMeta } from './webhook-payloads';
