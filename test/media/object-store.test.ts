import { Readable } from 'node:stream';
import { createS3ObjectStore, ObjectStoreError, type ObjectStore } from '../../src/adapters/object-storage';
import { createLogger } from '../../src/platform/observability/logger';
import { onDispose } from '../support/leftovers';
import { startS3TestServer, type S3TestServer } from '../support/s3-test-server';

let s3: S3TestServer;

beforeAll(async () => {
  s3 = await startS3TestServer();
});

function storeWith(secretAccessKey = s3.secretAccessKey): ObjectStore {
  const store = createS3ObjectStore({
    endpoint: s3.url,
    bucket: s3.bucket,
    region: 'eu-west-1',
    accessKeyId: s3.accessKeyId,
    secretAccessKey,
    forcePathStyle: true,
    keyPrefix: 'tenant-a/',
    timeoutMs: 5000,
    logger: createLogger('silent'),
  });
  onDispose(() => store.close());
  return store;
}

const put = (store: ObjectStore, key: string, bytes: Buffer, contentType = 'application/octet-stream') =>
  store.put(key, Readable.from([bytes]), { contentType, contentLength: bytes.length });

async function text(object: { body: Readable }): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of object.body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

test('put, ranged get, delete and delete by prefix, all under the key prefix', async () => {
  const store = storeWith();
  await put(store, 'users/u1/a', Buffer.from('0123456789'), 'text/plain');
  await put(store, 'users/u1/b', Buffer.from('b'));
  await put(store, 'users/u2/c', Buffer.from('c'));
  expect([...s3.objects.keys()].sort()).toEqual(['tenant-a/users/u1/a', 'tenant-a/users/u1/b', 'tenant-a/users/u2/c']);

  const whole = (await store.get('users/u1/a'))!;
  expect(whole).toMatchObject({ status: 200, contentType: 'text/plain', contentLength: 10, contentRange: null });
  expect(await text(whole)).toBe('0123456789');
  const part = (await store.get('users/u1/a', 'bytes=2-4'))!;
  expect(part).toMatchObject({ status: 206, contentLength: 3, contentRange: 'bytes 2-4/10' });
  expect(await text(part)).toBe('234');
  expect((await store.get('users/u1/a', 'bytes=50-'))!.status).toBe(416);
  expect(await store.get('users/nobody')).toBeNull();

  await store.delete('users/u2/c');
  await store.delete('users/u2/c');
  expect(await store.deleteByPrefix('users/u1/')).toBe(2);
  expect(s3.objects.size).toBe(0);
  expect(s3.refused).toBe(0);
});

test('a wrong secret key is refused by the server and surfaces as an ObjectStoreError without the key', async () => {
  const store = storeWith('not-the-secret-key-at-all-0000000000000');
  const failure = await put(store, 'x', Buffer.from('x')).catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(ObjectStoreError);
  expect((failure as Error).message).toMatch(/put failed: .*403/);
  expect((failure as Error).message).not.toContain('not-the-secret');
  expect(s3.refused).toBeGreaterThan(0);
});
