import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import type { Logger } from '../../platform/observability/logger';
import type { ObjectStore, StoredObject } from './object-store';

interface S3ObjectStoreSettings {
  /** Empty for AWS itself; the S3-compatible service's URL otherwise (MinIO, R2, Ceph, …). */
  endpoint?: string;
  bucket: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** `https://host/bucket/key` instead of `https://bucket.host/key`: most self-hosted services need it. */
  forcePathStyle: boolean;
  /** Prepended to every key, so several installations (or other data) can share a bucket. */
  keyPrefix: string;
  timeoutMs: number;
  /** The SDK's own warnings (a failed streaming upload); without it the SDK writes to the console. */
  logger?: Logger;
}

/** A bucket that failed or could not be reached; the message names the S3 error code only, never a credential. */
export class ObjectStoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ObjectStoreError';
  }
}

const DELETE_BATCH = 1000;

function translate(operation: string, error: unknown): ObjectStoreError {
  const code = error instanceof S3ServiceException ? `${error.name} (${error.$metadata.httpStatusCode ?? '?'})` : error instanceof Error ? error.name : 'unknown';
  return new ObjectStoreError(`object storage ${operation} failed: ${code}`, { cause: error });
}

/** The SDK's messages at debug, its warnings and errors as such; they never carry the request's keys. */
function sdkLogger(logger: Logger) {
  return {
    trace: () => undefined,
    debug: (...content: unknown[]) => logger.debug({ sdk: 's3' }, content.map(String).join(' ')),
    info: (...content: unknown[]) => logger.debug({ sdk: 's3' }, content.map(String).join(' ')),
    warn: (...content: unknown[]) => logger.warn({ sdk: 's3' }, content.map(String).join(' ')),
    error: (...content: unknown[]) => logger.error({ sdk: 's3' }, content.map(String).join(' ')),
  };
}

/** The ObjectStore over any S3-compatible service, with the AWS SDK's client. */
export function createS3ObjectStore(settings: S3ObjectStoreSettings): ObjectStore {
  const client = new S3Client({
    endpoint: settings.endpoint,
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    credentials: settings.accessKeyId && settings.secretAccessKey
      ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey }
      : undefined,
    // Checksums only where S3 demands them: the newer default (aws-chunked uploads with trailing
    // checksums) is not understood by every S3-compatible service.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: { requestTimeout: settings.timeoutMs, connectionTimeout: settings.timeoutMs },
    maxAttempts: 3,
    logger: settings.logger ? sdkLogger(settings.logger) : undefined,
  });
  const bucket = settings.bucket;
  const full = (key: string) => `${settings.keyPrefix}${key}`;
  /** One DeleteObjects request (at most 1000 keys, with the prefix already on). */
  const deleteFull = async (keys: string[]) => {
    if (keys.length === 0) return;
    const answer = await client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true } }));
    if (answer.Errors && answer.Errors.length > 0) throw new ObjectStoreError(`object storage refused to delete ${answer.Errors.length} object(s): ${answer.Errors[0]!.Code ?? '?'}`);
  };

  return {
    async put(key, body, options) {
      try {
        await client.send(new PutObjectCommand({
          Bucket: bucket,
          Key: full(key),
          Body: body,
          ContentType: options.contentType,
          ContentLength: options.contentLength,
        }));
      } catch (error) {
        body.destroy();
        throw translate('put', error);
      }
    },

    async get(key, range): Promise<StoredObject | null> {
      try {
        const answer = await client.send(new GetObjectCommand({ Bucket: bucket, Key: full(key), Range: range }));
        return {
          status: answer.ContentRange ? 206 : 200,
          body: answer.Body as Readable,
          contentType: answer.ContentType ?? null,
          contentLength: answer.ContentLength ?? null,
          contentRange: answer.ContentRange ?? null,
          etag: answer.ETag ?? null,
          lastModified: answer.LastModified ?? null,
        };
      } catch (error) {
        const status = error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined;
        if (status === 404) return null;
        if (status === 416) {
          return { status: 416, body: Readable.from([]), contentType: null, contentLength: null, contentRange: null, etag: null, lastModified: null };
        }
        throw translate('get', error);
      }
    },

    async delete(key) {
      try {
        await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: full(key) }));
      } catch (error) {
        throw translate('delete', error);
      }
    },

    async deleteKeys(keys) {
      try {
        for (let start = 0; start < keys.length; start += DELETE_BATCH) {
          await deleteFull(keys.slice(start, start + DELETE_BATCH).map(full));
        }
      } catch (error) {
        throw error instanceof ObjectStoreError ? error : translate('delete', error);
      }
    },

    async deleteByPrefix(prefix) {
      let deleted = 0;
      let token: string | undefined;
      try {
        do {
          const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: full(prefix), ContinuationToken: token, MaxKeys: DELETE_BATCH }));
          const keys = (page.Contents ?? []).flatMap((item) => (item.Key ? [item.Key] : []));
          await deleteFull(keys);
          deleted += keys.length;
          token = page.IsTruncated ? page.NextContinuationToken : undefined;
        } while (token);
      } catch (error) {
        throw error instanceof ObjectStoreError ? error : translate('delete by prefix', error);
      }
      return deleted;
    },

    close() {
      client.destroy();
    },
  };
}
