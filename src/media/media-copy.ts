import type { MikroORM } from '@mikro-orm/postgresql';
import type { ObjectStore } from '../adapters/object-storage';
import type { KeyService } from '../adapters/keys';
import { downloadMedia, GraphApiError, type WhatsAppClient } from '../adapters/whatsapp';
import { readCredentialSecrets, WhatsAppCredential } from '../credentials';
import { inboundMediaOf, Message } from '../messaging';
import { QueueName, type JobQueue } from '../platform/jobs';
import type { Logger } from '../platform/observability/logger';

/**
 * Where a message's file lives in the bucket. User first, then credential, then message: erasing a user
 * (or, later, a number) is one delete by prefix, and no key holds anything but our own ids.
 */
export function mediaObjectKey(message: { userId: string; credentialId: string; id: string }): string {
  return `${mediaUserPrefix(message.userId)}${message.credentialId}/${message.id}`;
}

export function mediaUserPrefix(userId: string): string {
  return `users/${userId}/`;
}

export interface MediaCopyDependencies {
  orm: MikroORM;
  keys: KeyService;
  whatsapp: WhatsAppClient;
  store: ObjectStore;
  logger: Logger;
  graphBaseUrl: string;
  timeoutMs: number;
  maxBytes: number;
}

interface MediaCopyJob {
  messageId: string;
}

/**
 * Copies one inbound message's file from Meta to the bucket and marks the message. Idempotent: a copy
 * already made is not made again, and a message gone (erased, past retention) or a file Meta no longer
 * has ends the job without a retry. Everything else (Meta or the bucket away) throws, so the queue's
 * backoff tries again (see queueSettings).
 */
async function copyInboundMedia(deps: MediaCopyDependencies, messageId: string): Promise<'copied' | 'skipped'> {
  const em = deps.orm.em.fork();
  const message = await em.findOne(Message, { id: messageId });
  const ref = message ? inboundMediaOf(message) : null;
  if (!message || !ref || message.mediaCopiedAt) return 'skipped';
  const credential = await em.findOne(WhatsAppCredential, { id: message.credentialId, userId: message.userId });
  if (!credential) return 'skipped';
  try {
    const secrets = await readCredentialSecrets(em, deps.keys, credential);
    const info = await deps.whatsapp.getMedia(secrets, ref.mediaId);
    if (info.file_size > deps.maxBytes) {
      deps.logger.warn({ messageId, sizeBytes: info.file_size, maxBytes: deps.maxBytes }, 'media not copied: larger than MEDIA_MAX_BYTES');
      return 'skipped';
    }
    const download = await downloadMedia({ graphBaseUrl: deps.graphBaseUrl, timeoutMs: deps.timeoutMs }, secrets.accessToken, info.url);
    // The CDN's own length is what will flow; Meta's file_size is the fallback.
    const length = Number(download.headers['content-length'] ?? info.file_size);
    // Meta's file_size was checked above; the CDN's own length is what the bucket is told to expect.
    if (!(length <= deps.maxBytes)) {
      download.body.destroy();
      deps.logger.warn({ messageId, sizeBytes: length, maxBytes: deps.maxBytes }, 'media not copied: larger than MEDIA_MAX_BYTES');
      return 'skipped';
    }
    await deps.store.put(mediaObjectKey(message), download.body, {
      contentType: ref.mimeType ?? info.mime_type ?? 'application/octet-stream',
      contentLength: length,
    });
  } catch (error) {
    if (error instanceof GraphApiError && error.graphCode === 100) {
      deps.logger.warn({ messageId }, 'media not copied: Meta no longer has the file');
      return 'skipped';
    }
    throw error;
  }
  // Conditional: a second job that copied the same file first has marked it already.
  const marked = await em.nativeUpdate(Message, { id: message.id, mediaCopiedAt: null }, { mediaCopiedAt: new Date() });
  if (marked === 0 && (await em.count(Message, { id: message.id })) === 0) {
    // The message was erased or swept while its file was copied: the copy must not outlive it.
    await deps.store.delete(mediaObjectKey(message));
    return 'skipped';
  }
  return 'copied';
}

/** The copy worker, and the erasure of a user's copies; only when MEDIA_STORE_S3_BUCKET is set. */
export async function registerMediaCopyJob(deps: MediaCopyDependencies & { jobs: JobQueue }): Promise<void> {
  await deps.jobs.define<MediaCopyJob>(QueueName.MediaCopy, async (job) => {
    const outcome = await copyInboundMedia(deps, job.data.messageId);
    deps.logger.debug({ messageId: job.data.messageId, outcome }, 'media copy job done');
  });
}
