/**
 * A select-list expression that makes the statement's own (implicit) transaction commit without waiting
 * for its WAL flush, as `SET LOCAL synchronous_commit = off` would, in the same round trip. The setting
 * is local to that transaction: the connection's next statement commits synchronously again.
 *
 * Only for writes that may be forgotten if PostgreSQL itself crashes within a fraction of a second
 * (wal_writer_delay): rate-limit buckets, live-event NOTIFYs. WAL stays in order, so a later synchronous
 * commit (a stored message) flushes these writes with it.
 */
export const ASYNC_COMMIT = "set_config('synchronous_commit', 'off', true)";
