/**
 * The source's items and, when the source throws an error `isEnding` recognises, one last item made of
 * that error, then the end. Any other error is thrown on. Subscriptions use it to turn "you were cut
 * off" into something the client receives before completion.
 *
 * A hand-written iterator, not an async generator: a generator's `return()` waits for the `next()` in
 * flight, so an unsubscribe from an idle subscription would hold its listener until the next event.
 */
export function endOnError<T, E, L>(
  source: AsyncIterableIterator<T>,
  isEnding: (error: unknown) => error is E,
  lastOf: (error: E) => L,
): AsyncIterableIterator<T | L> {
  let finished = false;
  const iterator: AsyncIterableIterator<T | L> = {
    async next() {
      if (finished) return { value: undefined, done: true };
      try {
        return await source.next();
      } catch (error) {
        if (!isEnding(error)) throw error;
        finished = true;
        return { value: lastOf(error), done: false };
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
