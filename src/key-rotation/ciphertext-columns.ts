import type { EntityClass, FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isCiphertext, type Ciphertext } from '../keys';

/**
 * Where a domain stores ciphertexts made with their owner's key: one entity, the property holding the
 * owner's user id, and the ciphertext properties. Rotation rewraps exactly what is registered, so a
 * domain that stores a new encrypted column registers it (see `src/app.ts`); a test fails when an entity
 * property named `*Ciphertext` is in no registered set.
 */
export interface CiphertextColumns<T extends object = object> {
  /** Names the set in logs and counts; the table name. */
  name: string;
  entity: EntityClass<T>;
  /** The property holding the owner's user id. */
  owner: keyof T & string;
  /** The properties holding the owner's ciphertexts (a null or empty value is skipped). */
  columns: ReadonlyArray<keyof T & string>;
  /** The single-column primary key property. Default `id`. */
  primaryKey?: keyof T & string;
}

/** Checks the property names against the entity at compile time. */
export function ciphertextColumns<T extends object>(set: CiphertextColumns<T>): CiphertextColumns {
  return set as unknown as CiphertextColumns;
}

/** One stored value: which row and column holds it. */
export interface StoredCiphertext {
  set: string;
  id: string;
  column: string;
  /** Undefined when the stored value does not have the ciphertext shape (it can never be rewrapped). */
  ciphertext: Ciphertext | undefined;
}

type Row = Record<string, unknown>;

/**
 * Every registered place a user's ciphertexts live, read page by page and replaced only where the stored
 * value is still the one that was read (a conditional UPDATE), so a concurrent change of a secret is never
 * overwritten by a rewrap of its old value.
 */
export class CiphertextRegistry {
  private readonly sets: readonly CiphertextColumns[];

  constructor(sets: readonly CiphertextColumns[]) {
    this.sets = sets;
  }

  get registered(): readonly CiphertextColumns[] {
    return this.sets;
  }

  /** The user's stored ciphertexts, `pageRows` rows at a time, in primary-key order; each page in a fresh unit of work. */
  async *pagesOf(fork: () => EntityManager, userId: string, pageRows: number): AsyncGenerator<StoredCiphertext[]> {
    for (const set of this.sets) {
      const pk = set.primaryKey ?? 'id';
      let after: string | undefined;
      for (;;) {
        const where: Row = { [set.owner]: userId, ...(after === undefined ? {} : { [pk]: { $gt: after } }) };
        const rows: Row[] = await fork()
          .createQueryBuilder(set.entity)
          .select([pk, ...set.columns] as never)
          .where(where as FilterQuery<object>)
          .orderBy({ [pk]: 'asc' } as never)
          .limit(pageRows)
          .execute('all');
        if (rows.length === 0) break;
        after = String(rows[rows.length - 1]![pk]);
        const page: StoredCiphertext[] = [];
        for (const row of rows) {
          for (const column of set.columns) {
            const value = row[column];
            if (typeof value !== 'string' || value === '') continue;
            page.push({ set: set.name, id: String(row[pk]), column, ciphertext: isCiphertext(value) ? value : undefined });
          }
        }
        yield page;
        if (rows.length < pageRows) break;
      }
    }
  }

  /** Stores `next` in place of `stored` unless the value changed since it was read; true when replaced. */
  async replace(em: EntityManager, userId: string, stored: StoredCiphertext, next: Ciphertext): Promise<boolean> {
    const set = this.setNamed(stored.set);
    const pk = set.primaryKey ?? 'id';
    const where = { [pk]: stored.id, [set.owner]: userId, [stored.column]: stored.ciphertext };
    // A plain UPDATE: the entity's `version` and `updatedAt` stay, since a rewrap changes no secret and
    // must not make a concurrent edit of the same row fail its optimistic lock.
    const updated = await em.nativeUpdate(set.entity, where as FilterQuery<object>, { [stored.column]: next } as never);
    return updated === 1;
  }

  /** Up to `limit` distinct owners after `after` (uuid order) across every set: the users who have ciphertexts. */
  async ownersAfter(em: EntityManager, after: string | null, limit: number): Promise<string[]> {
    const owners = new Set<string>();
    for (const set of this.sets) {
      const where: Row = after === null ? {} : { [set.owner]: { $gt: after } };
      const rows: Row[] = await em
        .createQueryBuilder(set.entity)
        .select([set.owner] as never)
        .distinct()
        .where(where as FilterQuery<object>)
        .orderBy({ [set.owner]: 'asc' } as never)
        .limit(limit)
        .execute('all');
      for (const row of rows) owners.add(String(row[set.owner]));
    }
    return [...owners].sort().slice(0, limit);
  }

  /** How many distinct users have ciphertexts. */
  async countOwners(em: EntityManager): Promise<number> {
    let count = 0;
    let after: string | null = null;
    for (;;) {
      const page = await this.ownersAfter(em, after, 1_000);
      count += page.length;
      if (page.length < 1_000) return count;
      after = page[page.length - 1]!;
    }
  }

  private setNamed(name: string): CiphertextColumns {
    const set = this.sets.find((s) => s.name === name);
    if (!set) throw new Error(`No ciphertext columns are registered as "${name}".`);
    return set;
  }
}
