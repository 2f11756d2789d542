import type { ExecutionResult } from 'graphql';
import { PublicError } from '../errors';

/**
 * A subscription's stream, where a PublicError the source throws (a reader cut off for falling behind,
 * say) becomes one last result carrying it, and the stream then ends. graphql-ws would otherwise send
 * it as an `error` message, which gateways relay without its extensions, and clients would not see the
 * code. Anything else is thrown on as before (and masked).
 *
 * A hand-written iterator, not an async generator: a generator's `return()` waits for the `next()` in
 * flight, so an unsubscribe from an idle subscription would hold its listener until the next event.
 */
export function publicErrorsAsResults<T extends ExecutionResult>(source: AsyncIterableIterator<T>): AsyncIterableIterator<T | ExecutionResult> {
  let finished = false;
  const iterator: AsyncIterableIterator<T | ExecutionResult> = {
    async next() {
      if (finished) return { value: undefined, done: true };
      try {
        return await source.next();
      } catch (error) {
        if (!(error instanceof PublicError)) throw error;
        finished = true;
        return { value: { errors: [error] }, done: false };
      }
    },
    return() {
      finished = true;
      return source.return ? source.return() : Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
