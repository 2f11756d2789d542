import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { createDeferred } from './deferred';
import { onDispose } from './leftovers';

export interface SubscriptionClient {
  client: Client;
  /** Resolves with the close code if the server closes the socket. */
  closed: Promise<number>;
}

/** A real graphql-ws client (Node 24's global WebSocket) for the plugin's subscription endpoint. */
export function connectSubscriptions(url: string, authorization?: string): SubscriptionClient {
  const closed = createDeferred<number>();
  const client = createClient({
    url,
    lazy: false,
    retryAttempts: 0,
    connectionParams: authorization ? { authorization } : {},
    on: { closed: (event) => closed.resolve((event as CloseEvent).code) },
    onNonLazyError: () => undefined,
  });
  onDispose(() => client.dispose());
  return { client, closed: closed.promise };
}

/** Subscribes and resolves with the first event (or rejects with the subscription's error). */
export function firstEvent<T, V extends Record<string, unknown> = Record<string, unknown>>(
  client: Client,
  document: TypedDocumentNode<T, V>,
  variables?: V,
): { event: Promise<T>; ready: Promise<void> } {
  const event = createDeferred<T>();
  const ready = createDeferred<void>();
  client.on('connected', () => ready.resolve());
  const unsubscribe = client.subscribe<T>(
    { query: print(document), variables },
    {
      next: (value) => {
        if (value.errors) event.reject(new Error(JSON.stringify(value.errors)));
        else event.resolve(value.data as T);
        unsubscribe();
      },
      error: (err) => event.reject(err),
      complete: () => undefined,
    },
  );
  return { event: event.promise, ready: ready.promise };
}
