import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const ids = new WeakMap<IncomingMessage, string>();
const ACCEPTABLE = /^[\w.-]{8,64}$/;

/** The id that ties a request's logs, errors and response together; a sane caller-supplied id is kept. */
export function assignRequestId(req: IncomingMessage): string {
  const offered = req.headers['x-request-id'];
  const id = typeof offered === 'string' && ACCEPTABLE.test(offered) ? offered : randomUUID();
  ids.set(req, id);
  return id;
}

export function requestIdOf(req: IncomingMessage): string {
  return ids.get(req) ?? assignRequestId(req);
}
