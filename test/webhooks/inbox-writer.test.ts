import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { WhatsAppCredential } from '../../src/credentials';
import { InboxWriter } from '../../src/webhooks/inbox-writer';
import { newWebhookEndpoint, WebhookDelivery } from '../../src/webhooks';
import { onDispose } from '../support/leftovers';
import { startTestOrm, TEST_SCHEMA } from '../support/test-database';

async function setup() {
  const { orm, databaseUrl } = await startTestOrm();
  const pool = new Pool({ connectionString: databaseUrl, max: 2 });
  onDispose(() => pool.end());
  const em = orm.em.fork();
  const credential = em.create(WhatsAppCredential, {
    userId: randomUUID(),
    businessAccountId: '102290129340398',
    phoneNumberId: '106540352242922',
    phoneNumber: '+1 555-078-3881',
    displayName: 'Shop',
    accessTokenCiphertext: 'x',
    appSecretCiphertext: 'x',
    verifyTokenCiphertext: 'x',
    accessTokenHint: 'abcd',
  });
  const endpoint = newWebhookEndpoint(credential, 'https://connect.example.com/webhooks/whatsapp');
  em.persist(endpoint);
  await em.flush();
  return { orm, pool, credential, endpoint };
}

describe('InboxWriter', () => {
  it('stores concurrent deliveries in shared INSERTs, each resolved only once committed', async () => {
    const { orm, pool, credential, endpoint } = await setup();
    const writer = new InboxWriter({ pool, schema: TEST_SCHEMA, maxInFlight: 1, maxBatch: 16 });
    const row = (n: number) => ({ endpointId: endpoint.id, credentialVersion: credential.version, rawBody: Buffer.from(`{"n":${n}}`), signatureHeader: null, signatureVerified: true });
    const results = await Promise.all(Array.from({ length: 40 }, (_, n) => writer.append(row(n))));
    expect(results).toEqual(Array(40).fill(true));
    const stored = await orm.em.fork().find(WebhookDelivery, { endpointId: endpoint.id }, { orderBy: { id: 'asc' } });
    expect(stored.map((d) => JSON.parse(d.rawBody.toString()).n).sort((a: number, b: number) => a - b)).toEqual([...Array(40).keys()]);
  });

  it('refuses rows checked against a stale credential version or a deleted endpoint, without touching the others', async () => {
    const { orm, pool, credential, endpoint } = await setup();
    const writer = new InboxWriter({ pool, schema: TEST_SCHEMA, maxInFlight: 1 });
    const row = (credentialVersion: number, endpointId = endpoint.id) => ({ endpointId, credentialVersion, rawBody: Buffer.from('{}'), signatureHeader: 'sha256=00', signatureVerified: false });
    const [current, stale, unknown] = await Promise.all([
      writer.append(row(credential.version)),
      writer.append(row(credential.version - 1)),
      writer.append(row(credential.version, randomUUID())),
    ]);
    expect([current, stale, unknown]).toEqual([true, false, false]);
    expect(await orm.em.fork().count(WebhookDelivery, {})).toBe(1);
  });

  it('rejects every waiting row when the database refuses the INSERT', async () => {
    const { pool, credential, endpoint } = await setup();
    const writer = new InboxWriter({ pool, schema: 'no_such_schema', maxInFlight: 1 });
    await expect(writer.append({ endpointId: endpoint.id, credentialVersion: credential.version, rawBody: Buffer.from('{}'), signatureHeader: null, signatureVerified: true })).rejects.toThrow(/no_such_schema/);
  });
});
