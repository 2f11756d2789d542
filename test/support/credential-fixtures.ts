import { randomBytes } from 'node:crypto';
import { WhatsAppCredential, writeCredentialSecrets, type CredentialHealthChanged } from '../../src/credentials';
import { CredentialStatus, CredentialStatusReason } from '../../src/credentials/credential-status';
import type { SandboxAccount } from '../../src/adapters/sandbox';
import { newWebhookEndpoint, type WebhookEndpoint } from '../../src/webhooks';
import type { RunningApp } from '../../src/app/app';

/**
 * Stores a credential (secrets encrypted through the app's real key service) and its webhook endpoint
 * directly, for tests of what comes after connecting. The connect mutation itself is tested in
 * test/credentials.
 */
export async function seedCredential(
  app: Pick<RunningApp, 'orm' | 'services' | 'webhookBaseUrl'>,
  userId: string,
  account: SandboxAccount,
  options: { accessToken?: string } = {},
): Promise<{ credential: WhatsAppCredential; endpoint: WebhookEndpoint; verifyToken: string }> {
  const em = app.orm.em.fork();
  const { keys } = app.services;
  await keys.ensureUserKey(userId);
  const credential = em.create(WhatsAppCredential, {
    userId,
    businessAccountId: account.wabaId,
    phoneNumberId: account.phoneNumberId,
    phoneNumber: account.displayPhoneNumber,
    displayName: account.verifiedName,
    accessTokenCiphertext: '',
    appSecretCiphertext: '',
    verifyTokenCiphertext: '',
    accessTokenHint: '',
  });
  const verifyToken = randomBytes(24).toString('base64url');
  await writeCredentialSecrets(keys, credential, {
    accessToken: options.accessToken ?? account.tokens.valid,
    appSecret: account.appSecret,
    verifyToken,
  });
  const endpoint = newWebhookEndpoint(credential, app.webhookBaseUrl);
  em.persist(endpoint);
  await em.flush();
  return { credential, endpoint, verifyToken };
}

/** What the health check publishes when a credential's token expires: for subscription tests. */
export function credentialExpiredEvent(credentialId: string, userId: string): CredentialHealthChanged {
  return {
    credentialId,
    userId,
    previousStatus: CredentialStatus.ACTIVE,
    status: CredentialStatus.EXPIRED,
    reason: CredentialStatusReason.TOKEN_EXPIRED,
    occurredAt: new Date().toISOString(),
  };
}
