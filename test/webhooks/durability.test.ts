import { randomBytes, randomUUID } from 'node:crypto';
import { AgentWhatsAppConfig } from '../../src/agents';
import { AuditEntry } from '../../src/audit';
import { Message, MessageStatus, MessageTopic, type MessageEvent } from '../../src/messaging';
import { serializeLikeMeta } from '../../src/adapters/sandbox';
import { WebhookDelivery, type SettledDelivery } from '../../src/webhooks';
import { signWebhookBody } from '../../src/adapters/whatsapp';
import { createDeferred } from '../support/deferred';
import { reportFaultRun } from '../support/fault-figures';
import { createTestDatabase } from '../support/test-database';
import { startVaultTransitServer } from '../support/vault-transit-server';
import { addTenant, call, configureNow, countRows, eventually, nextAttempt, offer, settled, signedInbound, startAppOn, startSandboxForTest } from './webhook-kit';

const masterKey = () => randomBytes(32).toString('base64');

describe('nothing answered 200 is lost', () => {
  it('survives the app being stopped before processing; the next app on the same database processes it', async () => {
    const running = await startSandboxForTest();
    const databaseUrl = await createTestDatabase();
    const env = { KEYRING_MASTER_KEY: masterKey() };
    const receiving = await startAppOn(running, { ...env, INSTANCE_ROLE: 'receive' }, { databaseUrl });
    const tenant = await addTenant(receiving, running);
    await configureNow(receiving, tenant.credentialId);

    const { status, wamid } = await running.sandbox.deliverInboundMessage({ phoneNumberId: tenant.account.phoneNumberId, from: '5511987654321', type: 'text', text: { body: 'guardado' } });
    expect(status).toBe(200);
    await receiving.stop();

    const next = await startAppOn(running, env, { databaseUrl });
    // It may already be done by the time we look: nothing to subscribe to before start-up, so poll.
    const processed = await eventually(
      () => next.orm.em.fork().findOneOrFail(WebhookDelivery, { endpointId: tenant.endpoint.id }),
      (delivery) => delivery.processedAt !== null,
    );
    expect(processed).toMatchObject({ outcome: 'processed', attempts: 1 });
    expect(await next.orm.em.fork().count(Message, { whatsappMessageId: wamid })).toBe(1);
    reportFaultRun({ fault: 'stopped after 200, before processing', offered: 1, accepted: 1, delivered: 1, duplicated: 0, lost: 0 });
  });

  it('shares the inbox between instances: every delivery is settled once, every message stored once', async () => {
    const running = await startSandboxForTest();
    const databaseUrl = await createTestDatabase();
    const env = { KEYRING_MASTER_KEY: masterKey() };
    const one = await startAppOn(running, env, { databaseUrl });
    const two = await startAppOn(running, env, { databaseUrl });
    const tenant = await addTenant(one, running);
    await configureNow(one, tenant.credentialId);
    const em = one.orm.em.fork();
    const agentId = randomUUID();
    em.create(AgentWhatsAppConfig, { agentId, userId: tenant.userId, credential: tenant.credentialId, phoneNumberId: tenant.account.phoneNumberId });
    await em.flush();
    // Every live subscriber, on either instance, hears each stored message once, whichever stored it.
    const hearers = [one, two].map((app) => {
      const heard: string[] = [];
      const waiters: Array<{ until: (ids: string[]) => boolean; resolve: () => void }> = [];
      void (async () => {
        for await (const event of app.services.eventBus.subscribe(MessageTopic.Inbound, agentId) as AsyncIterable<MessageEvent>) {
          heard.push(event.messageId);
          for (const waiter of waiters.filter((w) => w.until(heard))) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve();
          }
        }
      })();
      const hears = (until: (ids: string[]) => boolean) => {
        const done = createDeferred();
        if (until(heard)) done.resolve();
        else waiters.push({ until, resolve: done.resolve });
        return done.promise;
      };
      return { app, heard, hears };
    });

    const total = 40;
    const seen: SettledDelivery[] = [];
    const allSettled = createDeferred();
    for (const app of [one, two]) {
      app.webhooks.processor.on('settled', (item) => {
        if (item.outcome && seen.push(item) === total) allSettled.resolve();
      });
    }
    const urls = [tenant.endpoint.webhookUrl, `${two.webhookBaseUrl}/${tenant.endpoint.endpointKey}`];
    const wamids = Array.from({ length: total / 2 }, (_, i) => `wamid.shared-${i}`);
    // Each message twice, once to each instance, all at once.
    await Promise.all(
      Array.from({ length: total }, async (_, i) => {
        const body = serializeLikeMeta({
          object: 'whatsapp_business_account',
          entry: [{ id: tenant.account.wabaId, changes: [{ field: 'messages', value: {
            messaging_product: 'whatsapp',
            metadata: { display_phone_number: '15550783881', phone_number_id: tenant.account.phoneNumberId },
            contacts: [{ profile: { name: 'Ana' }, wa_id: '5511987654321' }],
            messages: [{ from: '5511987654321', id: wamids[i % wamids.length], timestamp: String(1760000000 + i), type: 'text', text: { body: `n${i}` } }],
          } }] }],
        });
        const response = await call(urls[i % 2]!, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signWebhookBody(tenant.account.appSecret, body) }, body });
        expect(response.status).toBe(200);
      }),
    );
    await allSettled.promise;
    expect(new Set(seen.map((s) => s.deliveryId)).size).toBe(total);
    expect(seen.length).toBe(total);
    expect(seen.reduce((sum, s) => sum + s.counts!.messages, 0)).toBe(wamids.length);
    expect(await one.orm.em.fork().count(Message, { whatsappMessageId: { $in: wamids } })).toBe(wamids.length);
    await Promise.all(hearers.map(({ hears }) => hears((ids) => ids.length >= wamids.length)));
    // Each instance's own NOTIFYs reach its listener before a fence the other sends after hearing them
    // (PostgreSQL delivers in commit order), so a duplicate heard back would show by then.
    const [first, second] = hearers as [(typeof hearers)[0], (typeof hearers)[0]];
    const fence = (from: typeof first, to: typeof first) => {
      const heard = to.hears((ids) => ids.includes(`fence-${from.app.webhookBaseUrl}`));
      from.app.services.eventBus.publish(MessageTopic.Inbound, agentId, { messageId: `fence-${from.app.webhookBaseUrl}`, userId: tenant.userId, agentId, status: MessageStatus.RECEIVED });
      return heard;
    };
    await Promise.all([fence(first, second), fence(second, first)]);
    const stored = await one.orm.em.fork().find(Message, { whatsappMessageId: { $in: wamids } });
    for (const { heard } of hearers) {
      expect(heard.filter((id) => !id.startsWith('fence-')).sort()).toEqual(stored.map((message) => message.id).sort());
    }
    const jobs: Array<{ n: string }> = await one.orm.em.getConnection().execute(`select count(*)::text as n from "whatsapp_connect_jobs"."job" where name = 'agent-inbound'`);
    expect(Number(jobs[0]!.n)).toBe(wamids.length);
    reportFaultRun({
      fault: 'two instances, one inbox',
      offered: total,
      accepted: total,
      delivered: await one.orm.em.fork().count(Message, { whatsappMessageId: { $in: wamids } }),
      duplicated: seen.length - new Set(seen.map((s) => s.deliveryId)).size + Number(jobs[0]!.n) - wamids.length,
      lost: 0,
      notes: { distinctMessages: wamids.length, eachOfferedTwice: 'once to each instance' },
    });
  });

  it('splits the roles: a receive instance stores, a process instance applies, each delivery once', async () => {
    const running = await startSandboxForTest();
    const databaseUrl = await createTestDatabase();
    const env = { KEYRING_MASTER_KEY: masterKey() };
    const receiving = await startAppOn(running, { ...env, INSTANCE_ROLE: 'receive' }, { databaseUrl });
    // A poll far longer than the test: the receive instance's wake-up is what gets the work done.
    const processing = await startAppOn(running, { ...env, INSTANCE_ROLE: 'process', JOB_POLLING_INTERVAL_SECONDS: '60' }, { databaseUrl });
    const tenant = await addTenant(receiving, running);
    await configureNow(receiving, tenant.credentialId);

    const total = 30;
    const wamids = Array.from({ length: total / 2 }, (_, i) => `wamid.roles-${i}`);
    const received: SettledDelivery[] = [];
    receiving.webhooks.processor.on('settled', (item) => received.push(item));
    const processed = settled(processing, total);
    // Each message twice, as Meta does when it is not sure the first one arrived.
    const statuses = await Promise.all(
      Array.from({ length: total }, (_, i) => offer(tenant.endpoint.webhookUrl, signedInbound(tenant.account, wamids[i % wamids.length]!, `r${i}`))),
    );
    expect(statuses).toEqual(Array.from({ length: total }, () => 200));
    const done = await processed;

    expect(new Set(done.map((d) => d.deliveryId)).size).toBe(total);
    expect(done.every((d) => d.outcome === 'processed')).toBe(true);
    expect(received).toEqual([]);
    expect(await countRows(receiving, 'webhook_deliveries')).toBe(total);
    expect(await countRows(receiving, 'webhook_deliveries', 'processed_at is null')).toBe(0);
    expect(await receiving.orm.em.fork().count(Message, { whatsappMessageId: { $in: wamids } })).toBe(wamids.length);
    // The process instance is for probes and scrapes only: Meta and clients reach the receive instances.
    expect((await call(`${processing.webhookBaseUrl}/${tenant.endpoint.endpointKey}`, { method: 'POST', ...signedInbound(tenant.account, 'wamid.roles-x', 'x') })).status).toBe(404);
    expect((await call(processing.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{__typename}"}' })).status).toBe(404);
    expect((await call(`${processing.opsUrl}/readyz`)).status).toBe(200);
    reportFaultRun({
      fault: 'one receive and one process instance, one database',
      offered: total,
      accepted: statuses.filter((status) => status === 200).length,
      delivered: await receiving.orm.em.fork().count(Message, { whatsappMessageId: { $in: wamids } }),
      duplicated: done.length - new Set(done.map((d) => d.deliveryId)).size,
      lost: 0,
      notes: { distinctMessages: wamids.length, eachOfferedTwice: 'both to the receive instance' },
    });
  });

  it('accepts deliveries while the key service is down, and authenticates them before processing', async () => {
    const running = await startSandboxForTest();
    const token = 'hvs.webhook-durability';
    const vault = await startVaultTransitServer({ token, disableUpsert: true });
    // No secret cache: every request has to reach the key service.
    const app = await startAppOn(running, { VAULT_ADDR: vault.address, VAULT_TOKEN: token, SECRET_CACHE_TTL_MS: '0' });
    const tenant = await addTenant(app, running);
    await configureNow(app, tenant.credentialId);

    vault.seal();
    const handshake = await call(`${tenant.endpoint.webhookUrl}?hub.mode=subscribe&hub.verify_token=${tenant.verifyToken}&hub.challenge=42`);
    expect(handshake.status).toBe(503);
    const attempts = [nextAttempt(app), nextAttempt(app)];
    const genuine = await running.sandbox.deliverInboundMessage({ phoneNumberId: tenant.account.phoneNumberId, from: '5511987654321', type: 'text', text: { body: 'durante a queda' } });
    expect(genuine.status).toBe(200);
    const forgedWamid = 'wamid.forged-while-vault-was-down';
    const forged = await running.sandbox.deliverRaw(
      { object: 'whatsapp_business_account', entry: [{ id: tenant.account.wabaId, changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '1', phone_number_id: tenant.account.phoneNumberId }, messages: [{ from: '5511987654321', id: forgedWamid, timestamp: '1760000000', type: 'text', text: { body: 'injected' } }] } }] }] },
      { url: tenant.endpoint.webhookUrl, signatureOverride: `sha256=${'0'.repeat(64)}` },
    );
    expect(forged.status).toBe(200); // cannot be told apart yet; it is checked before anything is applied
    const unsigned = await running.sandbox.deliverRaw({ object: 'whatsapp_business_account', entry: [] }, { url: tenant.endpoint.webhookUrl, signatureOverride: null });
    expect(unsigned.status).toBe(401);
    expect(await countRows(app, 'webhook_deliveries', 'signature_verified = false and signature_header is not null')).toBe(2);

    for (const attempt of await Promise.all(attempts)) expect(attempt).toMatchObject({ outcome: null, error: 'KeyServiceUnavailableError' });
    expect(await app.orm.em.fork().count(Message, { credentialId: tenant.credentialId })).toBe(0);

    const outcomes = settled(app, 2);
    vault.unseal();
    const done = await outcomes;
    expect(done.map((d) => d.outcome).sort()).toEqual(['processed', 'signature_rejected']);
    const em = app.orm.em.fork();
    expect(await em.count(Message, { whatsappMessageId: genuine.wamid })).toBe(1);
    expect(await em.count(Message, { whatsappMessageId: forgedWamid })).toBe(0);
    expect(await countRows(app, 'webhook_deliveries', 'signature_verified = true and signature_header is null and outcome = ?', ['processed'])).toBe(1);
    expect(await em.findOneOrFail(AuditEntry, { action: 'webhook.signature_rejected' })).toMatchObject({ outcome: 'rejected', subjectUserId: tenant.userId });
    reportFaultRun({
      fault: 'Vault down while webhooks arrive',
      offered: 3,
      accepted: 2,
      delivered: await em.count(Message, { whatsappMessageId: genuine.wamid }),
      duplicated: 0,
      lost: 0,
      notes: { genuine: 1, forgedStoredThenRejected: 1, unsignedRefused401: 1 },
    });
  });
});
