import type { IncomingMessage } from 'node:http';

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body exceeds ${limit} bytes`);
  }
}

export class BodyTimeoutError extends Error {
  constructor(readonly idleMs: number) {
    super(`request body stalled for ${idleMs} ms`);
  }
}

/**
 * Reads the raw request bytes, refusing (without buffering further) once `limit` is passed, or once the
 * client has sent nothing for `idleTimeoutMs`: a client trickling its body a byte at a time would
 * otherwise hold a socket and a buffer until the server's whole-request timeout.
 */
export function readBody(req: IncomingMessage, limit: number, idleTimeoutMs?: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new BodyTooLargeError(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let idle: NodeJS.Timeout | undefined;
    const stop = (error: Error) => {
      clearTimeout(idle);
      req.removeAllListeners('data');
      req.resume();
      reject(error);
    };
    const arm = () => {
      if (idleTimeoutMs === undefined) return;
      clearTimeout(idle);
      idle = setTimeout(() => stop(new BodyTimeoutError(idleTimeoutMs)), idleTimeoutMs);
    };
    arm();
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        stop(new BodyTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
      arm();
    });
    req.on('end', () => {
      clearTimeout(idle);
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    });
    req.on('error', (error) => {
      clearTimeout(idle);
      reject(error);
    });
  });
}
