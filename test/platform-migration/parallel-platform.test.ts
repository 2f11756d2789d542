import { randomUUID } from 'node:crypto';
import { AuditEntry } from '../../src/audit';
import { WhatsAppCredential } from '../../src/credentials';
import { Message } from '../../src/messaging';
import { syncPlatformCredential } from '../../src/platform-migration';
import {
  AgentLineDocument,
  AgentMessagesDocument,
  EnableAgentWhatsAppDocument,
  MarkWhatsAppMessageReadDocument,
  MyCredentialsDocument,
  PlatformWhatsAppDocument,
  SetWhatsAppCredentialSourceDocument,
} from '../generated/graphql';
import { eventually } from '../support/eventually';
import { postGraphQL } from '../support/graphql-http';
import {
  connectOwnNumber,
  customerWrites,
  enablePlatformAgent,
  PLATFORM_OWNER_ID,
  sendAsAgent,
  startPlatformApp,
  type PlatformTestApp,
} from './platform-fixtures';

jest.setTimeout(120_000);

let t: PlatformTestApp;
beforeAll(async () => {
  t = await startPlatformApp();
});

/** Migration phase 1: the platform's shared credentials and users' own ones side by side. */
describe('platform credentials in parallel with users\' own', () => {
  test('the platform credential is synced from configuration once: encrypted under its own key, seen by admins only', async () => {
    expect(await syncPlatformCredential(t.app.services)).toBe('unchanged');
    const em = t.app.orm.em.fork();
    const row = await em.findOneOrFail(WhatsAppCredential, { id: t.platformCredentialId }, { populate: ['accessTokenCiphertext'] });
    expect(row).toMatchObject({ userId: PLATFORM_OWNER_ID, platform: true, status: 'active' });
    expect(row.accessTokenCiphertext).not.toContain(t.platform.tokens.valid);
    const mine = await postGraphQL(t.app.graphqlUrl, MyCredentialsDocument, { authorization: await t.app.tokenFor(randomUUID()) });
    expect(mine.data?.whatsappCredentials).toEqual([]);
    const platform = await postGraphQL(t.app.graphqlUrl, PlatformWhatsAppDocument, { authorization: t.adminToken });
    expect(platform.data?.platformWhatsApp).toMatchObject({ configured: true, defaultSource: 'PLATFORM', credential: { id: t.platformCredentialId, platform: true } });
  });

  test('a user who was not migrated keeps the platform number: agents enabled on it answer and send from it', async () => {
    const userId = randomUUID();
    const token = await t.app.tokenFor(userId);
    const { agentId, platformCode } = await enablePlatformAgent(t, token);
    expect(platformCode).toMatch(/^WA-[0-9A-HJKMNP-TV-Z]{8}$/);

    const line = await postGraphQL(t.app.graphqlUrl, AgentLineDocument, { authorization: token, variables: { agentId } });
    expect(line.data?.agentWhatsApp.status).toMatchObject({ line: 'PLATFORM', credentialStatus: 'ACTIVE', ready: true });
    expect(line.data?.agentWhatsApp.status!.platformLink).toBe(`https://wa.me/${t.platform.displayPhoneNumber.replace(/\D/g, '')}?text=${platformCode}`);
    expect(line.data?.agentWhatsApp.credentialId).toBeNull();

    // The customer follows the agent's link: the code routes the message; later ones follow the thread.
    const first = await customerWrites(t, t.platform.phoneNumberId, '15550001111', `Hi! ${platformCode.toLowerCase()}`);
    expect(first).toMatchObject({ userId, agentId, credentialId: t.platformCredentialId });
    const second = await customerWrites(t, t.platform.phoneNumberId, '15550001111', 'and another question');
    expect(second).toMatchObject({ userId, agentId, conversationId: first.conversationId });

    const sent = await sendAsAgent(t, token, agentId, '+15550001111', 'reply-1');
    expect(sent.errors).toBeUndefined();
    expect(sent.data?.sendWhatsAppMessage).toMatchObject({ credentialId: t.platformCredentialId, status: 'SENT', conversationId: first.conversationId });
    expect(t.sandbox.sentMessages(t.platform.phoneNumberId).map((m) => m.wamid)).toContain(sent.data?.sendWhatsAppMessage.whatsappMessageId);

    const read = await postGraphQL(t.app.graphqlUrl, MarkWhatsAppMessageReadDocument, { authorization: token, variables: { messageId: second.id } });
    expect(read.errors).toBeUndefined();

    const history = await postGraphQL(t.app.graphqlUrl, AgentMessagesDocument, { authorization: token, variables: { agentId, first: 10 } });
    expect(history.data?.agentWhatsApp.messages!.nodes.map((m) => m.direction)).toEqual(['OUTBOUND', 'INBOUND', 'INBOUND']);
  });

  test('one customer talks to two users\' agents on the shared number: separate threads, separate idempotency keys, no leaks', async () => {
    const [userA, userB] = [randomUUID(), randomUUID()];
    const [tokenA, tokenB] = await Promise.all([t.app.tokenFor(userA), t.app.tokenFor(userB)]);
    const agentA = await enablePlatformAgent(t, tokenA);
    const agentB = await enablePlatformAgent(t, tokenB);
    const toA = await customerWrites(t, t.platform.phoneNumberId, '15550002222', `start ${agentA.platformCode}`);
    const toB = await customerWrites(t, t.platform.phoneNumberId, '15550002222', `start ${agentB.platformCode}`);
    expect(toA).toMatchObject({ userId: userA, agentId: agentA.agentId });
    expect(toB).toMatchObject({ userId: userB, agentId: agentB.agentId });
    expect(toA.conversationId).not.toBe(toB.conversationId);
    // Without a code, the customer's latest thread on the number wins.
    expect(await customerWrites(t, t.platform.phoneNumberId, '15550002222', 'thanks')).toMatchObject({ agentId: agentB.agentId });

    // The same client key from two users on one credential: two messages, neither a replay of the other.
    const [sentA, sentB] = await Promise.all([
      sendAsAgent(t, tokenA, agentA.agentId, '+15550002222', 'same-key', 'from A'),
      sendAsAgent(t, tokenB, agentB.agentId, '+15550002222', 'same-key', 'from B'),
    ]);
    expect(sentA.errors).toBeUndefined();
    expect(sentB.errors).toBeUndefined();
    expect(sentA.data?.sendWhatsAppMessage.id).not.toBe(sentB.data?.sendWhatsAppMessage.id);
    expect(sentA.data?.sendWhatsAppMessage.conversationId).toBe(toA.conversationId);

    const historyB = await postGraphQL(t.app.graphqlUrl, AgentMessagesDocument, { authorization: tokenB, variables: { agentId: agentB.agentId, first: 20 } });
    const contents = JSON.stringify(historyB.data?.agentWhatsApp.messages!.nodes);
    expect(contents).toContain('from B');
    expect(contents).not.toContain('from A');
    expect(contents).not.toContain(`start ${agentA.platformCode}`);
  });

  test('automatic messages of a platform agent leave from the shared number, in the agent\'s own thread', async () => {
    const userId = randomUUID();
    const token = await t.app.tokenFor(userId);
    const agentId = randomUUID();
    const enabled = await postGraphQL(t.app.graphqlUrl, EnableAgentWhatsAppDocument, {
      authorization: token,
      variables: { input: { agentId, autoReply: true, welcomeMessage: 'Welcome to the shop!' } },
    });
    expect(enabled.errors).toBeUndefined();
    const inbound = await customerWrites(t, t.platform.phoneNumberId, '15550001212', `hello ${enabled.data!.enableAgentWhatsApp.platformCode}`);
    const welcome = await eventually(
      () => t.app.orm.em.fork().findOne(Message, { agentId, direction: 'outbound' } as never),
      // Stored PENDING before it goes out; Meta's message id arrives with SENT.
      (found) => found?.whatsappMessageId != null,
      30_000,
      'the welcome message to be sent',
    );
    expect(welcome).toMatchObject({ userId, credentialId: t.platformCredentialId, conversationId: inbound.conversationId, content: { body: 'Welcome to the shop!' } });
    expect(t.sandbox.sentMessages(t.platform.phoneNumberId).some((m) => m.wamid === welcome!.whatsappMessageId)).toBe(true);
  });

  test('a message for no agent on the shared number is kept for the platform and audited, never dropped', async () => {
    const stored = await customerWrites(t, t.platform.phoneNumberId, '15550003333', 'hello, anyone?');
    expect(stored).toMatchObject({ userId: PLATFORM_OWNER_ID, agentId: null });
    const audit = await t.app.orm.em.fork().findOne(AuditEntry, { action: 'platform.inbound_unrouted', details: { wamid: stored.whatsappMessageId } } as never);
    expect(audit).not.toBeNull();
  });

  test('a user moved to their own credentials by the per-user flag: own number for inbound and sends, platform refused', async () => {
    const userId = randomUUID();
    const token = await t.app.tokenFor(userId);
    const flagged = await postGraphQL(t.app.graphqlUrl, SetWhatsAppCredentialSourceDocument, {
      authorization: t.adminToken,
      variables: { userId, source: 'USER' },
    });
    expect(flagged.data?.setWhatsAppCredentialSource).toBe('USER');

    const refused = await postGraphQL(t.app.graphqlUrl, EnableAgentWhatsAppDocument, {
      authorization: token,
      variables: { input: { agentId: randomUUID(), autoReply: false } },
    });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.credentialId' });

    const own = await connectOwnNumber(t, token);
    const agentId = randomUUID();
    const enabled = await postGraphQL(t.app.graphqlUrl, EnableAgentWhatsAppDocument, {
      authorization: token,
      variables: { input: { agentId, credentialId: own.credentialId, autoReply: false } },
    });
    expect(enabled.errors).toBeUndefined();
    const line = await postGraphQL(t.app.graphqlUrl, AgentLineDocument, { authorization: token, variables: { agentId } });
    expect(line.data?.agentWhatsApp.status).toMatchObject({ line: 'USER', platformLink: null });

    const inbound = await customerWrites(t, own.account.phoneNumberId, '15550004444', 'hi');
    expect(inbound).toMatchObject({ userId, agentId, credentialId: own.credentialId });
    const sent = await sendAsAgent(t, token, agentId, '+15550004444', 'own-1');
    expect(sent.data?.sendWhatsAppMessage.credentialId).toBe(own.credentialId);
    expect(t.sandbox.sentMessages(own.account.phoneNumberId)).toHaveLength(1);

    // Non-admins cannot flip the flag.
    const denied = await postGraphQL(t.app.graphqlUrl, SetWhatsAppCredentialSourceDocument, { authorization: token, variables: { userId, source: 'PLATFORM' } });
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const audit = await t.app.orm.em.fork().find(AuditEntry, { action: 'platform.user_source', subjectUserId: userId });
    expect(audit.map((a) => a.outcome)).toEqual(['success']);
  });

  test('an agent of a user on their own credentials, with none connected, is refused before calling Meta', async () => {
    const userId = randomUUID();
    const token = await t.app.tokenFor(userId);
    const { agentId } = await enablePlatformAgent(t, token);
    await postGraphQL(t.app.graphqlUrl, SetWhatsAppCredentialSourceDocument, { authorization: t.adminToken, variables: { userId, source: 'USER' } });
    const before = t.sandbox.sentMessages().length;
    const sent = await sendAsAgent(t, token, agentId, '+15550005555', 'none-1');
    expect(sent.errors?.[0]?.extensions).toMatchObject({ code: 'CREDENTIAL_UNAVAILABLE', reason: 'NO_OWN_CREDENTIAL' });
    expect(t.sandbox.sentMessages()).toHaveLength(before);
    expect(await t.app.orm.em.fork().count(Message, { idempotencyKey: 'none-1' })).toBe(0);
  });
});
