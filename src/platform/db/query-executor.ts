import type { Kysely } from 'kysely';

/** Enough of Kysely to run a statement: a transaction or the pool, whichever the caller is in. */
export type Executor = Pick<Kysely<unknown>, 'executeQuery'>;
