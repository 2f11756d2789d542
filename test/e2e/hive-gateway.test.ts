import type { Client } from 'graphql-ws';
import { CredentialTopic } from '../../src/credentials';
import { receiveInbound, seedAgent, startAgentTestApp, type SeededAgent } from '../agents/agent-fixtures';
import { credentialExpiredEvent } from '../support/credential-fixtures';
import { createDeferred } from '../support/deferred';
import { postGraphQL } from '../support/graphql-http';
import { publishUntilDelivered } from '../support/publish-until-delivered';
import { startHiveGateway } from '../support/hive-gateway';
import { startHostSubgraph } from '../support/host-subgraph';
import { TEST_JWT_SECRET, type TestApp } from '../support/start-test-app';
import { connectSubscriptions } from '../support/subscription-client';

const HEALTH = `subscription { whatsAppCredentialHealthChanged { credentialId previousStatus status reason } }`;

async function setUp() {
  const { app, sandbox } = await startAgentTestApp();
  const agent = await seedAgent(app, sandbox);
  await receiveInbound(app, sandbox, agent, { enqueue: false });
  const host = await startHostSubgraph(
    { users: [{ id: agent.userId, name: 'Alice' }], agents: [{ id: agent.agentId, name: 'Support bot', ownerId: agent.userId }] },
    TEST_JWT_SECRET,
  );
  const gateway = await startHiveGateway(
    [
      { name: 'host', url: host.url },
      { name: 'whatsapp', url: app.graphqlUrl },
    ],
    'whatsapp',
  );
  return { app, agent, gateway };
}

let setup: Awaited<ReturnType<typeof setUp>>;
beforeAll(async () => {
  setup = await setUp();
});

/**
 * The gateway opens its upstream subscription asynchronously after the client's is accepted: publish
 * (for up to ten seconds) until the first event arrives.
 */
function publishHealthUntil<T>(app: TestApp, agent: SeededAgent, arrived: Promise<T>): Promise<T> {
  const publish = () => app.services.eventBus.publish(CredentialTopic.Health, agent.userId, credentialExpiredEvent(agent.credentialId, agent.userId));
  return publishUntilDelivered(arrived, publish, { everyMs: 20, times: 500 });
}

/** Subscribes over graphql-ws and settles with the first result (data or errors) or the socket's error. */
function firstResult(client: Client, query: string) {
  const result = createDeferred<{ data?: unknown; errors?: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }> }>();
  const unsubscribe = client.subscribe(
    { query },
    {
      next: (value) => {
        result.resolve(value as never);
        unsubscribe();
      },
      error: (error) => result.reject(error),
      complete: () => undefined,
    },
  );
  return result.promise;
}

const EXPIRED_EVENT = (credentialId: string) => ({
  whatsAppCredentialHealthChanged: { credentialId, previousStatus: 'ACTIVE', status: 'EXPIRED', reason: 'TOKEN_EXPIRED' },
});

describe('through a Hive Gateway composing the host subgraph with ours', () => {
  test('a host query walks from me to the WhatsApp credentials and from a message to its agent', async () => {
    const { agent, gateway } = setup;
    const result = await postGraphQL(
      gateway.url,
      `query {
        me { name whatsAppCredentials { id user { name } } }
        agents { whatsApp { messages(first: 1) { nodes { direction agent { id name owner { name } } } } } }
      }`,
      { authorization: agent.token },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      me: { name: 'Alice', whatsAppCredentials: [{ id: agent.credentialId, user: { name: 'Alice' } }] },
      agents: [
        { whatsApp: { messages: { nodes: [{ direction: 'INBOUND', agent: { id: agent.agentId, name: 'Support bot', owner: { name: 'Alice' } } }] } } },
      ],
    });
  });

  test('a WebSocket subscription authenticated by the forwarded header receives a live event', async () => {
    const { app, agent, gateway } = setup;
    const { client } = connectSubscriptions(gateway.wsUrl, agent.token);
    const result = await publishHealthUntil(app, agent, firstResult(client, HEALTH));
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual(EXPIRED_EVENT(agent.credentialId));
  });

  test('a WebSocket subscription without a token sees UNAUTHENTICATED at the client', async () => {
    const { gateway } = setup;
    const { client } = connectSubscriptions(gateway.wsUrl);
    const result = await firstResult(client, HEALTH);
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });

  test('the same subscription over SSE receives a live event', async () => {
    const { app, agent, gateway } = setup;
    const abort = new AbortController();
    const firstEvent = (async () => {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: agent.token },
        body: JSON.stringify({ query: HEALTH }),
        signal: abort.signal,
      });
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const decoder = new TextDecoder();
      let buffered = '';
      const reader = response.body!.getReader();
      try {
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
          buffered += decoder.decode(chunk.value, { stream: true });
          const data = /event: next\ndata: (.+)\n\n/.exec(buffered)?.[1];
          if (data) return JSON.parse(data) as { data?: unknown; errors?: unknown };
        }
        throw new Error(`the stream ended before an event: ${buffered}`);
      } finally {
        await reader.cancel();
      }
    })();
    try {
      const result = await publishHealthUntil(app, agent, firstEvent);
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual(EXPIRED_EVENT(agent.credentialId));
    } finally {
      abort.abort();
    }
  });
});
