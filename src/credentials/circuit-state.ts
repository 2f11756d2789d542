import { registerEnumType } from 'type-graphql';

export enum CircuitState {
  /** Calls flow. */
  CLOSED = 'closed',
  /** Meta kept failing for this credential: calls are refused at once until the cool-down ends. */
  OPEN = 'open',
  /** Cool-down over: one instance sends a probe; its outcome closes or re-opens the circuit. */
  HALF_OPEN = 'half_open',
}
registerEnumType(CircuitState, { name: 'WhatsAppCircuitState', description: 'The per-credential circuit breaker in front of Meta.' });
