import type { MikroORM } from '@mikro-orm/postgresql';
import { KeyBatchError, keyVersionOf, type Ciphertext, type KeyService } from '../adapters/keys';
import type { Logger } from '../platform/observability/logger';
import type { CiphertextRegistry, StoredCiphertext } from './ciphertext-columns';
import { KeyRotationJobError, RewrapRaceError } from './job-errors';

export interface RewrapDependencies {
  orm: MikroORM;
  keys: KeyService;
  ciphertexts: CiphertextRegistry;
  logger: Logger;
  /** Rows read (and rewrapped in one `batch_input` call) at a time. */
  pageRows: number;
}

export interface RewrapOutcome {
  /** Every readable ciphertext is on this version, and it is now the minimum decryption version. */
  targetVersion: number;
  rewrapped: number;
  /** Values that were unreadable before the rotation (tampered, malformed, below an older minimum). */
  unreadable: number;
}

/** Passes over the user's rows while concurrent writes keep replacing values under us. */
const MAX_PASSES = 5;

/** What is known to be unreadable: location → the value found there (a changed value is looked at again). */
type Unreadable = Map<string, string | undefined>;

const locationOf = (stored: StoredCiphertext) => `${stored.set}|${stored.id}|${stored.column}`;

/**
 * Moves every stored ciphertext of the user to their key's latest version, binding rows written before
 * ciphertexts were bound to their location, then retires the older versions (raises the minimum
 * decryption version). Idempotent: a crash or a retry starts over and finds
 * only what is still to do. Every secret stays readable throughout: values are replaced one by one with
 * a rewrapped equal, and the minimum is raised only once nothing readable is left below it.
 *
 * A write whose ciphertext was made before the rotation could still land after the final check; the check
 * after raising catches it, lowers the minimum again and fails with `RewrapRaceError` so the job retries.
 */
export async function rewrapUserCiphertexts(deps: RewrapDependencies, userId: string): Promise<RewrapOutcome> {
  const { latestVersion: target } = await deps.keys.info(userId);
  const unreadable: Unreadable = new Map();
  let rewrapped = 0;
  for (let pass = 1; ; pass += 1) {
    const { replaced, conflicts } = await rewrapPass(deps, userId, target, unreadable);
    rewrapped += replaced;
    if (conflicts === 0) break;
    if (pass === MAX_PASSES) {
      throw new KeyRotationJobError(`secrets kept changing during ${MAX_PASSES} rewrap passes; retrying later`, true);
    }
  }

  await deps.keys.raiseMinDecryptionVersion(userId, target);
  const raced = await staleVersions(deps, userId, target, unreadable);
  if (raced.length > 0) {
    await deps.keys.lowerMinDecryptionVersion(userId, Math.min(...raced));
    deps.logger.warn({ userId, stale: raced.length }, 'a secret written during the rotation used a retired key version; kept it readable, retrying');
    throw new RewrapRaceError(raced.length);
  }
  return { targetVersion: target, rewrapped, unreadable: unreadable.size };
}

async function rewrapPass(
  deps: RewrapDependencies,
  userId: string,
  target: number,
  unreadable: Unreadable,
): Promise<{ replaced: number; conflicts: number }> {
  let replaced = 0;
  let conflicts = 0;
  for await (const page of deps.ciphertexts.pagesOf(() => deps.orm.em.fork(), userId, deps.pageRows)) {
    const stale = page.filter((stored) => isStale(stored, target, unreadable, deps.logger, userId));
    // An unbound row is bound whole or not at all: one unreadable value keeps the row as it is.
    const blockedRows = new Set(page.filter((stored) => stored.needsBinding && isKnownUnreadable(stored, unreadable)).map(rowOf));
    const work = stale.filter((stored) => !(stored.needsBinding && blockedRows.has(rowOf(stored))));
    if (work.length === 0) continue;
    const results = await rewrapBatch(deps, userId, work, unreadable);
    await deps.orm.em.fork().transactional(async (tx) => {
      const rowsToBind = new Map<string, Array<{ stored: StoredCiphertext; next: Ciphertext | undefined }>>();
      for (const [index, stored] of work.entries()) {
        const next = results[index];
        if (stored.needsBinding) {
          const row = rowsToBind.get(rowOf(stored)) ?? [];
          row.push({ stored, next });
          rowsToBind.set(rowOf(stored), row);
          continue;
        }
        if (next === undefined) continue;
        if (await deps.ciphertexts.replace(tx, userId, stored, next)) replaced += 1;
        else conflicts += 1;
      }
      for (const row of rowsToBind.values()) {
        if (row.some(({ next }) => next === undefined)) continue;
        const complete = row as Array<{ stored: StoredCiphertext; next: Ciphertext }>;
        if (await deps.ciphertexts.bindRow(tx, userId, complete)) replaced += complete.length;
        else conflicts += 1;
      }
    });
  }
  return { replaced, conflicts };
}

const rowOf = (stored: StoredCiphertext) => `${stored.set}|${stored.id}`;

function isKnownUnreadable(stored: StoredCiphertext, unreadable: Unreadable): boolean {
  const location = locationOf(stored);
  return stored.ciphertext === undefined || (unreadable.has(location) && unreadable.get(location) === stored.ciphertext);
}

function isStale(stored: StoredCiphertext, target: number, unreadable: Unreadable, logger: Logger, userId: string): boolean {
  const location = locationOf(stored);
  if (unreadable.has(location) && unreadable.get(location) === stored.ciphertext) return false;
  if (stored.ciphertext === undefined) {
    unreadable.set(location, undefined);
    logger.warn({ userId, table: stored.set, rowId: stored.id, column: stored.column }, 'a stored secret is not a ciphertext: left as it is');
    return false;
  }
  // A row written before binding is rewrapped whatever its version, to bind it.
  return stored.needsBinding || keyVersionOf(stored.ciphertext) < target;
}

/**
 * One `rewrapAll` (Vault `batch_input`): each value opened where it is bound now and sealed bound to its
 * location. Failed items were unreadable already (or moved: they fail their binding) and are left in place.
 */
async function rewrapBatch(
  deps: RewrapDependencies,
  userId: string,
  stale: StoredCiphertext[],
  unreadable: Unreadable,
): Promise<Array<Ciphertext | undefined>> {
  try {
    const bindings = stale.map((stored) => ({ from: stored.location, to: deps.ciphertexts.targetLocation(stored) }));
    return await deps.keys.rewrapAll(userId, stale.map((stored) => stored.ciphertext!), bindings);
  } catch (error) {
    if (!(error instanceof KeyBatchError)) throw error;
    for (const { index, error: itemError } of error.failures) {
      const stored = stale[index]!;
      unreadable.set(locationOf(stored), stored.ciphertext);
      deps.logger.warn(
        { userId, table: stored.set, rowId: stored.id, column: stored.column, error: itemError.name },
        'a stored ciphertext cannot be rewrapped: it was already unreadable',
      );
    }
    return error.results as Array<Ciphertext | undefined>;
  }
}

async function staleVersions(deps: RewrapDependencies, userId: string, target: number, unreadable: Unreadable): Promise<number[]> {
  const versions: number[] = [];
  for await (const page of deps.ciphertexts.pagesOf(() => deps.orm.em.fork(), userId, deps.pageRows)) {
    for (const stored of page) {
      const location = locationOf(stored);
      if (stored.ciphertext === undefined || (unreadable.has(location) && unreadable.get(location) === stored.ciphertext)) continue;
      const version = keyVersionOf(stored.ciphertext);
      if (version < target) versions.push(version);
    }
  }
  return versions;
}
