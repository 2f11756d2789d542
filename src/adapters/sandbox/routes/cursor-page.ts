import type { RouteContext, RouteRequest } from './route-context';

const DEFAULT_PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 100;

export interface CursorPageOptions {
  /** The edge's path after the version, for the `paging.next` link. */
  path: string;
  /** Tells one edge's cursors from another's, as Meta's opaque cursors do. */
  cursorPrefix: string;
  /** What Graph answers to a cursor it did not make (the edges differ). */
  invalidCursor: () => Error;
}

/**
 * Graph's cursor paging over a list the sandbox holds: `limit` (25 by default, at most 100) and `after`
 * in, the page's items and `paging` (cursors, and `next` while more remain: the same query moved on) out.
 */
export function cursorPage<T>(request: RouteRequest, context: RouteContext, all: readonly T[], options: CursorPageOptions): { items: T[]; paging: Record<string, unknown> } {
  const encode = (index: number) => Buffer.from(`${options.cursorPrefix}:${index}`).toString('base64url');
  const limit = Math.min(Number(request.query.get('limit') ?? DEFAULT_PAGE_SIZE) || DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const start = decodeCursor(request.query.get('after'), options);
  const items = all.slice(start, start + limit);
  const end = start + items.length;
  const next = new URL(`${context.baseUrl()}/${request.version}/${options.path}`);
  for (const [key, value] of request.query) if (key !== 'after' && key !== 'appsecret_proof') next.searchParams.set(key, value);
  next.searchParams.set('after', encode(end));
  return {
    items,
    paging: {
      cursors: { before: encode(start), after: encode(end) },
      ...(end < all.length ? { next: next.toString() } : {}),
    },
  };
}

function decodeCursor(cursor: string | null, options: CursorPageOptions): number {
  if (!cursor) return 0;
  const match = new RegExp(`^${options.cursorPrefix}:(\\d+)$`).exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw options.invalidCursor();
  return Number(match[1]);
}
