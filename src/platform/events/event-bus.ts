import { ErrorCode, PublicError } from '../errors';
import { endOnError } from './end-on-error';

/**
 * Topic → [the id a subscriber filters on, payload]. Each domain declares the topics it publishes (for
 * example credentials/credential-events.ts); the composition root joins them into the map of its bus,
 * so this kit knows no domain.
 */
export type EventMap = Record<string, [id: string, payload: unknown]>;

/**
 * Ends a subscription whose reader fell too far behind (see EventBus.subscribe). A client error, so every
 * subscription, whatever its resolver, reports SUBSCRIPTION_OVERFLOW instead of an internal error.
 */
class SubscriberOverflowError extends PublicError {
  constructor(readonly limit: number) {
    super(
      ErrorCode.SubscriptionOverflow,
      'Events arrived faster than this subscription read them, so it was ended. Subscribe again and read what you missed from history.',
    );
    this.name = 'SubscriberOverflowError';
  }
}

export interface SubscribeOptions {
  /** Events held for a reader that does not keep up; one more ends the subscription. */
  maxPending?: number;
}

export interface EventBus<Events extends EventMap> {
  publish<K extends keyof Events & string>(topic: K, id: Events[K][0], payload: Events[K][1]): void;
  /**
   * Events of one topic and id, from now on. A reader that lets more than `maxPending` events pile up is
   * cut off: the iterator throws SubscriberOverflowError once the events it holds are read, and holds no
   * more. Memory per subscriber stays bounded however fast events come, and the client learns it must
   * catch up from history instead of silently missing events.
   */
  subscribe<K extends keyof Events & string>(topic: K, id: Events[K][0], options?: SubscribeOptions): AsyncIterableIterator<Events[K][1]>;
}

const DEFAULT_MAX_PENDING_EVENTS = 1_000;

export function createEventBus<Events extends EventMap>(eventTarget: EventTarget = new EventTarget(), defaults: SubscribeOptions = {}): EventBus<Events> {
  return {
    publish(topic, id, payload) {
      eventTarget.dispatchEvent(new CustomEvent(`${topic}:${id}`, { detail: payload }));
    },
    subscribe(topic, id, options = {}) {
      return boundedSubscription<Events[typeof topic][1]>(eventTarget, `${topic}:${id}`, options.maxPending ?? defaults.maxPending ?? DEFAULT_MAX_PENDING_EVENTS);
    },
  };
}

function boundedSubscription<T>(target: EventTarget, type: string, maxPending: number): AsyncIterableIterator<T> {
  const pending: T[] = [];
  let waiting: ((result: IteratorResult<T>) => void) | null = null;
  let failWaiting: ((error: unknown) => void) | null = null;
  let ended = false;
  let overflow: SubscriberOverflowError | null = null;

  const listener = (event: Event) => {
    const detail = (event as CustomEvent<T>).detail;
    if (waiting) {
      const resolve = waiting;
      waiting = null;
      failWaiting = null;
      resolve({ value: detail, done: false });
      return;
    }
    if (pending.length >= maxPending) {
      overflow = new SubscriberOverflowError(maxPending);
      stop();
      return;
    }
    pending.push(detail);
  };
  // Listening starts now, not at the first pull, so nothing published after subscribe() is missed.
  target.addEventListener(type, listener);

  function stop(): void {
    if (ended) return;
    ended = true;
    target.removeEventListener(type, listener);
    if (waiting) {
      const resolve = waiting;
      waiting = null;
      failWaiting = null;
      resolve({ value: undefined, done: true });
    }
  }

  const iterator: AsyncIterableIterator<T> = {
    next() {
      if (pending.length > 0) return Promise.resolve({ value: pending.shift()!, done: false });
      if (overflow) {
        const error = overflow;
        overflow = null;
        return Promise.reject(error);
      }
      if (ended) return Promise.resolve({ value: undefined, done: true });
      return new Promise<IteratorResult<T>>((resolve, reject) => {
        waiting = resolve;
        failWaiting = reject;
      });
    },
    return() {
      pending.length = 0;
      overflow = null;
      stop();
      return Promise.resolve({ value: undefined, done: true });
    },
    throw(error?: unknown) {
      pending.length = 0;
      stop();
      failWaiting?.(error);
      return Promise.reject(error);
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}

/**
 * The source's events, then `notice` as the last item if the source ended because its reader fell
 * behind: a subscription resolver turns it into a typed error the client sees before completion.
 */
export function endWithNotice<T, N>(source: AsyncIterableIterator<T>, notice: N): AsyncIterableIterator<T | N> {
  return endOnError(source, (error): error is SubscriberOverflowError => error instanceof SubscriberOverflowError, () => notice);
}
