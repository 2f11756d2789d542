import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signDevelopmentToken } from '../../src/platform/identity';
import {
  AgentWhatsAppDocument,
  DisableAgentWhatsAppDocument,
  EnableAgentWhatsAppDocument,
  UpdateAgentWhatsAppDocument,
} from '../generated/graphql';
import { seedCredential } from '../support/credential-fixtures';
import { postGraphQL } from '../support/graphql-http';
import { onDispose } from '../support/leftovers';
import { TEST_JWT_SECRET, type TestApp } from '../support/start-test-app';
import { startAgentTestApp } from './agent-fixtures';
import type { Sandbox } from '../../src/adapters/sandbox';

const codeOf = (result: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => result.errors?.[0]?.extensions?.code;

const bearer = async (userId: string, agents?: string[], roles: string[] = []) =>
  `Bearer ${await signDevelopmentToken(TEST_JWT_SECRET, { sub: userId, roles, ...(agents ? { agents } : {}) })}`;

/** Every operation on an agent's WhatsApp setup, as `token`; each answer's error code (undefined on success). */
async function attempts(app: TestApp, token: string, agentId: string, credentialId: string) {
  const enable = await postGraphQL(app.graphqlUrl, EnableAgentWhatsAppDocument, { authorization: token, variables: { input: { agentId, credentialId } } });
  const read = await postGraphQL(app.graphqlUrl, AgentWhatsAppDocument, { authorization: token, variables: { agentId } });
  const update = await postGraphQL(app.graphqlUrl, UpdateAgentWhatsAppDocument, {
    authorization: token,
    variables: { agentId, input: { autoReply: false } },
  });
  const disable = await postGraphQL(app.graphqlUrl, DisableAgentWhatsAppDocument, { authorization: token, variables: { agentId } });
  return { enable: codeOf(enable), read: codeOf(read), update: codeOf(update), disable: codeOf(disable) };
}

async function credentialOf(app: TestApp, sandbox: Sandbox, userId: string): Promise<string> {
  return (await seedCredential(app, userId, sandbox.createAccount())).credential.id;
}

const refused = { enable: 'NOT_FOUND', read: 'NOT_FOUND', update: 'NOT_FOUND', disable: 'NOT_FOUND' };

describe('agent ownership from the host\'s token (AGENT_OWNERSHIP=claim)', () => {
  let app: TestApp;
  let sandbox: Sandbox;

  beforeAll(async () => {
    ({ app, sandbox } = await startAgentTestApp({ AGENT_OWNERSHIP: 'claim' }));
  });

  test('a user whose token does not list the agent can neither claim it first nor touch it once its owner enabled it', async () => {
    const owner = randomUUID();
    const intruder = randomUUID();
    const agentId = randomUUID();
    const intruderCredential = await credentialOf(app, sandbox, intruder);
    const ownerCredential = await credentialOf(app, sandbox, owner);
    const intruderToken = await bearer(intruder, [randomUUID()]);

    // Before the owner: the intruder cannot squat the agent on their own number.
    expect(await attempts(app, intruderToken, agentId, intruderCredential)).toEqual(refused);

    const ownerToken = await bearer(owner, [agentId]);
    const enabled = await postGraphQL(app.graphqlUrl, EnableAgentWhatsAppDocument, {
      authorization: ownerToken,
      variables: { input: { agentId, credentialId: ownerCredential } },
    });
    expect(enabled.errors).toBeUndefined();

    // After: read, update, disable (and enable again) are all NOT_FOUND, exactly like an unknown agent.
    expect(await attempts(app, intruderToken, agentId, intruderCredential)).toEqual(refused);
    // A token without the claim at all is no better.
    expect(await attempts(app, await bearer(intruder), agentId, intruderCredential)).toEqual(refused);

    // The owner still has it, unchanged by the attempts.
    const read = await postGraphQL(app.graphqlUrl, AgentWhatsAppDocument, { authorization: ownerToken, variables: { agentId } });
    expect(read.data?.agentWhatsApp).toMatchObject({ agentId, userId: owner, autoReply: true });
  });

  test('the owner can update and disable; an admin (the host\'s role) may read and disable, not enable', async () => {
    const owner = randomUUID();
    const agentId = randomUUID();
    const credentialId = await credentialOf(app, sandbox, owner);
    const ownerToken = await bearer(owner, [agentId]);
    expect(await attempts(app, ownerToken, agentId, credentialId)).toEqual({ enable: undefined, read: undefined, update: undefined, disable: undefined });

    await postGraphQL(app.graphqlUrl, EnableAgentWhatsAppDocument, { authorization: ownerToken, variables: { input: { agentId, credentialId } } });
    const admin = await bearer(randomUUID(), [], ['admin']);
    const read = await postGraphQL(app.graphqlUrl, AgentWhatsAppDocument, { authorization: admin, variables: { agentId } });
    expect(read.data?.agentWhatsApp?.agentId).toBe(agentId);
    const disabled = await postGraphQL(app.graphqlUrl, DisableAgentWhatsAppDocument, { authorization: admin, variables: { agentId } });
    expect(disabled.data?.disableAgentWhatsApp).toBe(agentId);
  });
});

/** The host's side of AGENT_OWNERSHIP=http: a real HTTP server on port 0. */
async function startOwnershipHost(owners: Map<string, Set<string>>) {
  const requests: Array<{ url: string; authorization?: string }> = [];
  let failing = false;
  const server = createServer((req: IncomingMessage, res) => {
    requests.push({ url: req.url ?? '', authorization: req.headers.authorization });
    if (failing) return void res.writeHead(503).end();
    const match = /^\/users\/([^/]+)\/agents\/([^/]+)$/.exec(req.url ?? '');
    const owned = match && owners.get(decodeURIComponent(match[1]!))?.has(decodeURIComponent(match[2]!));
    res.writeHead(owned ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify({ owner: Boolean(owned) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onDispose(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/users/{userId}/agents/{agentId}`,
    requests,
    setFailing: (value: boolean) => {
      failing = value;
    },
  };
}

describe('agent ownership asked of the host over HTTP (AGENT_OWNERSHIP=http)', () => {
  const HOST_TOKEN = 'host-ownership-check-token-0123456789';
  const owners = new Map<string, Set<string>>();
  let host: Awaited<ReturnType<typeof startOwnershipHost>>;
  let app: TestApp;
  let sandbox: Sandbox;

  beforeAll(async () => {
    host = await startOwnershipHost(owners);
    ({ app, sandbox } = await startAgentTestApp({
      AGENT_OWNERSHIP: 'http',
      AGENT_OWNERSHIP_URL: host.url,
      AGENT_OWNERSHIP_TOKEN: HOST_TOKEN,
      AGENT_OWNERSHIP_CACHE_TTL_MS: '60000',
    }));
  });

  test('another user cannot enable, read, update or disable the agent; the owner can; answers are cached', async () => {
    const owner = randomUUID();
    const intruder = randomUUID();
    const agentId = randomUUID();
    owners.set(owner, new Set([agentId]));
    const ownerToken = await app.tokenFor(owner);
    const intruderToken = await app.tokenFor(intruder);
    const intruderCredential = await credentialOf(app, sandbox, intruder);

    expect(await attempts(app, intruderToken, agentId, intruderCredential)).toEqual(refused);
    const ownerCredential = await credentialOf(app, sandbox, owner);
    const enabled = await postGraphQL(app.graphqlUrl, EnableAgentWhatsAppDocument, {
      authorization: ownerToken,
      variables: { input: { agentId, credentialId: ownerCredential } },
    });
    expect(enabled.errors).toBeUndefined();
    expect(await attempts(app, intruderToken, agentId, intruderCredential)).toEqual(refused);

    // The host was asked about each (user, agent) pair once, with its own token and the ids in the path.
    const asked = host.requests.filter((r) => r.url.endsWith(agentId));
    expect(asked.map((r) => r.url).sort()).toEqual([`/users/${intruder}/agents/${agentId}`, `/users/${owner}/agents/${agentId}`].sort());
    expect(asked.every((r) => r.authorization === `Bearer ${HOST_TOKEN}`)).toBe(true);
  });

  test('a host that cannot answer fails closed with DEPENDENCY_UNAVAILABLE, and nothing changes', async () => {
    const owner = randomUUID();
    const agentId = randomUUID();
    owners.set(owner, new Set([agentId]));
    const credentialId = await credentialOf(app, sandbox, owner);
    host.setFailing(true);
    try {
      const result = await postGraphQL(app.graphqlUrl, EnableAgentWhatsAppDocument, {
        authorization: await app.tokenFor(owner),
        variables: { input: { agentId, credentialId } },
      });
      expect(codeOf(result)).toBe('DEPENDENCY_UNAVAILABLE');
    } finally {
      host.setFailing(false);
    }
    // The failure was not cached: the next attempt asks again and succeeds.
    const again = await postGraphQL(app.graphqlUrl, EnableAgentWhatsAppDocument, {
      authorization: await app.tokenFor(owner),
      variables: { input: { agentId, credentialId } },
    });
    expect(again.errors).toBeUndefined();
  });
});
