import type { ExecutionResult } from 'graphql';
import { PublicError } from '../errors';
import { endOnError } from '../events';

/**
 * A subscription's stream, where a PublicError the source throws (a reader cut off for falling behind,
 * say) becomes one last result carrying it, and the stream then ends. graphql-ws would otherwise send
 * it as an `error` message, which gateways relay without its extensions, and clients would not see the
 * code. Anything else is thrown on as before (and masked).
 */
export function publicErrorsAsResults<T extends ExecutionResult>(source: AsyncIterableIterator<T>): AsyncIterableIterator<T | ExecutionResult> {
  return endOnError(source, (error): error is PublicError => error instanceof PublicError, (error): ExecutionResult => ({ errors: [error] }));
}
