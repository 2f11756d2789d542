import { randomUUID } from 'node:crypto';
import { CircuitState, WhatsAppCredential } from '../../src/credentials';
import { Message, MessageDirection, MessageStatus } from '../../src/messaging';
import type { Sandbox } from '../../src/sandbox';
import { CredentialHealthDetailsDocument, SendWhatsAppMessageDocument, UpdateCredentialDocument } from '../generated/graphql';
import { receiveInbound, seedAgent, startAgentTestApp, type SeededAgent } from '../agents/agent-fixtures';
import { postGraphQL } from '../support/graphql-http';
import type { TestApp } from '../support/start-test-app';
import { connectSubscriptions, firstEvent } from '../support/subscription-client';

const CUSTOMER = '+5511987654321';
const graphSends = (sandbox: Sandbox) => sandbox.requests().filter((r) => r.method === 'POST' && r.path.endsWith('/messages')).length;

function sender(app: TestApp, agent: SeededAgent) {
  return (idempotencyKey = randomUUID()) =>
    postGraphQL(app.graphqlUrl, SendWhatsAppMessageDocument, {
      authorization: agent.token,
      variables: { input: { agentId: agent.agentId, to: CUSTOMER, idempotencyKey, text: { body: 'Olá' } } },
    });
}

async function setUp() {
  const { app, sandbox } = await startAgentTestApp({ OUTBOUND_RETRY_ATTEMPTS: '1' });
  const agent = await seedAgent(app, sandbox, { autoReply: false });
  await receiveInbound(app, sandbox, agent, { enqueue: false });
  return { app, sandbox, agent, send: sender(app, agent) };
}

test('Meta down: sends fail without a trace, the circuit opens, and calls stop until the probe', async () => {
  const { app, sandbox, agent, send } = await setUp();
  sandbox.setDown(true);
  for (let i = 0; i < 5; i++) {
    const result = await send();
    // The connection dropped after the request left: Meta may have the message, so it is never resent.
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', reason: 'OUTCOME_UNKNOWN' });
  }
  const credential = await app.orm.em.fork().findOneOrFail(WhatsAppCredential, { phoneNumberId: agent.account.phoneNumberId });
  expect(credential.circuitState).toBe(CircuitState.OPEN);

  const callsBefore = graphSends(sandbox);
  const refused = await send();
  expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CREDENTIAL_UNAVAILABLE', reason: 'CIRCUIT_OPEN' });
  expect(graphSends(sandbox)).toBe(callsBefore);
  // The five unknown outcomes are kept FAILED (never silently resent); the refused send left nothing.
  expect(await app.orm.em.fork().count(Message, { direction: MessageDirection.OUTBOUND })).toBe(5);
  expect(await app.orm.em.fork().count(Message, { direction: MessageDirection.OUTBOUND, status: MessageStatus.FAILED })).toBe(5);
});

test('a revoked token met while sending marks the credential INVALID, stops sends, and a new token restores them', async () => {
  const { app, sandbox, agent, send } = await setUp();
  const { client } = connectSubscriptions(app.subscriptionsUrl, agent.token);
  const { event, ready } = firstEvent(client, CredentialHealthDetailsDocument);
  await ready;

  sandbox.revokeToken(agent.account.tokens.valid);
  expect((await send()).errors?.[0]?.extensions).toMatchObject({ code: 'CREDENTIAL_REJECTED', reason: '190' });
  // The failure asked for a health check; its verdict is the owner's real-time alert.
  await expect(event).resolves.toMatchObject({ credentialHealthChanged: { status: 'INVALID', reason: 'TOKEN_INVALID' } });

  const callsBefore = graphSends(sandbox);
  const degraded = await send();
  expect(degraded.errors?.[0]?.extensions).toMatchObject({ code: 'CREDENTIAL_UNAVAILABLE', reason: 'TOKEN_INVALID' });
  expect(graphSends(sandbox)).toBe(callsBefore);

  const updated = await postGraphQL(app.graphqlUrl, UpdateCredentialDocument, {
    variables: { id: agent.credentialId, input: { accessToken: agent.account.tokens.expiring } },
    authorization: agent.token,
  });
  expect(updated.data?.updateWhatsAppCredential.credential.status).toBe('ACTIVE');
  expect((await send()).data?.sendWhatsAppMessage.status).toBe('SENT');
});
