import { randomUUID } from 'node:crypto';
import { CircuitState, WhatsAppCredential } from '../../src/credentials';
import { Message, MessageDirection, MessageStatus } from '../../src/messaging';
import type { Sandbox } from '../../src/adapters/sandbox';
import { CredentialHealthDetailsDocument, SendWhatsAppMessageDocument, UpdateCredentialDocument } from '../generated/graphql';
import { receiveInbound, seedAgent, startAgentTestApp, type SeededAgent } from '../agents/agent-fixtures';
import { duplicatesIn, reportFaultRun } from '../support/fault-figures';
import { eventually } from '../support/eventually';
import { postGraphQL } from '../support/graphql-http';
import type { TestApp } from '../support/start-test-app';
import { connectSubscriptions, firstEvent } from '../support/subscription-client';

const CUSTOMER = '+5511987654321';
const graphSends = (sandbox: Sandbox) => sandbox.requests().filter((r) => r.method === 'POST' && r.path.endsWith('/messages')).length;

function sender(app: TestApp, agent: SeededAgent) {
  return (idempotencyKey: string = randomUUID()) =>
    postGraphQL(app.graphqlUrl, SendWhatsAppMessageDocument, {
      authorization: agent.token,
      variables: { input: { agentId: agent.agentId, to: CUSTOMER, idempotencyKey, text: { body: idempotencyKey } } },
    });
}

async function setUp(env: Record<string, string> = { OUTBOUND_RETRY_ATTEMPTS: '1' }) {
  const { app, sandbox } = await startAgentTestApp(env);
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
  const received = sandbox.sentMessages(agent.account.phoneNumberId).length;
  reportFaultRun({ fault: 'Graph API down', offered: 6, accepted: 0, delivered: received, duplicated: 0, lost: 0, notes: { keptFailedOutcomeUnknown: 5, refusedByOpenCircuit: 1 } });
});

/** Sends `count` messages with distinct keys and bodies, `count` at once; answers by key. */
async function sendMany(send: ReturnType<typeof sender>, count: number) {
  const keys = Array.from({ length: count }, (_, i) => `fault-${i}-${randomUUID()}`);
  const answers = await Promise.all(keys.map((key) => send(key)));
  return keys.map((key, i) => ({ key, status: answers[i]!.data?.sendWhatsAppMessage.status, error: answers[i]!.errors?.[0]?.extensions }));
}

const bodiesAtMeta = (sandbox: Sandbox, agent: SeededAgent) =>
  sandbox.sentMessages(agent.account.phoneNumberId).map((m) => (m.body.text as { body: string }).body);

test('Graph API slow (under the timeout): every send goes out once and is answered SENT', async () => {
  const { sandbox, agent, send } = await setUp({});
  sandbox.setLatency(1500);
  const results = await sendMany(send, 10);
  sandbox.setLatency(0);
  for (const result of results) expect(result.status).toBe('SENT');
  const bodies = bodiesAtMeta(sandbox, agent).filter((body) => results.some((r) => r.key === body));
  expect(bodies).toHaveLength(results.length);
  expect(duplicatesIn(bodies)).toBe(0);
  reportFaultRun({
    fault: 'Graph API slow (1.5 s per call)',
    offered: results.length,
    accepted: results.filter((r) => r.status === 'SENT').length,
    delivered: bodies.length,
    duplicated: duplicatesIn(bodies),
    lost: results.filter((r) => !bodies.includes(r.key)).length,
  });
});

test('Graph API throttling: throttled sends are retried or refused before anything is kept, and a client retry with the same key sends once', async () => {
  const { sandbox, agent, send } = await setUp({ OUTBOUND_RETRY_ATTEMPTS: '2' });
  // 12 throttling answers for 10 sends of 2 attempts each: at least two sends are refused after both.
  sandbox.failNext(12, { code: 130429, message: 'Rate limit hit' }, { pathIncludes: '/messages' });
  const results = await sendMany(send, 10);
  const refused = results.filter((r) => r.status !== 'SENT');
  for (const result of refused) expect(result.error).toMatchObject({ code: 'RATE_LIMITED' });
  expect(refused.length).toBeGreaterThan(0);
  // The client's own retry, with the same idempotency key, once Meta lets messages through again.
  for (const { key } of refused) {
    await eventually(() => send(key), (r) => r.data?.sendWhatsAppMessage.status === 'SENT', 30_000, 'a throttled send to go out on retry');
  }
  const bodies = bodiesAtMeta(sandbox, agent).filter((body) => results.some((r) => r.key === body));
  expect(new Set(bodies)).toEqual(new Set(results.map((r) => r.key)));
  expect(duplicatesIn(bodies)).toBe(0);
  reportFaultRun({
    fault: 'Graph API throttling (130429)',
    offered: 10,
    accepted: 10 - refused.length,
    delivered: new Set(bodies).size,
    duplicated: duplicatesIn(bodies),
    lost: 0,
    notes: { throttledAnswers: 12, refusedRateLimitedThenResent: refused.length },
  });
});

test('a revoked token met while sending marks the credential INVALID, stops sends, and a new token restores them', async () => {
  const { app, sandbox, agent, send } = await setUp();
  const { client } = connectSubscriptions(app.subscriptionsUrl, agent.token);
  const { event, ready } = firstEvent(client, CredentialHealthDetailsDocument);
  await ready;

  sandbox.revokeToken(agent.account.tokens.valid);
  expect((await send()).errors?.[0]?.extensions).toMatchObject({ code: 'CREDENTIAL_REJECTED', reason: '190' });
  // The failure asked for a health check; its verdict is the owner's real-time alert.
  await expect(event).resolves.toMatchObject({ whatsAppCredentialHealthChanged: { status: 'INVALID', reason: 'TOKEN_INVALID' } });

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
