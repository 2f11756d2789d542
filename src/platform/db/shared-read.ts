import type { EntityManager } from '@mikro-orm/postgresql';
import { GroupCommit, type Outcome } from './group-commit';

type Row = Record<string, unknown>;

interface Read {
  sql: string;
  params: unknown[];
  key: string;
}

/** One reader per connection pool (forks of one ORM share it). */
const readers = new WeakMap<object, GroupCommit<Read, Row[]>>();

function readerFor(em: EntityManager): GroupCommit<Read, Row[]> {
  const connection = em.getConnection();
  let reader = readers.get(connection);
  if (!reader) {
    reader = new GroupCommit<Read, Row[]>({
      maxInFlight: 2,
      run: async (reads) => {
        const answers = new Map<string, Promise<Outcome<Row[]>>>();
        for (const read of reads) {
          if (answers.has(read.key)) continue;
          answers.set(
            read.key,
            (connection.execute(read.sql, read.params) as Promise<Row[]>).then(
              (rows): Outcome<Row[]> => ({ ok: true, value: rows }),
              (error: unknown): Outcome<Row[]> => ({ ok: false, error }),
            ),
          );
        }
        return Promise.all(reads.map((read) => answers.get(read.key)!));
      },
    });
    readers.set(connection, reader);
  }
  return reader;
}

/**
 * A hot-path read that the identical reads of this event-loop turn share: one round trip for the many
 * concurrent requests that ask the same thing (the same sender of a busy agent, say). Only reads that
 * have not gone out yet are joined, so every caller sees a read that started after it asked. Each
 * caller gets rows of its own. Inside a transaction the read runs on it, unshared.
 */
export async function sharedRead(em: EntityManager, sql: string, params: unknown[]): Promise<Row[]> {
  if (em.isInTransaction()) return (await em.execute(sql, params)) as Row[];
  const rows = await readerFor(em).submit({ sql, params, key: `${sql}\u0000${JSON.stringify(params)}` });
  return rows.map((row) => ({ ...row }));
}
