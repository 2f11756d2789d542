import type { CredentialStatus, CredentialStatusReason } from '../credentials/credential-status';
import type { MessageStatus } from '../messaging/message-enums';

export enum Topic {
  CredentialHealth = 'CREDENTIAL_HEALTH',
  InboundMessage = 'INBOUND_MESSAGE',
  MessageStatus = 'MESSAGE_STATUS',
  /** A user's data is being erased: every instance closes the user's open sockets. */
  UserErased = 'USER_ERASED',
  /** A receive-only instance stored webhook deliveries: processing instances look at the inbox now. */
  InboxStored = 'INBOX_STORED',
  /** A message template of one of the user's numbers changed status (sync or Meta's webhook). */
  TemplateStatus = 'TEMPLATE_STATUS',
}

export interface CredentialHealthChanged {
  credentialId: string;
  userId: string;
  previousStatus: CredentialStatus;
  status: CredentialStatus;
  reason: CredentialStatusReason;
  occurredAt: string;
  /**
   * Set on a quality warning (rating dropped to RED, number flagged, messaging limit lowered): the status
   * may be unchanged, and the number keeps sending unless Meta blocks it.
   */
  warning?: string;
  /** The warning in words, for the owner. */
  message?: string | null;
}

export interface TemplateStatusChanged {
  userId: string;
  credentialId: string;
  /** Our row's id. */
  templateId: string;
  name: string;
  language: string;
  /** Null when the template was not known before this change. */
  previousStatus: string | null;
  status: string;
  reason: string | null;
  occurredAt: string;
}

/**
 * The message as it was committed, carried by the event so that subscribers need not read it back.
 * Left out when it would not fit one NOTIFY (a long text): subscribers then read the row.
 */
export interface MessageSnapshot {
  id: string;
  userId: string;
  credentialId: string;
  agentId: string | null;
  conversationId: string;
  whatsappMessageId: string | null;
  fromPhone: string;
  toPhone: string;
  direction: string;
  messageType: string;
  content: Record<string, unknown>;
  replyToMessageId: string | null;
  status: string;
  statusAt: string | null;
  errorCode: number | null;
  errorTitle: string | null;
  timestamp: string;
  createdAt: string;
}

export interface MessageEvent {
  messageId: string;
  userId: string;
  agentId: string | null;
  status: MessageStatus;
  message?: MessageSnapshot;
}

/** Topic → [the id a subscriber filters on, payload]. */
export type EventTopics = {
  [Topic.CredentialHealth]: [userId: string, event: CredentialHealthChanged];
  [Topic.InboundMessage]: [agentId: string, event: MessageEvent];
  [Topic.MessageStatus]: [agentId: string, event: MessageEvent];
  // Every instance closes the erased user's sockets: one audience, whoever the user.
  [Topic.UserErased]: [audience: 'every-instance', event: { userId: string }];
  [Topic.InboxStored]: [audience: 'every-instance', event: Record<string, never>];
  [Topic.TemplateStatus]: [userId: string, event: TemplateStatusChanged];
};

/** Ends a subscription whose reader fell too far behind (see EventBus.subscribe). */
export class SubscriberOverflowError extends Error {
  constructor(readonly limit: number) {
    super(`more than ${limit} events waited for this subscriber; the subscription was ended`);
    this.name = 'SubscriberOverflowError';
  }
}

export interface SubscribeOptions {
  /** Events held for a reader that does not keep up; one more ends the subscription. */
  maxPending?: number;
}

export interface EventBus {
  publish<K extends keyof EventTopics>(topic: K, id: EventTopics[K][0], payload: EventTopics[K][1]): void;
  /**
   * Events of one topic and id, from now on. A reader that lets more than `maxPending` events pile up is
   * cut off: the iterator throws SubscriberOverflowError once the events it holds are read, and holds no
   * more. Memory per subscriber stays bounded however fast events come, and the client learns it must
   * catch up from history instead of silently missing events.
   */
  subscribe<K extends keyof EventTopics>(topic: K, id: EventTopics[K][0], options?: SubscribeOptions): AsyncIterableIterator<EventTopics[K][1]>;
}

export const DEFAULT_MAX_PENDING_EVENTS = 1_000;

export function createEventBus(eventTarget: EventTarget = new EventTarget(), defaults: SubscribeOptions = {}): EventBus {
  return {
    publish(topic, id, payload) {
      eventTarget.dispatchEvent(new CustomEvent(`${topic}:${id}`, { detail: payload }));
    },
    subscribe(topic, id, options = {}) {
      return boundedSubscription(eventTarget, `${topic}:${id}`, options.maxPending ?? defaults.maxPending ?? DEFAULT_MAX_PENDING_EVENTS);
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
  let finished = false;
  const iterator: AsyncIterableIterator<T | N> = {
    async next() {
      if (finished) return { value: undefined, done: true };
      try {
        return await source.next();
      } catch (error) {
        if (!(error instanceof SubscriberOverflowError)) throw error;
        finished = true;
        return { value: notice, done: false };
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
