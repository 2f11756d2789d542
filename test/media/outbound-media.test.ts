import { randomBytes } from 'node:crypto';
import { request } from 'undici';
import type { Sandbox } from '../../src/adapters/sandbox';
import { CreateWhatsAppMediaUploadDocument, SendWhatsAppMessageDocument, type WhatsAppMediaUploadInput } from '../generated/graphql';
import { receiveInbound, seedAgent, startAgentTestApp, type SeededAgent } from '../agents/agent-fixtures';
import { postGraphQL } from '../support/graphql-http';
import type { TestApp } from '../support/start-test-app';

const CUSTOMER = '5511987654321';
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), randomBytes(60_000)]);

let app: TestApp;
let sandbox: Sandbox;
let agent: SeededAgent;

beforeAll(async () => {
  ({ app, sandbox } = await startAgentTestApp());
  agent = await seedAgent(app, sandbox, { autoReply: false });
  // The customer wrote first, so the 24-hour window is open for free-form media.
  await receiveInbound(app, sandbox, agent, { customerWaId: CUSTOMER, enqueue: false });
});

const uploadOf = (input: Partial<WhatsAppMediaUploadInput>) =>
  postGraphQL(app.graphqlUrl, CreateWhatsAppMediaUploadDocument, {
    authorization: agent.token,
    variables: { input: { agentId: agent.agentId, kind: 'IMAGE', mimeType: 'image/png', sizeBytes: PNG.length, ...input } },
  });

async function put(url: string, body: Buffer, headers: Record<string, string> = {}) {
  const response = await request(url, { method: 'PUT', body, headers: { 'content-type': 'application/octet-stream', ...headers } });
  return { status: response.statusCode, body: (await response.body.json()) as Record<string, unknown> };
}

const send = (key: string, content: Record<string, unknown>) =>
  postGraphQL(app.graphqlUrl, SendWhatsAppMessageDocument, {
    authorization: agent.token,
    variables: { input: { agentId: agent.agentId, to: `+${CUSTOMER}`, idempotencyKey: key, ...content } },
  });

const mediaCalls = () => sandbox.requests().filter((r) => r.method === 'POST' && r.path.endsWith('/media'));

test('an image uploaded through the plugin reaches Meta once and is sent (twice) by its media id', async () => {
  const created = await uploadOf({});
  expect(created.errors).toBeUndefined();
  const upload = created.data!.createWhatsAppMediaUpload;
  expect(upload).toEqual({ uploadUrl: expect.stringContaining(`${app.url}/media-uploads/`), expiresAt: expect.any(String), maxBytes: 5 * 1024 * 1024 });

  const answer = await put(upload.uploadUrl, PNG);
  expect(answer).toEqual({ status: 201, body: { mediaId: expect.stringMatching(/^\d+$/), kind: 'image', mimeType: 'image/png', sizeBytes: PNG.length } });
  const mediaId = answer.body.mediaId as string;
  const stored = sandbox.mediaFile(mediaId)!;
  expect(stored.mimeType).toBe('image/png');
  expect(stored.bytes.equals(PNG)).toBe(true);
  expect(mediaCalls()).toHaveLength(1);
  expect(mediaCalls()[0]!.authorization).toBe('bearer');

  for (const key of ['photo-1', 'photo-2']) {
    const sent = await send(key, { image: { mediaId, caption: 'Your order' } });
    expect(sent.errors).toBeUndefined();
  }
  const images = sandbox.sentMessages(agent.account.phoneNumberId).filter((m) => m.type === 'image');
  expect(images.map((m) => m.body.image)).toEqual([
    { id: mediaId, caption: 'Your order' },
    { id: mediaId, caption: 'Your order' },
  ]);
  expect(mediaCalls()).toHaveLength(1);
});

test('a document by link is sent with its file name', async () => {
  const sent = await send('manual-1', { document: { link: 'https://files.example.com/manual.pdf', filename: 'Manual.pdf' } });
  expect(sent.errors).toBeUndefined();
  const last = sandbox.sentMessages(agent.account.phoneNumberId).at(-1)!;
  expect(last.body.document).toEqual({ link: 'https://files.example.com/manual.pdf', filename: 'Manual.pdf' });
});

test('files WhatsApp would refuse get typed errors before any call to Meta', async () => {
  const before = mediaCalls().length;
  const webp = await uploadOf({ mimeType: 'image/webp' });
  expect(webp.errors?.[0]?.extensions).toMatchObject({ code: 'MEDIA_TYPE_UNSUPPORTED', allowed: ['image/jpeg', 'image/png'] });
  const big = await uploadOf({ kind: 'VIDEO', mimeType: 'video/mp4', sizeBytes: 16 * 1024 * 1024 + 1 });
  expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'MEDIA_TOO_LARGE', maxBytes: 16 * 1024 * 1024 });
  const bothOrNone = await send('bad-1', { image: { link: 'https://files.example.com/a.png', mediaId: '123' } });
  expect(bothOrNone.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  expect(mediaCalls()).toHaveLength(before);
});

test('an upload URL is refused when tampered with or sent other bytes than announced', async () => {
  const { uploadUrl } = (await uploadOf({})).data!.createWhatsAppMediaUpload;
  const token = uploadUrl.slice(uploadUrl.lastIndexOf('/') + 1);
  const [payload, sig] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
  const bigger = Buffer.from(JSON.stringify({ ...claims, sizeBytes: 99 * 1024 * 1024 })).toString('base64url');
  const tampered = await put(uploadUrl.replace(token, `${bigger}.${sig}`), PNG);
  expect(tampered).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });

  const shorter = await put(uploadUrl, PNG.subarray(0, 100));
  expect(shorter).toMatchObject({ status: 400, body: { error: { code: 'BAD_REQUEST' } } });
});
