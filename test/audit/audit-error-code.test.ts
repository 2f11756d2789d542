import { randomUUID } from 'node:crypto';
import { AuditEntry, AuditOutcome } from '../../src/audit';
import { AdminAuditLogDocument } from '../generated/graphql';
import { postGraphQL } from '../support/graphql-http';
import { startTestApp, type TestApp } from '../support/start-test-app';

describe('an audit entry\'s error code in the schema', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  test('is the WhatsAppErrorCode enum; a recorded value outside it reads as null, kept as recordedErrorCode', async () => {
    const userId = randomUUID();
    const em = app.orm.em.fork();
    // Oldest first: the log lists newest first.
    for (const [action, errorCode] of [
      ['test.succeeded', null],
      ['test.refused', 'CREDENTIAL_REJECTED'],
      // What webhook configuration and key rotation record: a step name, an error class.
      ['test.failed_step', 'subscribe_app'],
      ['test.failed_class', 'TypeError'],
    ] as const) {
      em.create(AuditEntry, { actorRole: 'system', action, outcome: errorCode ? AuditOutcome.FAILURE : AuditOutcome.SUCCESS, subjectUserId: userId, errorCode });
    }
    await em.flush();

    const admin = await app.tokenFor(randomUUID(), ['admin']);
    const response = await postGraphQL(app.graphqlUrl, AdminAuditLogDocument, { variables: { userId }, authorization: admin });
    expect(response.errors).toBeUndefined();
    expect(response.data!.adminWhatsAppAuditLog.nodes.map(({ action, errorCode, recordedErrorCode }) => ({ action, errorCode, recordedErrorCode }))).toEqual([
      { action: 'test.failed_class', errorCode: null, recordedErrorCode: 'TypeError' },
      { action: 'test.failed_step', errorCode: null, recordedErrorCode: 'subscribe_app' },
      { action: 'test.refused', errorCode: 'CREDENTIAL_REJECTED', recordedErrorCode: 'CREDENTIAL_REJECTED' },
      { action: 'test.succeeded', errorCode: null, recordedErrorCode: null },
    ]);
  });
});
