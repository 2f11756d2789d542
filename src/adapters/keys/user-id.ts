import { UserIdInvalidError } from './key-errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Key names and rows are derived from user ids, so anything that is not a UUID (a path segment, an empty
 * string, another prefix) is refused before it reaches Vault or the database. Returns the lowercase form,
 * so one user never ends up with two keys that differ only in case.
 */
export function assertUserId(userId: string): string {
  if (typeof userId !== 'string' || !UUID.test(userId)) throw new UserIdInvalidError();
  return userId.toLowerCase();
}
