import { Field, ObjectType } from 'type-graphql';
import { PublicError } from '../errors';

/** Named for this subgraph: a bare `PageInfo` would collide with the host's own in the supergraph. */
@ObjectType('WhatsAppPageInfo', { description: 'Where a page ends, for keyset pagination: pass `endCursor` as `after`.' })
export class PageInfo {
  @Field({ description: 'There are more (older) items after this page.' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next (older) page.' })
  endCursor!: string | null;
}

const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;

function invalidCursor(): PublicError {
  return PublicError.badInput('after', 'The cursor is not valid; use a pageInfo.endCursor from an earlier page.');
}

/** Opaque to clients: the sort key of the last row, so pages stay stable while rows are added. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined, arity: number): Array<string | number> | null {
  if (cursor == null) return null;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === arity && key.every((k) => typeof k === 'string' || typeof k === 'number')) return key;
  } catch {
    // falls through to the typed error
  }
  throw invalidCursor();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The (timestamp, uuid) sort key of newest-first lists; anything else is the same typed error. */
export function decodeTimeIdCursor(cursor: string | null | undefined): { at: Date; id: string } | null {
  const key = decodeCursor(cursor, 2);
  if (!key) return null;
  const [iso, id] = key;
  const at = new Date(String(iso));
  if (typeof iso !== 'string' || Number.isNaN(at.getTime()) || typeof id !== 'string' || !UUID.test(id)) throw invalidCursor();
  return { at, id };
}

export function pageSize(first: number | null | undefined): number {
  if (first == null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw PublicError.badInput('first', `first must be between 1 and ${MAX_PAGE_SIZE}.`);
  }
  return first;
}

/** Cuts the one extra row fetched to learn whether another page exists. */
export function toPage<T>(rows: T[], size: number, keyOf: (row: T) => Array<string | number>): { nodes: T[]; pageInfo: PageInfo } {
  const nodes = rows.slice(0, size);
  const last = nodes.at(-1);
  return { nodes, pageInfo: { hasNextPage: rows.length > size, endCursor: last ? encodeCursor(keyOf(last)) : null } };
}
