import { randomUUID } from 'node:crypto';
import { WhatsAppCredential } from '../../src/credentials';
import type { Sandbox, SandboxAccount } from '../../src/adapters/sandbox';
import { seedAgent, startAgentTestApp } from '../agents/agent-fixtures';
import { ValidateCredentialDocument } from '../generated/graphql';
import { postGraphQL } from '../support/graphql-http';
import type { TestApp } from '../support/start-test-app';

let app: TestApp;
let sandbox: Sandbox;

beforeAll(async () => {
  ({ app, sandbox } = await startAgentTestApp());
});

async function validate(account: SandboxAccount, accessToken = account.tokens.valid) {
  const input = { accessToken, appSecret: account.appSecret, businessAccountId: account.wabaId, phoneNumberId: account.phoneNumberId };
  const result = await postGraphQL(app.graphqlUrl, ValidateCredentialDocument, { variables: { input }, authorization: await app.tokenFor(randomUUID()) });
  expect(result.errors).toBeUndefined();
  return result.data!.validateWhatsAppCredential;
}

const outcomes = (validation: Awaited<ReturnType<typeof validate>>) => Object.fromEntries(validation.checks.map((c) => [c.name, c.outcome]));

test('a good credential passes every check, and nothing is stored', async () => {
  const account = sandbox.createAccount({ verifiedName: 'Acme Shop' });
  const validation = await validate(account);
  expect(validation).toMatchObject({ valid: true, displayName: 'Acme Shop', phoneNumber: account.displayPhoneNumber, warnings: [] });
  expect(outcomes(validation)).toEqual({ NOT_YET_CONNECTED: 'PASSED', ACCESS_TOKEN: 'PASSED', PHONE_NUMBER: 'PASSED', BUSINESS_ACCOUNT: 'PASSED', NUMBER_HEALTH: 'PASSED' });
  expect(await app.orm.em.fork().count(WhatsAppCredential, { phoneNumberId: account.phoneNumberId })).toBe(0);
  expect(JSON.stringify(validation)).not.toContain(account.tokens.valid);
});

test('an expired token fails its check, names the field, and skips the checks that need it', async () => {
  const account = sandbox.createAccount();
  const validation = await validate(account, account.tokens.expired);
  expect(validation.valid).toBe(false);
  expect(validation.checks.find((c) => c.name === 'ACCESS_TOKEN')).toMatchObject({ outcome: 'FAILED', reason: 'TOKEN_EXPIRED', field: 'accessToken' });
  expect(outcomes(validation)).toMatchObject({ NOT_YET_CONNECTED: 'PASSED', PHONE_NUMBER: 'SKIPPED', BUSINESS_ACCOUNT: 'SKIPPED', NUMBER_HEALTH: 'SKIPPED' });
});

test('a token granted another business account fails, naming the business account as the field to fix', async () => {
  const account = sandbox.createAccount();
  const validation = await validate(account, account.tokens.wrongWaba);
  expect(validation.valid).toBe(false);
  expect(validation.checks.find((c) => c.name === 'ACCESS_TOKEN')).toMatchObject({ outcome: 'FAILED', reason: 'WRONG_BUSINESS_ACCOUNT', field: 'businessAccountId' });
});

test('a restricted number is a warning: the credential could still be connected', async () => {
  const account = sandbox.createAccount();
  sandbox.restrictPhone(account.phoneNumberId);
  const validation = await validate(account);
  expect(validation.valid).toBe(true);
  expect(validation.checks.find((c) => c.name === 'NUMBER_HEALTH')).toMatchObject({ outcome: 'WARNING', reason: 'PHONE_NUMBER_RESTRICTED' });
  expect(validation.warnings.map((w) => w.code)).toContain('PHONE_NUMBER_RESTRICTED');
});

test('a number already connected fails NOT_YET_CONNECTED while Meta\'s checks pass', async () => {
  const { account } = await seedAgent(app, sandbox);
  const validation = await validate(account);
  expect(validation.valid).toBe(false);
  expect(outcomes(validation)).toEqual({ NOT_YET_CONNECTED: 'FAILED', ACCESS_TOKEN: 'PASSED', PHONE_NUMBER: 'PASSED', BUSINESS_ACCOUNT: 'PASSED', NUMBER_HEALTH: 'PASSED' });
  expect(validation.checks[0]).toMatchObject({ field: 'phoneNumberId', message: expect.stringContaining('already connected') });
});
