import { PublicError } from '../errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Parses an ID argument. A malformed id is answered like an unknown one (NOT_FOUND), so probing with
 * junk tells a caller nothing more than probing with a well-formed guess.
 */
export function parseId(value: string, what: string): string {
  if (!UUID.test(value)) throw PublicError.notFound(what);
  return value.toLowerCase();
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
