import { AsyncLocalStorage } from 'node:async_hooks';

/** What is known about the request being served, wherever in its call chain the code runs. */
export interface RequestContext {
  requestId: string;
  /** The viewer's user id once the token is verified. */
  userId?: string;
  /** GraphQL: the operation's name (as the client named it) and how it ended. */
  operationName?: string;
  outcome?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `fn` with `context` as the current request, for every call it makes (awaited or not). */
export function runInRequest<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}

const REQUEST_ID_HEADER = 'x-request-id';

/** Headers that carry the current request id to a service we call (Graph, Vault), so their logs join ours. */
export function outboundRequestHeaders(): Record<string, string> {
  const requestId = storage.getStore()?.requestId;
  return requestId ? { [REQUEST_ID_HEADER]: requestId } : {};
}
