import type { EntityClass, FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isCiphertext, type Ciphertext, type SecretLocation } from '../adapters/keys';

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
  /**
   * How the set's ciphertexts are bound to where they live (see `bindingOf`): a per-row marker property
   * (`unbound` for rows written before binding, `bound` after) and each column's location. Rewraps bind
   * unbound rows; without this the set's values are rewrapped without associated data.
   */
  binding?: {
    marker: keyof T & string;
    unbound: number;
    bound: number;
    locate: (rowId: string, column: string) => SecretLocation;
  };
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
  /** Where the value is bound now; undefined for unbound rows and sets without binding. */
  location: SecretLocation | undefined;
  /** True for a row of a binding set still written without associated data: the rewrap binds it. */
  needsBinding: boolean;
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
      const marker = set.binding ? [set.binding.marker] : [];
      let after: string | undefined;
      for (;;) {
        const where: Row = { [set.owner]: userId, ...(after === undefined ? {} : { [pk]: { $gt: after } }) };
        const rows: Row[] = await fork()
          .createQueryBuilder(set.entity)
          .select([pk, ...set.columns, ...marker] as never)
          .where(where as FilterQuery<object>)
          .orderBy({ [pk]: 'asc' } as never)
          .limit(pageRows)
          .execute('all');
        if (rows.length === 0) break;
        after = String(rows[rows.length - 1]![pk]);
        const page: StoredCiphertext[] = [];
        for (const row of rows) {
          const id = String(row[pk]);
          const bound = set.binding !== undefined && Number(row[set.binding.marker]) === set.binding.bound;
          for (const column of set.columns) {
            const value = row[column];
            if (typeof value !== 'string' || value === '') continue;
            page.push({
              set: set.name,
              id,
              column,
              ciphertext: isCiphertext(value) ? value : undefined,
              location: bound ? set.binding!.locate(id, column) : undefined,
              needsBinding: set.binding !== undefined && !bound,
            });
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

  /** Where `stored` is to be bound once rewrapped: its own location in a binding set. */
  targetLocation(stored: StoredCiphertext): SecretLocation | undefined {
    return this.setNamed(stored.set).binding?.locate(stored.id, stored.column);
  }

  /**
   * Binds an unbound row: stores every rewrapped value and flips the marker in one UPDATE, only while
   * the row is still unbound and every value is still the one that was read. True when replaced.
   */
  async bindRow(em: EntityManager, userId: string, row: ReadonlyArray<{ stored: StoredCiphertext; next: Ciphertext }>): Promise<boolean> {
    const set = this.setNamed(row[0]!.stored.set);
    const binding = set.binding;
    if (!binding) throw new Error(`The ciphertext columns "${set.name}" are not bound.`);
    const pk = set.primaryKey ?? 'id';
    const where: Row = { [pk]: row[0]!.stored.id, [set.owner]: userId, [binding.marker]: binding.unbound };
    const values: Row = { [binding.marker]: binding.bound };
    for (const { stored, next } of row) {
      where[stored.column] = stored.ciphertext;
      values[stored.column] = next;
    }
    const updated = await em.nativeUpdate(set.entity, where as FilterQuery<object>, values as never);
    return updated === 1;
  }

  /** Owners with at least one row not yet bound, after `after` (uuid order), up to `limit`. */
  unboundOwnersAfter(em: EntityManager, after: string | null, limit: number): Promise<string[]> {
    return this.distinctOwnersAfter(em, after, limit, (set) => (set.binding ? { [set.binding.marker]: set.binding.unbound } : null));
  }

  /** Up to `limit` distinct owners after `after` (uuid order) across every set: the users who have ciphertexts. */
  ownersAfter(em: EntityManager, after: string | null, limit: number): Promise<string[]> {
    return this.distinctOwnersAfter(em, after, limit, () => ({}));
  }

  /** Distinct owners after `after` of the rows `filterOf` picks in each set (null: skip the set), up to `limit`. */
  private async distinctOwnersAfter(
    em: EntityManager,
    after: string | null,
    limit: number,
    filterOf: (set: CiphertextColumns) => Row | null,
  ): Promise<string[]> {
    const owners = new Set<string>();
    for (const set of this.sets) {
      const filter = filterOf(set);
      if (!filter) continue;
      const where: Row = { ...filter, ...(after === null ? {} : { [set.owner]: { $gt: after } }) };
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
