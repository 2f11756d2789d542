import { randomBytes, randomUUID } from 'node:crypto';
import { request } from 'undici';
import { signMediaPath } from '../../src/messaging/signed-media-url';
import type { Message } from '../../src/messaging';
import { AgentMessageMediaDocument } from '../generated/graphql';
import { receiveInbound, seedAgent, startAgentRuntime, startAgentTestApp, type SeededAgent } from '../agents/agent-fixtures';
import { postGraphQL } from '../support/graphql-http';
import type { TestApp } from '../support/start-test-app';
import type { Sandbox } from '../../src/adapters/sandbox';

const PHOTO = randomBytes(40_000);

async function get(url: string, headers: Record<string, string> = {}) {
  const response = await request(url, { headers });
  const body = Buffer.from(await response.body.arrayBuffer());
  return { status: response.statusCode, headers: response.headers, body };
}

let app: TestApp;
let sandbox: Sandbox;
let agent: SeededAgent;
let runtime: Awaited<ReturnType<typeof startAgentRuntime>>;
let image: Message;

beforeAll(async () => {
  runtime = await startAgentRuntime([{ status: 200, body: { reply: null } }]);
  ({ app, sandbox } = await startAgentTestApp(runtime.env()));
  agent = await seedAgent(app, sandbox);
  const { id, sha256 } = sandbox.addMedia(agent.account.phoneNumberId, PHOTO, 'image/jpeg');
  image = await receiveInbound(app, sandbox, agent, {
    messageType: 'image',
    content: { type: 'image', image: { id, mime_type: 'image/jpeg', sha256, caption: 'the broken part' } },
  });
  await runtime.called(1);
});

function mediaOfCall() {
  const message = runtime.calls[0]!.body.message as { media?: { url: string; expiresAt: string; mimeType: string | null; fileName: string | null } };
  return message.media!;
}

test('the runtime request carries a signed link, and the runtime fetching it gets the bytes', async () => {
  const media = mediaOfCall();
  expect(media).toEqual({ url: expect.stringMatching(/\/media\/.+\?u=.+&exp=\d+&sig=/), expiresAt: expect.any(String), mimeType: 'image/jpeg', fileName: null });
  expect(new Date(media.expiresAt).getTime() - Date.now()).toBeGreaterThan(14 * 60_000);
  expect(media.url.startsWith(app.url)).toBe(true);
  // Nothing in the link or the request lets the runtime reach Meta itself.
  expect(runtime.calls[0]!.raw).not.toContain(agent.account.tokens.valid);

  const fetched = await get(media.url);
  expect(fetched.status).toBe(200);
  expect(fetched.headers['content-type']).toBe('image/jpeg');
  expect(fetched.headers['content-length']).toBe(String(PHOTO.length));
  expect(fetched.headers['cache-control']).toBe('private, no-store');
  expect(fetched.body.equals(PHOTO)).toBe(true);
});

test('a range request is passed through: 206 with the asked bytes', async () => {
  const fetched = await get(mediaOfCall().url, { range: 'bytes=100-199' });
  expect(fetched.status).toBe(206);
  expect(fetched.headers['content-range']).toBe(`bytes 100-199/${PHOTO.length}`);
  expect(fetched.body.equals(PHOTO.subarray(100, 200))).toBe(true);
});

test('a tampered link is refused with 403', async () => {
  const url = new URL(mediaOfCall().url);
  const sig = url.searchParams.get('sig')!;
  url.searchParams.set('sig', `${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`);
  const tampered = await get(url.toString());
  expect(tampered.status).toBe(403);
  expect(JSON.parse(tampered.body.toString())).toMatchObject({ error: { code: 'FORBIDDEN' } });

  const longer = new URL(mediaOfCall().url);
  longer.searchParams.set('exp', String(Number(longer.searchParams.get('exp')) + 3600));
  expect((await get(longer.toString())).status).toBe(403);
});

test('an expired link is refused with 403', async () => {
  const secret = app.services.config.media.urlSecret;
  const path = signMediaPath({ messageId: image.id, userId: agent.userId }, secret, Math.floor(Date.now() / 1000) - 3600, 900);
  const expired = await get(`${app.url}${path}`);
  expect(expired.status).toBe(403);
  expect(expired.body.toString()).toContain('expired');
});

test('a link to another user\'s message is refused, and an unknown message is 404', async () => {
  const secret = app.services.config.media.urlSecret;
  const now = Math.floor(Date.now() / 1000);
  // Correctly signed, but for a user who does not own this message: it is not theirs to read.
  const other = await get(`${app.url}${signMediaPath({ messageId: image.id, userId: randomUUID() }, secret, now)}`);
  expect(other.status).toBe(404);
  const unknown = await get(`${app.url}${signMediaPath({ messageId: randomUUID(), userId: agent.userId }, secret, now)}`);
  expect(unknown.status).toBe(404);
});

test('a document is served with its file name; the GraphQL message carries the link', async () => {
  const pdf = Buffer.from('%PDF-1.4 a small test file');
  const { id } = sandbox.addMedia(agent.account.phoneNumberId, pdf, 'application/pdf');
  const document = await receiveInbound(app, sandbox, agent, {
    messageType: 'document',
    content: { type: 'document', document: { id, mime_type: 'application/pdf', filename: 'Fatura março.pdf' } },
    enqueue: false,
  });
  const result = await postGraphQL(app.graphqlUrl, AgentMessageMediaDocument, { authorization: agent.token, variables: { agentId: agent.agentId } });
  expect(result.errors).toBeUndefined();
  const nodes = result.data?.agentWhatsApp?.messages?.nodes ?? [];
  const node = nodes.find((n) => n.id === document.id)!;
  expect(node.mediaUrl).toMatch(/\/media\//);
  expect(new Date(node.mediaUrlExpiresAt as string).getTime()).toBeGreaterThan(Date.now());

  const fetched = await get(node.mediaUrl!);
  expect(fetched.status).toBe(200);
  expect(fetched.headers['content-type']).toBe('application/pdf');
  expect(fetched.headers['content-disposition']).toBe(`attachment; filename="Fatura mar_o.pdf"; filename*=UTF-8''${encodeURIComponent('Fatura março.pdf')}`);
  expect(fetched.body.equals(pdf)).toBe(true);
});

test('the file Meta no longer has is 404', async () => {
  const gone = await receiveInbound(app, sandbox, agent, {
    messageType: 'audio',
    content: { type: 'audio', audio: { id: '123456789012345', mime_type: 'audio/ogg', voice: true } },
    enqueue: false,
  });
  const secret = app.services.config.media.urlSecret;
  const fetched = await get(`${app.url}${signMediaPath({ messageId: gone.id, userId: agent.userId }, secret, Math.floor(Date.now() / 1000))}`);
  expect(fetched.status).toBe(404);
});
