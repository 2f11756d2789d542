import { randomUUID } from 'node:crypto';
import type { RunningSandbox } from '../../src/adapters/sandbox';
import {
  EnableAgentWithKeywordsDocument,
  SendWhatsAppMessageDocument,
  UpdateAgentKeywordsDocument,
  WhatsAppSuppressionsDocument,
} from '../generated/graphql';
import { postGraphQL } from '../support/graphql-http';
import type { TestApp } from '../support/start-test-app';
import { addTenant, configureNow, settled, startAppOn, startSandboxForTest, type Tenant } from '../webhooks/webhook-kit';

const CUSTOMER_WA_ID = '5511987654321';

let running: RunningSandbox;
let app: TestApp;

beforeAll(async () => {
  running = await startSandboxForTest();
  app = await startAppOn(running);
});

type Owner = Tenant & { token: string; agentId: string };

/** A routed number with an agent on it, enabled with `keywords` (none: the defaults). */
async function numberWithAgent(keywords: { optOutKeywords?: string[]; optInKeywords?: string[] } = {}): Promise<Owner> {
  const tenant = await addTenant(app, running);
  await configureNow(app, tenant.credentialId);
  const token = await app.tokenFor(tenant.userId);
  const agentId = randomUUID();
  const enabled = await postGraphQL(app.graphqlUrl, EnableAgentWithKeywordsDocument, {
    authorization: token,
    // No runtime answers in this test: the agent stores messages and stays quiet.
    variables: { input: { agentId, credentialId: tenant.credentialId, autoReply: false, ...keywords } },
  });
  expect(enabled.errors).toBeUndefined();
  return { ...tenant, token, agentId };
}

async function customerWrites(tenant: Tenant, text: string): Promise<void> {
  const processed = settled(app);
  expect((await running.sandbox.deliverInboundMessage({ phoneNumberId: tenant.account.phoneNumberId, from: CUSTOMER_WA_ID, type: 'text', text: { body: text } })).status).toBe(200);
  expect((await processed)[0]!.outcome).toBe('processed');
}

function send(owner: Owner) {
  return postGraphQL(app.graphqlUrl, SendWhatsAppMessageDocument, {
    authorization: owner.token,
    variables: { input: { credentialId: owner.credentialId, to: `+${CUSTOMER_WA_ID}`, idempotencyKey: randomUUID(), text: { body: 'Temos novidades!' } } },
  });
}

async function suppressed(owner: Owner): Promise<boolean> {
  const listed = await postGraphQL(app.graphqlUrl, WhatsAppSuppressionsDocument, { authorization: owner.token, variables: { credentialId: owner.credentialId } });
  return listed.data!.whatsAppSuppressions.length > 0;
}

const codeOf = (result: { errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> }) => result.errors?.[0]?.extensions ?? null;

test('an agent\'s own keyword suppresses the next send, and its own opt-in lifts it', async () => {
  const owner = await numberWithAgent({ optOutKeywords: [' Parar ', 'SAIR'], optInKeywords: ['Voltar'] });
  // The agent's lists replace the defaults: STOP is a conversation on this number.
  await customerWrites(owner, 'stop');
  expect(await suppressed(owner)).toBe(false);

  await customerWrites(owner, 'PARAR');
  expect(await suppressed(owner)).toBe(true);
  expect(codeOf(await send(owner))).toMatchObject({ code: 'RECIPIENT_OPTED_OUT' });
  expect(running.sandbox.sentMessages(owner.account.phoneNumberId)).toHaveLength(0);

  await customerWrites(owner, 'voltar');
  expect(await suppressed(owner)).toBe(false);
  expect((await send(owner)).errors).toBeUndefined();
});

test('an agent without keywords of its own keeps STOP and START', async () => {
  const owner = await numberWithAgent();
  await customerWrites(owner, 'parar');
  expect(await suppressed(owner)).toBe(false);
  await customerWrites(owner, 'Stop');
  expect(codeOf(await send(owner))).toMatchObject({ code: 'RECIPIENT_OPTED_OUT' });
});

test('keyword lists are checked, stored lowercase, and null brings the defaults back', async () => {
  const owner = await numberWithAgent({ optOutKeywords: ['Parar'] });
  const update = (input: Record<string, unknown>) =>
    postGraphQL(app.graphqlUrl, UpdateAgentKeywordsDocument, { authorization: owner.token, variables: { agentId: owner.agentId, input } });

  const refusals: Array<[string, Record<string, unknown>, string]> = [
    ['no keyword', { optOutKeywords: [] }, 'input.optOutKeywords'],
    ['eleven keywords', { optOutKeywords: Array.from({ length: 11 }, (_, i) => `k${i}`) }, 'input.optOutKeywords'],
    ['a keyword too long', { optInKeywords: ['x'.repeat(33)] }, 'input.optInKeywords'],
    ['a blank keyword', { optInKeywords: ['   '] }, 'input.optInKeywords'],
    ['one word in both lists', { optInKeywords: ['PARAR'] }, 'input.optInKeywords'],
  ];
  for (const [why, input, field] of refusals) {
    expect([why, codeOf(await update(input))]).toEqual([why, expect.objectContaining({ code: 'BAD_USER_INPUT', field })]);
  }

  const changed = await update({ optOutKeywords: ['Parar', 'PARAR', 'Cancelar'], optInKeywords: ['Voltar'] });
  expect(changed.data!.updateAgentWhatsApp).toEqual({ agentId: owner.agentId, optOutKeywords: ['parar', 'cancelar'], optInKeywords: ['voltar'] });
  const reset = await update({ optOutKeywords: null, optInKeywords: null });
  expect(reset.data!.updateAgentWhatsApp).toMatchObject({ optOutKeywords: null, optInKeywords: null });
  await customerWrites(owner, 'STOP');
  expect(await suppressed(owner)).toBe(true);
});
