import { randomUUID } from 'node:crypto';
import { AuditEntry } from '../../src/audit';
import {
  AgentWhatsAppDocument,
  DisableAgentWhatsAppDocument,
  EnableAgentWhatsAppDocument,
  UpdateAgentWhatsAppDocument,
} from '../generated/graphql';
import { seedCredential } from '../support/credential-fixtures';
import { postGraphQL } from '../support/graphql-http';
import { seedAgent, startAgentTestApp } from './agent-fixtures';

const errorOf = (result: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => ({
  code: result.errors?.[0]?.extensions?.code,
  field: result.errors?.[0]?.extensions?.field,
});

describe('enabling WhatsApp for an agent', () => {
  test('the caller becomes the owner, with the documented defaults, and the change is audited', async () => {
    const { app, sandbox } = await startAgentTestApp();
    const agent = await seedAgent(app, sandbox, { welcomeMessage: 'Bem-vindo!' });
    const result = await postGraphQL(app.graphqlUrl, AgentWhatsAppDocument, { authorization: agent.token, variables: { agentId: agent.agentId } });
    expect(result.data?.agentWhatsApp).toEqual({
      id: expect.any(String),
      agentId: agent.agentId,
      userId: agent.userId,
      credentialId: agent.credentialId,
      phoneNumberId: agent.account.phoneNumberId,
      // Reaches the agent on the platform's shared number whenever its owner is on the platform's credentials.
      platformCode: expect.stringMatching(/^WA-[0-9A-HJKMNP-TV-Z]{8}$/),
      enabled: true,
      autoReply: true,
      welcomeMessage: 'Bem-vindo!',
      fallbackMessage: null,
      businessHours: null,
    });
    const audit = await app.orm.em.fork().find(AuditEntry, { action: 'agent.whatsapp.enable' });
    expect(audit).toEqual([expect.objectContaining({ actorUserId: agent.userId, targetId: agent.agentId, outcome: 'success' })]);
  });

  test('another user\'s credential, an unknown one and a malformed id are all NOT_FOUND', async () => {
    const { app, sandbox } = await startAgentTestApp();
    const owner = await seedAgent(app, sandbox);
    const stranger = randomUUID();
    const token = await app.tokenFor(stranger);
    for (const credentialId of [owner.credentialId, randomUUID(), 'not-an-id']) {
      const result = await postGraphQL(app.graphqlUrl, EnableAgentWhatsAppDocument, {
        authorization: token,
        variables: { input: { agentId: randomUUID(), credentialId } },
      });
      expect(errorOf(result)).toEqual({ code: 'NOT_FOUND', field: undefined });
      expect(result.errors?.[0]?.message).toBe('Credential not found.');
    }
  });

  test('one configuration per agent, one agent per phone number', async () => {
    const { app, sandbox } = await startAgentTestApp();
    const agent = await seedAgent(app, sandbox);
    const again = await postGraphQL(app.graphqlUrl, EnableAgentWhatsAppDocument, {
      authorization: agent.token,
      variables: { input: { agentId: agent.agentId, credentialId: agent.credentialId } },
    });
    expect(errorOf(again)).toEqual({ code: 'CONFLICT', field: 'input.agentId' });

    const secondAgent = await postGraphQL(app.graphqlUrl, EnableAgentWhatsAppDocument, {
      authorization: agent.token,
      variables: { input: { agentId: randomUUID(), credentialId: agent.credentialId } },
    });
    expect(errorOf(secondAgent)).toEqual({ code: 'CONFLICT', field: 'input.credentialId' });
  });

  test('claiming someone else\'s configured agent is NOT_FOUND, not CONFLICT', async () => {
    const { app, sandbox } = await startAgentTestApp();
    const owner = await seedAgent(app, sandbox);
    const strangerId = randomUUID();
    const { credential } = await seedCredential(app, strangerId, sandbox.createAccount());
    const result = await postGraphQL(app.graphqlUrl, EnableAgentWhatsAppDocument, {
      authorization: await app.tokenFor(strangerId),
      variables: { input: { agentId: owner.agentId, credentialId: credential.id } },
    });
    expect(errorOf(result)).toEqual({ code: 'NOT_FOUND', field: undefined });
    expect(result.errors?.[0]?.message).toBe('Agent not found.');
  });

  test('invalid settings are refused and nothing is stored', async () => {
    const { app, sandbox } = await startAgentTestApp();
    const userId = randomUUID();
    const { credential } = await seedCredential(app, userId, sandbox.createAccount());
    const token = await app.tokenFor(userId);
    const agentId = randomUUID();
    const enable = (extra: Record<string, unknown>) =>
      postGraphQL(app.graphqlUrl, EnableAgentWhatsAppDocument, {
        authorization: token,
        variables: { input: { agentId, credentialId: credential.id, ...extra } as never },
      });
    expect(errorOf(await enable({ welcomeMessage: '   ' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.welcomeMessage' });
    expect(errorOf(await enable({ fallbackMessage: 'x'.repeat(4097) }))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.fallbackMessage' });
    expect(
      errorOf(await enable({ businessHours: { enabled: true, timezone: 'Europe/Atlantis', schedule: [{ day: 'MONDAY', start: '09:00', end: '17:00' }] } })),
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'input.businessHours.timezone' });
    expect(
      errorOf(await enable({ businessHours: { enabled: true, timezone: 'UTC', schedule: [{ day: 'MONDAY', start: '9am', end: '17:00' }] } })),
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'input.businessHours.schedule[0].start' });
    const stored = await postGraphQL(app.graphqlUrl, AgentWhatsAppDocument, { authorization: token, variables: { agentId } });
    expect(errorOf(stored).code).toBe('NOT_FOUND');
  });

  test('without a token nothing happens', async () => {
    const { app } = await startAgentTestApp();
    const result = await postGraphQL(app.graphqlUrl, EnableAgentWhatsAppDocument, {
      variables: { input: { agentId: randomUUID(), credentialId: randomUUID() } },
    });
    expect(errorOf(result).code).toBe('UNAUTHENTICATED');
  });
});

describe('updating and disabling', () => {
  test('omitted fields are kept, null clears, and the timezone is stored canonically', async () => {
    const { app, sandbox } = await startAgentTestApp();
    const agent = await seedAgent(app, sandbox, { welcomeMessage: 'Olá', fallbackMessage: 'Fechado' });
    const update = (input: Record<string, unknown>) =>
      postGraphQL(app.graphqlUrl, UpdateAgentWhatsAppDocument, { authorization: agent.token, variables: { agentId: agent.agentId, input } });

    const hours = { enabled: true, timezone: 'utc', schedule: [{ day: 'FRIDAY', start: '22:00', end: '06:00' }] };
    const first = await update({ businessHours: hours, autoReply: false });
    expect(first.errors).toBeUndefined();
    expect(first.data?.updateAgentWhatsApp).toMatchObject({
      autoReply: false,
      enabled: true,
      welcomeMessage: 'Olá',
      fallbackMessage: 'Fechado',
      businessHours: { enabled: true, timezone: 'UTC', schedule: [{ day: 'FRIDAY', start: '22:00', end: '06:00' }] },
    });

    const second = await update({ welcomeMessage: null, enabled: false });
    expect(second.data?.updateAgentWhatsApp).toMatchObject({ welcomeMessage: null, fallbackMessage: 'Fechado', enabled: false, autoReply: false });
    expect(second.data?.updateAgentWhatsApp.businessHours?.timezone).toBe('UTC');

    const bad = await update({ businessHours: { ...hours, schedule: [{ day: 'MONDAY', start: '10:00', end: '10:00' }] } });
    expect(errorOf(bad)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.businessHours.schedule[0].end' });
  });

  test('disabling frees the phone number for another agent', async () => {
    const { app, sandbox } = await startAgentTestApp();
    const agent = await seedAgent(app, sandbox);
    const disabled = await postGraphQL(app.graphqlUrl, DisableAgentWhatsAppDocument, { authorization: agent.token, variables: { agentId: agent.agentId } });
    expect(disabled.data?.disableAgentWhatsApp).toBe(agent.agentId);
    const gone = await postGraphQL(app.graphqlUrl, AgentWhatsAppDocument, { authorization: agent.token, variables: { agentId: agent.agentId } });
    expect(errorOf(gone).code).toBe('NOT_FOUND');
    const other = await postGraphQL(app.graphqlUrl, EnableAgentWhatsAppDocument, {
      authorization: agent.token,
      variables: { input: { agentId: randomUUID(), credentialId: agent.credentialId } },
    });
    expect(other.errors).toBeUndefined();
  });
});
