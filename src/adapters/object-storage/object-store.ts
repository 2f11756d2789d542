import type { Readable } from 'node:stream';

/** An object's bytes as read back: the whole of it, or the range asked for. */
export interface StoredObject {
  /** 200 for the whole object, 206 for a range, 416 for a range past its end (then `body` is empty). */
  status: 200 | 206 | 416;
  body: Readable;
  contentType: string | null;
  contentLength: number | null;
  contentRange: string | null;
  etag: string | null;
  lastModified: Date | null;
}

/**
 * The little the plugin needs from a bucket. Keys are relative to the configured prefix, so callers
 * never see (or depend on) it.
 */
export interface ObjectStore {
  /** Streams `body` into `key`; `contentLength` is required, so nothing is buffered whole. */
  put(key: string, body: Readable, options: { contentType: string; contentLength: number }): Promise<void>;
  /** The object, or null when it does not exist. `range` is an HTTP `bytes=…` range. */
  get(key: string, range?: string): Promise<StoredObject | null>;
  /** Deleting a missing object is not an error. */
  delete(key: string): Promise<void>;
  /** Deletes these objects (missing ones are no error), in as few requests as the service allows. */
  deleteKeys(keys: string[]): Promise<void>;
  /** Deletes every object whose key starts with `prefix`; answers how many were deleted. */
  deleteByPrefix(prefix: string): Promise<number>;
  close(): void;
}
