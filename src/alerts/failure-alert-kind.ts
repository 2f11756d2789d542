import { registerEnumType } from 'type-graphql';

/** What went wrong on a number, as its owner is told about it. */
export enum FailureAlertKind {
  /** A customer's message reached a number that has no enabled agent: nobody answers it. */
  UNROUTED_MESSAGE = 'unrouted_message',
  /** Meta reported a message as failed (a `failed` status), with its error code. */
  MESSAGE_FAILED = 'message_failed',
  /** An inbound item could not be stored and waits in the dead-letter list. */
  DEAD_LETTER = 'dead_letter',
  /** Meta kept failing for the number: sends are paused for a moment. */
  CIRCUIT_OPENED = 'circuit_opened',
  /** Meta answered again after a pause: sends flow. */
  CIRCUIT_CLOSED = 'circuit_closed',
}
registerEnumType(FailureAlertKind, {
  name: 'WhatsAppFailureAlertKind',
  description: 'The kind of failure a failure alert counts.',
  valuesConfig: {
    UNROUTED_MESSAGE: { description: 'Customers wrote to the number while no agent was enabled on it: nobody answered them.' },
    MESSAGE_FAILED: { description: 'WhatsApp reported messages from the number as failed; the error code and reason say why.' },
    DEAD_LETTER: { description: 'Inbound items could not be stored and wait in the dead-letter list (whatsAppDeadLetters) to be applied again.' },
    CIRCUIT_OPENED: { description: 'WhatsApp kept failing for the number, so calls to it are paused for a moment.' },
    CIRCUIT_CLOSED: { description: 'WhatsApp answered again after a pause: calls for the number flow again.' },
  },
});
