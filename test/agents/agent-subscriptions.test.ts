import { randomBytes, randomUUID } from 'node:crypto';
import { MessageTopic } from '../../src/messaging';
import { MessageStatus } from '../../src/messaging';
import {
  SendWhatsAppMessageDocument,
  WhatsAppMessageReceivedDocument,
  WhatsAppMessageStatusChangedDocument,
} from '../generated/graphql';
import { postGraphQL } from '../support/graphql-http';
import { publishUntilDelivered } from '../support/publish-until-delivered';
import { startTestApp, type TestApp } from '../support/start-test-app';
import { connectSubscriptions, firstEvent } from '../support/subscription-client';
import { receiveInbound, seedAgent, startAgentTestApp } from './agent-fixtures';

/** Two plugin instances on one database: A takes the traffic, B only serves subscriptions. */
async function twoInstances() {
  const env = { KEYRING_MASTER_KEY: randomBytes(32).toString('base64') };
  const { app: a, sandbox } = await startAgentTestApp(env);
  const b = await startTestApp({ ...env, WHATSAPP_GRAPH_BASE_URL: a.services.config.whatsapp.graphBaseUrl! }, { databaseUrl: a.databaseUrl });
  const agent = await seedAgent(a, sandbox, { autoReply: false });
  return { a, b, sandbox, agent };
}

function subscribe<T>(app: TestApp, token: string, document: Parameters<typeof firstEvent<T, { agentId: string }>>[1], agentId: string) {
  const { client } = connectSubscriptions(app.subscriptionsUrl, token);
  return firstEvent(client, document, { agentId });
}

test('an inbound message published on one instance reaches a subscriber on the other', async () => {
  const { a, b, sandbox, agent } = await twoInstances();
  const { event, ready } = subscribe(b, agent.token, WhatsAppMessageReceivedDocument, agent.agentId);
  await ready;
  const inbound = await receiveInbound(a, sandbox, agent, { enqueue: false });
  const received = await publishUntilDelivered(event, () =>
    a.services.eventBus.publish(MessageTopic.Inbound, agent.agentId, {
      messageId: inbound.id,
      userId: agent.userId,
      agentId: agent.agentId,
      status: MessageStatus.RECEIVED,
    }),
  );
  expect(received.whatsAppMessageReceived).toMatchObject({ id: inbound.id, direction: 'INBOUND', content: { body: 'Olá, preciso de ajuda' } });
});

test('a send on one instance reports its status change to a subscriber on the other', async () => {
  const { a, b, sandbox, agent } = await twoInstances();
  await receiveInbound(a, sandbox, agent, { enqueue: false });
  const { event, ready } = subscribe(b, agent.token, WhatsAppMessageStatusChangedDocument, agent.agentId);
  await ready;
  const changed = await publishUntilDelivered(event, () =>
    postGraphQL(a.graphqlUrl, SendWhatsAppMessageDocument, {
      authorization: agent.token,
      variables: { input: { agentId: agent.agentId, to: '+5511987654321', idempotencyKey: randomUUID(), text: { body: 'Olá' } } },
    }),
  );
  expect(changed.whatsAppMessageStatusChanged).toMatchObject({ agentId: agent.agentId, direction: 'OUTBOUND', status: 'SENT' });
});

test('subscribing to another user\'s agent (or an unknown one) is NOT_FOUND', async () => {
  const { a, agent } = await twoInstances();
  const strangerToken = await a.tokenFor(randomUUID());
  for (const [token, agentId] of [
    [strangerToken, agent.agentId],
    [agent.token, randomUUID()],
    [agent.token, 'junk'],
  ]) {
    for (const document of [WhatsAppMessageReceivedDocument, WhatsAppMessageStatusChangedDocument]) {
      const { event } = subscribe(a, token!, document as typeof WhatsAppMessageReceivedDocument, agentId!);
      // graphql-ws delivers a refused subscription as one result with errors; firstEvent rejects with them.
      const failure = (await event.then(() => null, (error: unknown) => error)) as Error;
      const errors = JSON.parse(failure.message) as Array<{ message: string; extensions?: { code?: string } }>;
      expect(errors.map((e) => [e.message, e.extensions?.code])).toEqual([['Agent not found.', 'NOT_FOUND']]);
    }
  }
});

test('an event naming the agent but carrying another user\'s message is dropped', async () => {
  const { a, sandbox, agent } = await twoInstances();
  const other = await seedAgent(a, sandbox, { autoReply: false });
  const foreign = await receiveInbound(a, sandbox, other, { enqueue: false, text: 'segredo' });
  const own = await receiveInbound(a, sandbox, agent, { enqueue: false, text: 'meu' });
  const { event, ready } = subscribe(a, agent.token, WhatsAppMessageReceivedDocument, agent.agentId);
  await ready;
  const received = await publishUntilDelivered(event, () => {
    // A mis-published event: the subscriber's agent id, but the message (and user) of someone else.
    for (const userId of [agent.userId, other.userId]) {
      a.services.eventBus.publish(MessageTopic.Inbound, agent.agentId, { messageId: foreign.id, userId, agentId: agent.agentId, status: MessageStatus.RECEIVED });
    }
    a.services.eventBus.publish(MessageTopic.Inbound, agent.agentId, { messageId: own.id, userId: agent.userId, agentId: agent.agentId, status: MessageStatus.RECEIVED });
  });
  expect(received.whatsAppMessageReceived.id).toBe(own.id);
});
