import { Client } from 'pg';
import { checkCredentialHealth, sweepCredentialHealth, WhatsAppCredential } from '../../src/credentials';
import { WebhookEndpoint } from '../../src/webhooks';
import type { SandboxAccount } from '../../src/adapters/sandbox';
import {
  AdminAuditLogDocument,
  AdminCredentialsDocument,
  ConnectCredentialDocument,
  CredentialHealthDetailsDocument,
  DeleteCredentialDocument,
  GetCredentialDocument,
  MyAuditLogDocument,
  ReinstateCredentialDocument,
  RevalidateCredentialDocument,
  SuspendCredentialDocument,
  UpdateCredentialDocument,
  type AdminCredentialsQuery,
  type WhatsAppConnectCredentialInput,
} from '../generated/graphql';
import { eventually } from '../support/eventually';
import { postGraphQL } from '../support/graphql-http';
import { startSmtpSink } from '../support/smtp-sink';
import { newUserId, startTestApp, type TestApp } from '../support/start-test-app';
import { connectSubscriptions, firstEvent } from '../support/subscription-client';

let app: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;

beforeAll(async () => {
  smtp = await startSmtpSink();
  app = await startTestApp({ SANDBOX: 'true', SMTP_URL: smtp.url, EXPIRY_WARNING_DAYS: '7' });
});

function sandbox() {
  return app.sandbox!;
}

function inputFor(account: SandboxAccount, overrides: Partial<WhatsAppConnectCredentialInput> = {}): WhatsAppConnectCredentialInput {
  return {
    accessToken: account.tokens.valid,
    appSecret: account.appSecret,
    businessAccountId: account.wabaId,
    phoneNumberId: account.phoneNumberId,
    ...overrides,
  };
}

async function connect(userId: string, input: WhatsAppConnectCredentialInput, email?: string) {
  return postGraphQL(app.graphqlUrl, ConnectCredentialDocument, { variables: { input }, authorization: await app.tokenFor(userId, [], email) });
}

async function connected(userId: string, account = sandbox().createAccount(), email?: string) {
  const response = await connect(userId, inputFor(account), email);
  expect(response.errors).toBeUndefined();
  return { account, credential: response.data!.connectWhatsAppCredential.credential };
}

async function credentialCount(): Promise<number> {
  return app.orm.em.fork().count(WhatsAppCredential, {});
}

describe('connecting a credential', () => {
  it('validates with Meta, stores secrets only encrypted, and never returns them', async () => {
    const userId = newUserId();
    const account = sandbox().createAccount({ verifiedName: 'Acme Shop' });
    const response = await connect(userId, inputFor(account), 'owner@example.com');

    expect(response.errors).toBeUndefined();
    const { credential, warnings } = response.data!.connectWhatsAppCredential;
    expect(credential).toMatchObject({
      userId,
      phoneNumberId: account.phoneNumberId,
      phoneNumber: account.displayPhoneNumber,
      displayName: 'Acme Shop',
      status: 'ACTIVE',
      statusReason: 'NONE',
      warning: null,
      accessTokenHint: account.tokens.valid.slice(-4),
      tokenExpiresAt: null,
      alertEmail: 'owner@example.com',
    });
    expect(credential.tokenScopes).toEqual(expect.arrayContaining(['whatsapp_business_management', 'whatsapp_business_messaging']));
    expect(warnings).toEqual([]);
    const text = JSON.stringify(response);
    expect(text).not.toContain(account.tokens.valid);
    expect(text).not.toContain(account.appSecret);

    // At rest: ciphertext only, in every column.
    const db = new Client({ connectionString: app.databaseUrl });
    await db.connect();
    const { rows } = await db.query('select * from whatsapp_connect.whatsapp_credentials where id = $1', [credential.id]);
    await db.end();
    const row = JSON.stringify(rows[0]);
    expect(row).not.toContain(account.tokens.valid);
    expect(row).not.toContain(account.appSecret);
    expect(rows[0].access_token_ciphertext).toMatch(/^(vault|wck):v1:/);

    const endpoint = await app.orm.em.fork().findOneOrFail(WebhookEndpoint, { credential: credential.id });
    expect(endpoint.webhookUrl).toBe(`${app.webhookBaseUrl}/${endpoint.endpointKey}`);
    expect(endpoint.webhookUrl).not.toContain(account.phoneNumberId);
  });

  it('accepts an expiring token with a warning that shows its expiry date', async () => {
    const account = sandbox().createAccount({ expiringTokenDays: 5 });
    const response = await connect(newUserId(), inputFor(account, { accessToken: account.tokens.expiring }));
    expect(response.errors).toBeUndefined();
    const { credential, warnings } = response.data!.connectWhatsAppCredential;
    expect(credential.tokenExpiresAt).not.toBeNull();
    expect(credential.statusReason).toBe('TOKEN_EXPIRING');
    expect(credential.status).toBe('ACTIVE');
    expect(credential.warning).toContain(credential.tokenExpiresAt!.slice(0, 10));
    expect(warnings).toEqual([{ code: 'TOKEN_EXPIRES_SOON', message: expect.stringContaining(credential.tokenExpiresAt!.slice(0, 10)) }]);
  });

  it.each([
    ['expired token', (a: SandboxAccount) => ({ accessToken: a.tokens.expired }), 'TOKEN_EXPIRED', 'accessToken'],
    ['revoked token', (a: SandboxAccount) => ({ accessToken: a.tokens.revoked }), 'TOKEN_INVALID', 'accessToken'],
    ['token missing a scope', (a: SandboxAccount) => ({ accessToken: a.tokens.missingScope }), 'PERMISSION_MISSING', 'accessToken'],
    ['token for another WABA', (a: SandboxAccount) => ({ accessToken: a.tokens.wrongWaba }), 'WRONG_BUSINESS_ACCOUNT', 'businessAccountId'],
    ['wrong app secret', () => ({ appSecret: 'ab'.repeat(16) }), 'APP_SECRET_INVALID', 'appSecret'],
    ['unknown token', () => ({ accessToken: `EAAG${'x'.repeat(120)}` }), 'TOKEN_INVALID', 'accessToken'],
  ])('rejects a %s with a typed error and stores nothing', async (_name, override, reason, field) => {
    const account = sandbox().createAccount();
    const input = inputFor(account, override(account));
    const before = await credentialCount();
    const response = await connect(newUserId(), input);
    expect(response.data).toBeNull();
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'CREDENTIAL_REJECTED', reason, field });
    expect(JSON.stringify(response)).not.toContain(input.accessToken);
    expect(JSON.stringify(response)).not.toContain(input.appSecret);
    expect(await credentialCount()).toBe(before);
  });

  it('rejects a phone number that is not in the business account', async () => {
    const account = sandbox().createAccount();
    const other = sandbox().createAccount();
    const response = await connect(newUserId(), inputFor(account, { phoneNumberId: other.phoneNumberId }));
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'CREDENTIAL_REJECTED', field: 'phoneNumberId' });
  });

  it.each([
    [{ accessToken: 'short' }, 'accessToken'],
    [{ accessToken: 'has spaces in it and is long enough' }, 'accessToken'],
    [{ appSecret: 'not-hex' }, 'appSecret'],
    [{ businessAccountId: '+1 555 0100' }, 'businessAccountId'],
    [{ phoneNumberId: 'abc' }, 'phoneNumberId'],
    [{ alertEmail: 'nobody' }, 'alertEmail'],
  ])('answers malformed input %j with BAD_USER_INPUT before calling Meta', async (override, field) => {
    const account = sandbox().createAccount();
    sandbox().clearRequests();
    const response = await connect(newUserId(), inputFor(account, override));
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(sandbox().requests()).toHaveLength(0);
  });

  it('answers DEPENDENCY_UNAVAILABLE when Meta is down, and stores nothing', async () => {
    const account = sandbox().createAccount();
    const before = await credentialCount();
    sandbox().setDown(true);
    try {
      const response = await connect(newUserId(), inputFor(account));
      expect(response.errors?.[0]?.extensions?.code).toBe('DEPENDENCY_UNAVAILABLE');
    } finally {
      sandbox().setDown(false);
    }
    expect(await credentialCount()).toBe(before);
  });

  it('lets a phone number belong to one credential only', async () => {
    const { account } = await connected(newUserId());
    const again = await connect(newUserId(), inputFor(account));
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'phoneNumberId' });
    const concurrent = sandbox().createAccount();
    const results = await Promise.all([connect(newUserId(), inputFor(concurrent)), connect(newUserId(), inputFor(concurrent))]);
    expect(results.filter((r) => r.errors === undefined)).toHaveLength(1);
    expect(results.find((r) => r.errors)?.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });
});

describe('updating, revalidating and deleting', () => {
  it('re-validates a new token before storing it, and keeps the old one when it fails', async () => {
    const userId = newUserId();
    const { account, credential } = await connected(userId);
    const authorization = await app.tokenFor(userId);

    const bad = await postGraphQL(app.graphqlUrl, UpdateCredentialDocument, {
      variables: { id: credential.id, input: { accessToken: account.tokens.revoked } },
      authorization,
    });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'CREDENTIAL_REJECTED', reason: 'TOKEN_INVALID' });

    const good = await postGraphQL(app.graphqlUrl, UpdateCredentialDocument, {
      variables: { id: credential.id, input: { accessToken: account.tokens.expiring, alertEmail: 'ops@example.com' } },
      authorization,
    });
    expect(good.errors).toBeUndefined();
    expect(good.data!.updateWhatsAppCredential.credential).toMatchObject({
      accessTokenHint: account.tokens.expiring.slice(-4),
      alertEmail: 'ops@example.com',
    });
    expect(good.data!.updateWhatsAppCredential.credential.tokenExpiresAt).not.toBeNull();
  });

  it('sets and clears the message retention without touching the secrets, and refuses a bad number of days', async () => {
    const userId = newUserId();
    const { credential } = await connected(userId);
    expect(credential.messageRetentionDays).toBeNull();
    const authorization = await app.tokenFor(userId);
    const update = (input: { messageRetentionDays?: number | null; alertEmail?: string }) =>
      postGraphQL(app.graphqlUrl, UpdateCredentialDocument, { variables: { id: credential.id, input }, authorization });

    const set = await update({ messageRetentionDays: 90 });
    expect(set.errors).toBeUndefined();
    expect(set.data!.updateWhatsAppCredential.credential).toMatchObject({ messageRetentionDays: 90, accessTokenHint: credential.accessTokenHint });
    // Absent leaves it as it is; null keeps every message again.
    expect((await update({ alertEmail: 'ops@example.com' })).data!.updateWhatsAppCredential.credential.messageRetentionDays).toBe(90);
    expect((await update({ messageRetentionDays: null })).data!.updateWhatsAppCredential.credential.messageRetentionDays).toBeNull();
    for (const days of [0, -1, 3651]) {
      expect((await update({ messageRetentionDays: days })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'messageRetentionDays' });
    }
  });

  it('turns a revoked token into INVALID / TOKEN_INVALID with a live alert and an e-mail', async () => {
    const userId = newUserId();
    const { account, credential } = await connected(userId, sandbox().createAccount(), 'alerts@example.com');
    const authorization = await app.tokenFor(userId);
    const { client } = connectSubscriptions(app.subscriptionsUrl, authorization);
    const { event, ready } = firstEvent(client, CredentialHealthDetailsDocument);
    await ready;

    sandbox().revokeToken(account.tokens.valid);
    const response = await postGraphQL(app.graphqlUrl, RevalidateCredentialDocument, { variables: { id: credential.id }, authorization });
    expect(response.data!.revalidateWhatsAppCredential).toMatchObject({ status: 'INVALID', statusReason: 'TOKEN_INVALID' });
    expect(response.data!.revalidateWhatsAppCredential.warning).toBeTruthy();

    await expect(event).resolves.toEqual({
      whatsAppCredentialHealthChanged: {
        credentialId: credential.id,
        previousStatus: 'ACTIVE',
        status: 'INVALID',
        reason: 'TOKEN_INVALID',
        credential: expect.objectContaining({ status: 'INVALID' }),
      },
    });
    const mail = await smtp.nextTo('alerts@example.com');
    expect(mail.to).toBe('alerts@example.com');
    expect(mail.body).toContain(credential.phoneNumber);
    expect(mail.body).not.toContain(account.tokens.valid.slice(-4) + '\n');
    expect(mail.body).not.toContain(account.appSecret);

    // No change, no second alert: revalidating again leaves the audit with one status change.
    await postGraphQL(app.graphqlUrl, RevalidateCredentialDocument, { variables: { id: credential.id }, authorization });
    const audit = await postGraphQL(app.graphqlUrl, MyAuditLogDocument, { variables: { targetId: credential.id }, authorization });
    expect(audit.data!.myWhatsAppAuditLog.nodes.filter((e) => e.action === 'credential.status_changed')).toHaveLength(1);
  });

  it('keeps "Meta unreachable" apart from a bad credential', async () => {
    const userId = newUserId();
    const { credential } = await connected(userId);
    const authorization = await app.tokenFor(userId);
    sandbox().setDown(true);
    try {
      const response = await postGraphQL(app.graphqlUrl, RevalidateCredentialDocument, { variables: { id: credential.id }, authorization });
      expect(response.errors?.[0]?.extensions?.code).toBe('DEPENDENCY_UNAVAILABLE');
      const options = { actor: 'system' as const, whenUnreachable: 'count' as const };
      await checkCredentialHealth(app.services, credential.id, options);
      await checkCredentialHealth(app.services, credential.id, options);
      const third = await checkCredentialHealth(app.services, credential.id, options);
      expect(third).toMatchObject({ status: 'active', statusReason: 'meta_unreachable', consecutiveFailures: 3 });
    } finally {
      sandbox().setDown(false);
    }
    const recovered = await checkCredentialHealth(app.services, credential.id, { actor: 'system', whenUnreachable: 'count' });
    expect(recovered).toMatchObject({ status: 'active', statusReason: 'none', consecutiveFailures: 0 });
  });

  it('does not mark a credential revoked for a token its owner replaced while Meta was being asked', async () => {
    const userId = newUserId();
    const { account, credential } = await connected(userId);
    // The check has read the old token and waits on its next request to Meta.
    const held = sandbox().holdNext({ method: 'GET', pathIncludes: `${account.wabaId}/phone_numbers` });
    const checking = checkCredentialHealth(app.services, credential.id, { actor: 'system', whenUnreachable: 'count' });
    await held.arrived;
    const replaced = await postGraphQL(app.graphqlUrl, UpdateCredentialDocument, {
      variables: { id: credential.id, input: { accessToken: account.tokens.expiring } },
      authorization: await app.tokenFor(userId),
    });
    expect(replaced.errors).toBeUndefined();
    // The owner replaced it because it leaked: Meta now refuses the old one.
    sandbox().revokeToken(account.tokens.valid);
    held.release();
    const checked = await checking;
    expect(checked).toMatchObject({ status: 'active', statusReason: 'token_expiring' });
    // The stale answer asked for a fresh check, which reads the new token.
    const fresh = await eventually(
      () => app.orm.em.fork().findOneOrFail(WhatsAppCredential, { id: credential.id }),
      (row) => row.healthCheckedAt! > checked!.healthCheckedAt!,
      20_000,
      'the fresh check',
    );
    expect(fresh).toMatchObject({ status: 'active', statusReason: 'token_expiring' });
  });

  it('marks a restricted number SUSPENDED / PHONE_NUMBER_RESTRICTED', async () => {
    const userId = newUserId();
    const { account, credential } = await connected(userId);
    sandbox().restrictPhone(account.phoneNumberId);
    const checked = await checkCredentialHealth(app.services, credential.id, { actor: 'system', whenUnreachable: 'count' });
    expect(checked).toMatchObject({ status: 'suspended', statusReason: 'phone_number_restricted' });
  });

  it('checks credentials on schedule through the job queue', async () => {
    const userId = newUserId();
    const { account, credential } = await connected(userId);
    const { client } = connectSubscriptions(app.subscriptionsUrl, await app.tokenFor(userId));
    const { event, ready } = firstEvent(client, CredentialHealthDetailsDocument);
    await ready;
    sandbox().revokeToken(account.tokens.valid, 458);
    // Two intervals from now every credential is due; no spread, so the check starts at once.
    const queued = await sweepCredentialHealth(app.services, { now: new Date(Date.now() + 2 * 60 * 60_000), spreadSeconds: 0 });
    expect(queued).toBeGreaterThanOrEqual(1);
    await expect(event).resolves.toMatchObject({ whatsAppCredentialHealthChanged: { credentialId: credential.id, status: 'INVALID' } });
  });

  it('deletes a credential with its endpoint and audits it', async () => {
    const userId = newUserId();
    const { credential } = await connected(userId);
    const authorization = await app.tokenFor(userId);
    const response = await postGraphQL(app.graphqlUrl, DeleteCredentialDocument, { variables: { id: credential.id }, authorization });
    expect(response.data).toEqual({ deleteWhatsAppCredential: { deletedCredentialId: credential.id } });
    const em = app.orm.em.fork();
    expect(await em.count(WhatsAppCredential, { id: credential.id })).toBe(0);
    expect(await em.count(WebhookEndpoint, { credential: credential.id })).toBe(0);
    const audit = await postGraphQL(app.graphqlUrl, MyAuditLogDocument, { variables: { targetId: credential.id }, authorization });
    // The webhook's configuration and its teardown at Meta are audited too, between the two.
    // (the configuration job may still be running when the credential goes: its entries may come later).
    const actions = audit.data!.myWhatsAppAuditLog.nodes.map((e) => [e.action, e.outcome]).filter(([action]) => action!.startsWith('credential.'));
    expect(actions).toEqual([
      ['credential.delete', 'SUCCESS'],
      ['credential.connect', 'SUCCESS'],
    ]);
  });
});

describe('administrators', () => {
  it('list and suspend any credential but never see a secret; owners cannot', async () => {
    const owner = newUserId();
    const { account, credential } = await connected(owner);
    const admin = await app.tokenFor(newUserId(), ['admin']);
    const ownerAuth = await app.tokenFor(owner);

    const forbidden = await postGraphQL(app.graphqlUrl, SuspendCredentialDocument, { variables: { id: credential.id, reason: 'x' }, authorization: ownerAuth });
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const notAdminList = await postGraphQL(app.graphqlUrl, AdminCredentialsDocument, { variables: {}, authorization: ownerAuth });
    expect(notAdminList.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const listed = await postGraphQL(app.graphqlUrl, AdminCredentialsDocument, { variables: { userId: owner }, authorization: admin });
    expect(listed.data!.adminWhatsAppCredentials.nodes.map((c) => c.id)).toEqual([credential.id]);

    const suspended = await postGraphQL(app.graphqlUrl, SuspendCredentialDocument, {
      variables: { id: credential.id, reason: 'Spam reports' },
      authorization: admin,
    });
    expect(suspended.data!.suspendWhatsAppCredential).toMatchObject({ status: 'SUSPENDED', statusReason: 'SUSPENDED_BY_ADMIN' });
    expect(suspended.data!.suspendWhatsAppCredential.warning).toContain('Spam reports');
    expect(JSON.stringify(listed) + JSON.stringify(suspended)).not.toContain(account.tokens.valid);

    // Checks do not lift an administrator's suspension; reinstating does.
    const checked = await checkCredentialHealth(app.services, credential.id, { actor: 'system', whenUnreachable: 'count' });
    expect(checked?.statusReason).toBe('suspended_by_admin');
    const reinstated = await postGraphQL(app.graphqlUrl, ReinstateCredentialDocument, { variables: { id: credential.id }, authorization: admin });
    expect(reinstated.data!.reinstateWhatsAppCredential).toMatchObject({ status: 'ACTIVE', statusReason: 'NONE' });
  });

  it('page through the credentials of everyone', async () => {
    const admin = await app.tokenFor(newUserId(), ['admin']);
    await connected(newUserId());
    await connected(newUserId());
    const seen = new Set<string>();
    let after: string | null = null;
    for (let pages = 0; pages < 50; pages++) {
      const page: Awaited<ReturnType<typeof postGraphQL<AdminCredentialsQuery>>> = await postGraphQL(app.graphqlUrl, AdminCredentialsDocument, {
        variables: { first: 2, after },
        authorization: admin,
      });
      const connection = page.data!.adminWhatsAppCredentials;
      for (const node of connection.nodes) {
        expect(seen.has(node.id)).toBe(false);
        seen.add(node.id);
      }
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor ?? null;
    }
    expect(seen.size).toBe(await credentialCount());
    const badCursor = await postGraphQL(app.graphqlUrl, AdminCredentialsDocument, { variables: { after: 'nope' }, authorization: admin });
    expect(badCursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

describe('audit log', () => {
  it('records every operation, for the owner and for admins, with pagination and no secrets', async () => {
    const owner = newUserId();
    const account = sandbox().createAccount();
    await connect(owner, inputFor(account, { accessToken: account.tokens.expired }));
    const { credential } = await connected(owner, account);
    const ownerAuth = await app.tokenFor(owner);

    const first = await postGraphQL(app.graphqlUrl, MyAuditLogDocument, { variables: { first: 1 }, authorization: ownerAuth });
    expect(first.data!.myWhatsAppAuditLog.nodes).toHaveLength(1);
    expect(first.data!.myWhatsAppAuditLog.pageInfo.hasNextPage).toBe(true);
    const rest = await postGraphQL(app.graphqlUrl, MyAuditLogDocument, {
      variables: { first: 10, after: first.data!.myWhatsAppAuditLog.pageInfo.endCursor },
      authorization: ownerAuth,
    });
    const entries = [...first.data!.myWhatsAppAuditLog.nodes, ...rest.data!.myWhatsAppAuditLog.nodes];
    expect(entries.map((e) => [e.action, e.outcome, e.errorCode])).toEqual([
      ['credential.connect', 'SUCCESS', null],
      ['credential.connect', 'REJECTED', 'CREDENTIAL_REJECTED'],
    ]);
    expect(entries[0]).toMatchObject({ actorUserId: owner, actorRole: 'user', targetId: credential.id, requestId: expect.any(String) });
    expect(JSON.stringify(entries)).not.toContain(account.tokens.expired);
    expect(JSON.stringify(entries)).not.toContain(account.tokens.valid);

    const stranger = await postGraphQL(app.graphqlUrl, MyAuditLogDocument, { variables: {}, authorization: await app.tokenFor(newUserId()) });
    expect(stranger.data!.myWhatsAppAuditLog.nodes).toEqual([]);
    const admin = await postGraphQL(app.graphqlUrl, AdminAuditLogDocument, {
      variables: { userId: owner, action: 'credential.connect' },
      authorization: await app.tokenFor(newUserId(), ['admin']),
    });
    expect(admin.data!.adminWhatsAppAuditLog.nodes).toHaveLength(2);
  });
});

describe('tenant isolation', () => {
  it('answers every operation on another user\'s credential with NOT_FOUND and reveals nothing', async () => {
    const { account, credential } = await connected(newUserId());
    const intruder = await app.tokenFor(newUserId());
    const id = credential.id;
    const attempts = [
      postGraphQL(app.graphqlUrl, GetCredentialDocument, { variables: { id }, authorization: intruder }),
      postGraphQL(app.graphqlUrl, UpdateCredentialDocument, { variables: { id, input: { accessToken: account.tokens.valid } }, authorization: intruder }),
      postGraphQL(app.graphqlUrl, RevalidateCredentialDocument, { variables: { id }, authorization: intruder }),
      postGraphQL(app.graphqlUrl, DeleteCredentialDocument, { variables: { id }, authorization: intruder }),
      postGraphQL(app.graphqlUrl, MyAuditLogDocument, { variables: { targetId: id }, authorization: intruder }),
    ];
    const [get, update, revalidate, remove, audit] = await Promise.all(attempts);
    for (const response of [get, update, revalidate, remove]) {
      expect(response.errors).toHaveLength(1);
      expect(response.errors![0]).toMatchObject({ message: 'Credential not found.', extensions: { code: 'NOT_FOUND' } });
      expect(JSON.stringify(response)).not.toContain(credential.phoneNumber);
    }
    // The intruder sees only their own refused attempts, nothing of the owner's records.
    const seen = (audit.data as { myWhatsAppAuditLog: { nodes: Array<{ action: string; outcome: string; subjectUserId: string }> } }).myWhatsAppAuditLog.nodes;
    expect(seen.every((e) => e.outcome === 'REJECTED' && e.subjectUserId !== credential.userId)).toBe(true);
    expect(JSON.stringify(seen)).not.toContain(credential.phoneNumberId);
    const unknown = await postGraphQL(app.graphqlUrl, GetCredentialDocument, { variables: { id: newUserId() }, authorization: intruder });
    expect(unknown.errors![0]).toEqual(get.errors![0]);
    // The credential is untouched.
    expect(await app.orm.em.fork().count(WhatsAppCredential, { id, accessTokenHint: credential.accessTokenHint })).toBe(1);
  });
});

