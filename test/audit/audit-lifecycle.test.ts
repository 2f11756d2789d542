import { randomBytes, randomUUID } from 'node:crypto';
import { AuditEntry, AuditOutcome, sweepAuditLog } from '../../src/audit';
import { readCredentialSecrets, WhatsAppCredential } from '../../src/credentials';
import { KeyRewrapState, UserKeyRotation } from '../../src/key-rotation';
import { eventually, seedCredentials, startKeyTestApp } from '../key-rotation/key-fixtures';
import { newUserId, startTestApp, type TestApp } from '../support/start-test-app';

const DAY = 86_400_000;

async function insertAudit(app: TestApp, entries: Array<{ subjectUserId: string; occurredAt: Date; action?: string }>): Promise<void> {
  const em = app.orm.em.fork();
  for (const entry of entries) {
    em.create(AuditEntry, {
      actorRole: 'system',
      action: entry.action ?? 'test.event',
      outcome: AuditOutcome.SUCCESS,
      subjectUserId: entry.subjectUserId,
      occurredAt: entry.occurredAt,
    });
  }
  await em.flush();
}

async function exportLines(app: TestApp, query: string, authorization?: string): Promise<{ status: number; type: string | null; lines: Array<Record<string, unknown>> }> {
  const response = await fetch(`${app.url}/admin/audit-log.jsonl${query}`, { headers: authorization ? { authorization } : {} });
  const text = await response.text();
  const lines = response.status === 200 ? text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>) : [];
  return { status: response.status, type: response.headers.get('content-type'), lines };
}

describe('the audit log: admin export and retention', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  test('administrators export JSON lines filtered by user and time, streamed over more than one page; others are refused', async () => {
    const user = randomUUID();
    const other = randomUUID();
    const start = new Date('2026-01-01T00:00:00Z');
    const many = Array.from({ length: 1_203 }, (_, i) => ({ subjectUserId: user, occurredAt: new Date(start.getTime() + i * 60_000) }));
    await insertAudit(app, [...many, { subjectUserId: other, occurredAt: new Date(start.getTime() + 5 * 60_000) }]);
    const admin = await app.tokenFor(randomUUID(), ['admin']);

    const all = await exportLines(app, `?userId=${user}`, admin);
    expect(all.status).toBe(200);
    expect(all.type).toMatch(/^application\/x-ndjson/);
    expect(all.lines).toHaveLength(1_203);
    expect(all.lines.every((line) => line.subjectUserId === user)).toBe(true);
    // Oldest first, ids strictly increasing across page boundaries.
    const ids = all.lines.map((line) => BigInt(String(line.id)));
    expect(ids.every((id, i) => i === 0 || id > ids[i - 1]!)).toBe(true);

    const from = new Date(start.getTime() + 10 * 60_000).toISOString();
    const to = new Date(start.getTime() + 20 * 60_000).toISOString();
    const window = await exportLines(app, `?userId=${user}&from=${from}&to=${to}`, admin);
    expect(window.lines.map((line) => line.occurredAt)).toEqual(Array.from({ length: 10 }, (_, i) => new Date(start.getTime() + (10 + i) * 60_000).toISOString()));
    expect(Object.keys(window.lines[0]!).sort()).toEqual(
      ['action', 'actorRole', 'actorUserId', 'details', 'errorCode', 'id', 'occurredAt', 'outcome', 'requestId', 'subjectUserId', 'targetId', 'targetType'],
    );

    expect((await exportLines(app, '', await app.tokenFor(user))).status).toBe(403);
    expect((await exportLines(app, '')).status).toBe(401);
    expect((await exportLines(app, '?userId=nope', admin)).status).toBe(400);
    expect((await exportLines(app, '?from=yesterday', admin)).status).toBe(400);
  });

  test('the retention sweep deletes only entries past the window, in bounded batches', async () => {
    const user = randomUUID();
    const now = new Date('2027-06-01T00:00:00Z');
    const old = Array.from({ length: 7 }, (_, i) => ({ subjectUserId: user, occurredAt: new Date(now.getTime() - (31 + i) * DAY) }));
    const recent = Array.from({ length: 3 }, (_, i) => ({ subjectUserId: user, occurredAt: new Date(now.getTime() - i * DAY) }));
    await insertAudit(app, [...old, ...recent]);
    const before = await app.orm.em.fork().count(AuditEntry, { occurredAt: { $lt: new Date(now.getTime() - 30 * DAY) } });

    // Two rows a batch, at most three batches: six of the old entries go now, the rest next time.
    expect(await sweepAuditLog(app.orm, { retentionDays: 30, now, batchRows: 2, maxBatches: 3 })).toBe(6);
    expect(await sweepAuditLog(app.orm, { retentionDays: 30, now, batchRows: 2 })).toBe(before - 6);
    expect(await app.orm.em.fork().count(AuditEntry, { subjectUserId: user })).toBe(3);
    expect(await sweepAuditLog(app.orm, { retentionDays: 0, now })).toBe(0);
  });
});

describe('key lifecycle on a schedule', () => {
  test('keys whose latest version reached the maximum age are rotated and rewrapped; younger keys are left alone', async () => {
    const env = await startKeyTestApp('embedded');
    const { app } = env;
    const userId = newUserId();
    const [seeded] = await seedCredentials(env, userId, 1);

    expect((await app.services.keyRotation.runMaintenance(90, new Date(Date.now() + 89 * DAY))).rotated).toBe(0);
    const outcome = await app.services.keyRotation.runMaintenance(90, new Date(Date.now() + 91 * DAY));
    expect(outcome.rotated).toBeGreaterThanOrEqual(1);
    await eventually(async () => {
      const record = await app.orm.em.fork().findOne(UserKeyRotation, userId);
      return record?.state === KeyRewrapState.COMPLETE ? record : undefined;
    }, 'the rewrap after the scheduled rotation');
    expect(await app.services.keys.info(userId)).toEqual({ latestVersion: 2, minDecryptionVersion: 2 });
    const em = app.orm.em.fork();
    expect(await readCredentialSecrets(em, app.services.keys, await em.findOneOrFail(WhatsAppCredential, seeded!.credential.id))).toEqual(seeded!.secrets);
    const audit = await app.orm.em.fork().find(AuditEntry, { subjectUserId: userId, action: 'key.rotate' });
    expect(audit).toEqual([expect.objectContaining({ actorRole: 'system', outcome: 'success' })]);
  });

  test('the embedded keyring\'s master key is replaced without downtime: old wraps still open, then are re-wrapped', async () => {
    const oldKey = randomBytes(32).toString('base64');
    const newKey = randomBytes(32).toString('base64');
    const first = await startKeyTestApp('embedded', { KEYRING_MASTER_KEY: oldKey });
    const userId = newUserId();
    const [seeded] = await seedCredentials(first, userId, 1);
    const databaseUrl = first.app.databaseUrl;
    const read = async (app: TestApp) => {
      const em = app.orm.em.fork();
      return readCredentialSecrets(em, app.services.keys, await em.findOneOrFail(WhatsAppCredential, seeded!.credential.id));
    };
    await first.app.stop();

    // Deployed with the new key and the old one listed as previous: everything still reads.
    const second = await startKeyTestApp('embedded', { KEYRING_MASTER_KEY: newKey, KEYRING_PREVIOUS_MASTER_KEYS: oldKey }, { databaseUrl });
    expect(await read(second.app)).toEqual(seeded!.secrets);
    const { masterKeyRewrapped } = await second.app.services.keyRotation.runMaintenance(0);
    expect(masterKeyRewrapped).toBeGreaterThanOrEqual(1);
    expect((await second.app.services.keyRotation.runMaintenance(0)).masterKeyRewrapped).toBe(0);
    await second.app.stop();

    // The old key can now be dropped from the configuration.
    const third = await startKeyTestApp('embedded', { KEYRING_MASTER_KEY: newKey }, { databaseUrl });
    expect(await read(third.app)).toEqual(seeded!.secrets);
  });
});
