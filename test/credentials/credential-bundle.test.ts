import { compactDecrypt, decodeProtectedHeader } from 'jose';
import { readCredentialSecrets, WhatsAppCredential } from '../../src/credentials';
import { createLogger } from '../../src/platform/observability/logger';
import { startSandbox, type Sandbox, type SandboxAccount } from '../../src/adapters/sandbox';
import { ConnectCredentialDocument, ExportCredentialsDocument, ImportCredentialsDocument } from '../generated/graphql';
import { postGraphQL } from '../support/graphql-http';
import { onDispose } from '../support/leftovers';
import { newUserId, startTestApp, type TestApp } from '../support/start-test-app';

const PASSPHRASE = 'correct horse battery staple';
let sandbox: Sandbox;
let source: TestApp;
let target: TestApp;

beforeAll(async () => {
  const running = await startSandbox({ port: 0, apiVersion: 'v24.0', logger: createLogger('silent') });
  onDispose(() => running.close());
  sandbox = running.sandbox;
  // Two environments: separate databases and separate keyrings, one Meta.
  source = await startTestApp({ WHATSAPP_GRAPH_BASE_URL: running.baseUrl });
  target = await startTestApp({ WHATSAPP_GRAPH_BASE_URL: running.baseUrl });
});

async function connectIn(app: TestApp, userId: string, account: SandboxAccount) {
  const response = await postGraphQL(app.graphqlUrl, ConnectCredentialDocument, {
    variables: {
      input: { accessToken: account.tokens.valid, appSecret: account.appSecret, businessAccountId: account.wabaId, phoneNumberId: account.phoneNumberId },
    },
    authorization: await app.tokenFor(userId),
  });
  expect(response.errors).toBeUndefined();
  return response.data!.connectWhatsAppCredential.credential;
}

async function exportFrom(app: TestApp, userId: string, passphrase = PASSPHRASE, credentialIds?: string[]) {
  return postGraphQL(app.graphqlUrl, ExportCredentialsDocument, { variables: { passphrase, credentialIds }, authorization: await app.tokenFor(userId) });
}

async function importInto(app: TestApp, userId: string, bundle: string, passphrase = PASSPHRASE) {
  return postGraphQL(app.graphqlUrl, ImportCredentialsDocument, { variables: { bundle, passphrase }, authorization: await app.tokenFor(userId) });
}

it('moves credentials between environments in a standard passphrase-encrypted JWE', async () => {
  const userId = newUserId();
  const accounts = [sandbox.createAccount(), sandbox.createAccount()];
  for (const account of accounts) await connectIn(source, userId, account);

  const exported = await exportFrom(source, userId);
  expect(exported.errors).toBeUndefined();
  const { bundle, credentialCount } = exported.data!.exportWhatsAppCredentials;
  expect(credentialCount).toBe(2);
  expect(bundle.split('.')).toHaveLength(5);
  expect(decodeProtectedHeader(bundle)).toMatchObject({ alg: 'PBES2-HS512+A256KW', enc: 'A256GCM', p2c: 310_000 });
  for (const account of accounts) {
    expect(bundle).not.toContain(account.tokens.valid);
    expect(Buffer.from(bundle.split('.')[3]!, 'base64url').toString('latin1')).not.toContain(account.appSecret);
  }
  // Any JOSE implementation opens it with the passphrase (jose wants PBES2 and its iteration count allowed).
  const { plaintext } = await compactDecrypt(bundle, new TextEncoder().encode(PASSPHRASE), {
    keyManagementAlgorithms: ['PBES2-HS512+A256KW'],
    maxPBES2Count: 310_000,
  });
  expect(JSON.parse(new TextDecoder().decode(plaintext))).toMatchObject({ format: 'whatsapp-connect/credentials', version: 1 });

  const imported = await importInto(target, userId, bundle);
  expect(imported.errors).toBeUndefined();
  const results = imported.data!.importWhatsAppCredentials;
  expect(results.map((r) => [r.phoneNumberId, r.errorCode])).toEqual(accounts.map((a) => [a.phoneNumberId, null]));
  const em = target.orm.em.fork();
  for (const [i, account] of accounts.entries()) {
    const credential = await em.findOneOrFail(WhatsAppCredential, { id: results[i]!.credential!.id });
    expect(credential.userId).toBe(userId);
    const secrets = await readCredentialSecrets(em, target.services.keys, credential);
    expect(secrets).toMatchObject({ accessToken: account.tokens.valid, appSecret: account.appSecret });
  }

  // Importing again where they already are: each one is a CONFLICT, nothing else happens.
  const again = await importInto(target, userId, bundle);
  expect(again.data!.importWhatsAppCredentials.map((r) => r.errorCode)).toEqual(['CONFLICT', 'CONFLICT']);
});

it('refuses a wrong passphrase and a tampered bundle alike, and stores nothing', async () => {
  const userId = newUserId();
  await connectIn(source, userId, sandbox.createAccount());
  const { bundle } = (await exportFrom(source, userId)).data!.exportWhatsAppCredentials;
  const before = await target.orm.em.fork().count(WhatsAppCredential, {});

  const wrong = await importInto(target, userId, bundle, 'not the right passphrase');
  expect(wrong.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'bundle' });

  const parts = bundle.split('.');
  const ciphertext = Buffer.from(parts[3]!, 'base64url');
  ciphertext[0] = ciphertext[0]! ^ 1;
  parts[3] = ciphertext.toString('base64url');
  const tampered = await importInto(target, userId, parts.join('.'));
  expect(tampered.errors?.[0]).toEqual(wrong.errors?.[0] && { ...wrong.errors[0], path: tampered.errors?.[0]?.path });

  const garbage = await importInto(target, userId, 'not-a-jwe');
  expect(garbage.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'bundle' });
  expect(await target.orm.em.fork().count(WhatsAppCredential, {})).toBe(before);
});

it('asks for a real passphrase and exports only the caller\'s own credentials', async () => {
  const owner = newUserId();
  const credential = await connectIn(source, owner, sandbox.createAccount());
  const short = await exportFrom(source, owner, 'short');
  expect(short.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'passphrase' });
  const intruder = await exportFrom(source, newUserId(), PASSPHRASE, [credential.id]);
  expect(intruder.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
});
