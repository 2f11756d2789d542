import { randomBytes } from 'node:crypto';
import { request } from 'undici';
import type { RunningSandbox } from '../../src/adapters/sandbox';
import { Message } from '../../src/messaging';
import { signMediaPath } from '../../src/messaging/signed-media-url';
import { QueueName } from '../../src/platform/jobs';
import { eventually } from '../support/eventually';
import { startS3TestServer, type S3TestServer } from '../support/s3-test-server';
import type { TestApp } from '../support/start-test-app';
import { addTenant, configureNow, settled, startAppOn, startSandboxForTest, type Tenant } from '../webhooks/webhook-kit';

const PHOTO = randomBytes(60_000);

let running: RunningSandbox;

beforeAll(async () => {
  running = await startSandboxForTest();
});

async function get(url: string, headers: Record<string, string> = {}) {
  const response = await request(url, { headers });
  return { status: response.statusCode, headers: response.headers, body: Buffer.from(await response.body.arrayBuffer()) };
}

/** A customer's photo through Meta's webhook, as the plugin receives it; answers the stored message. */
async function customerSendsPhoto(app: TestApp, tenant: Tenant): Promise<{ message: Message; mediaId: string }> {
  const { id, sha256 } = running.sandbox.addMedia(tenant.account.phoneNumberId, PHOTO, 'image/jpeg');
  const processed = settled(app);
  const delivered = await running.sandbox.deliverInboundMessage({
    phoneNumberId: tenant.account.phoneNumberId,
    from: '5511987654321',
    type: 'image',
    image: { id, mime_type: 'image/jpeg', sha256 },
  });
  expect(delivered.status).toBe(200);
  expect((await processed)[0]!.outcome).toBe('processed');
  const message = await app.orm.em.fork().findOneOrFail(Message, { credentialId: tenant.credentialId, whatsappMessageId: delivered.wamid });
  return { message, mediaId: id };
}

function linkTo(app: TestApp, message: Message): string {
  return `${app.url}${signMediaPath({ messageId: message.id, userId: message.userId }, app.services.config.media.urlSecret, Math.floor(Date.now() / 1000))}`;
}

describe('with a bucket configured', () => {
  let s3: S3TestServer;
  let app: TestApp;

  beforeAll(async () => {
    s3 = await startS3TestServer();
    // A sweep every second, so the retention case below sees the app's own sweeper at work.
    app = await startAppOn(running, { ...s3.env(), RETENTION_SWEEP_INTERVAL_SECONDS: '1' });
  });

  test('an inbound image is copied, and its link keeps working after Meta forgets it; erasure removes the copies', async () => {
    const tenant = await addTenant(app, running);
    await configureNow(app, tenant.credentialId);
    const { message, mediaId } = await customerSendsPhoto(app, tenant);

    const key = `whatsapp-media/users/${tenant.userId}/${tenant.credentialId}/${message.id}`;
    const copied = await eventually(
      () => app.orm.em.fork().findOneOrFail(Message, { id: message.id }),
      (row) => row.mediaCopiedAt !== null,
      20_000,
      'the copy to be recorded',
    );
    expect(copied.mediaCopiedAt).toBeInstanceOf(Date);
    expect(s3.objects.get(key)?.body.equals(PHOTO)).toBe(true);
    expect(s3.objects.get(key)?.contentType).toBe('image/jpeg');

    // Meta's retention ends: its id no longer resolves.
    running.sandbox.forgetMedia(mediaId);
    const whole = await get(linkTo(app, copied));
    expect(whole.status).toBe(200);
    expect(whole.headers['content-type']).toBe('image/jpeg');
    expect(whole.headers['content-length']).toBe(String(PHOTO.length));
    expect(whole.headers['cache-control']).toBe('private, no-store');
    expect(whole.headers['x-content-type-options']).toBe('nosniff');
    expect(whole.body.equals(PHOTO)).toBe(true);

    const part = await get(linkTo(app, copied), { range: 'bytes=1000-1999' });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 1000-1999/${PHOTO.length}`);
    expect(part.body.equals(PHOTO.subarray(1000, 2000))).toBe(true);
    expect((await get(linkTo(app, copied), { range: `bytes=${PHOTO.length + 10}-` })).status).toBe(416);

    // The same 403 as ever: the copy does not loosen the link's rules.
    const tampered = new URL(linkTo(app, copied));
    tampered.searchParams.set('u', tenant.credentialId);
    expect((await get(tampered.toString())).status).toBe(403);

    const other = await addTenant(app, running);
    await configureNow(app, other.credentialId);
    const kept = await customerSendsPhoto(app, other);
    await eventually(async () => [...s3.objects.keys()], (keys) => keys.some((k) => k.endsWith(kept.message.id)), 20_000, 'the other user\'s copy');

    const erased = await app.services.userErasure.erase('system', tenant.userId, null);
    expect(erased.hooksFailed).toEqual([]);
    expect([...s3.objects.keys()].filter((k) => k.includes(tenant.userId))).toEqual([]);
    // Another user's copies stay.
    expect([...s3.objects.keys()].filter((k) => k.includes(other.userId))).toHaveLength(1);

    // A copy lost from the bucket: the link falls back to Meta, which still has this one.
    const keptKey = [...s3.objects.keys()].find((k) => k.endsWith(kept.message.id))!;
    const keptCopy = s3.objects.get(keptKey)!;
    s3.objects.delete(keptKey);
    const fallback = await get(linkTo(app, kept.message));
    expect(fallback.status).toBe(200);
    expect(fallback.body.equals(PHOTO)).toBe(true);
    s3.objects.set(keptKey, keptCopy);

    // The owner's message retention deletes the message, and its copy with it.
    await app.orm.em.getConnection().execute('update whatsapp_connect.whatsapp_credentials set message_retention_days = 1 where id = ?', [other.credentialId]);
    await app.orm.em.getConnection().execute(`update whatsapp_connect.whatsapp_messages set "timestamp" = now() - interval '3 days' where id = ?`, [kept.message.id]);
    await eventually(async () => [...s3.objects.keys()], (keys) => !keys.some((k) => k.includes(other.userId)), 20_000, 'the retention sweep to remove the copy');
    expect(await app.orm.em.fork().findOne(Message, { id: kept.message.id })).toBeNull();

    // Every request the plugin made carried a valid signature with the configured keys.
    expect(s3.refused).toBe(0);
  });
});

describe('without a bucket', () => {
  test('nothing is copied: no copy job, no mark, the link serves from Meta', async () => {
    const app = await startAppOn(running);
    const tenant = await addTenant(app, running);
    await configureNow(app, tenant.credentialId);
    const { message } = await customerSendsPhoto(app, tenant);
    const rows: Array<{ n: number }> = await app.orm.em
      .getConnection()
      .execute(`select count(*)::int as n from "${app.services.config.database.schema}_jobs".job where name = ?`, [QueueName.MediaCopy]);
    expect(rows[0]!.n).toBe(0);
    expect((await app.orm.em.fork().findOneOrFail(Message, { id: message.id })).mediaCopiedAt).toBeNull();
    const fetched = await get(linkTo(app, message));
    expect(fetched.status).toBe(200);
    expect(fetched.body.equals(PHOTO)).toBe(true);
  });
});
