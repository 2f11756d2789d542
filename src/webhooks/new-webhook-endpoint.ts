import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { QueueName, type JobQueue } from '../platform/jobs';
import type { WhatsAppCredential } from '../credentials/whatsapp-credential.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';

/**
 * A credential's endpoint, with a 192-bit random path segment: the URL reveals nothing (no phone
 * number, no database id) and cannot be guessed, so probing endpoints is pointless.
 */
export function newWebhookEndpoint(credential: WhatsAppCredential, webhookBaseUrl: string): WebhookEndpoint {
  const endpoint = new WebhookEndpoint();
  endpoint.userId = credential.userId;
  endpoint.credential = credential;
  endpoint.phoneNumberId = credential.phoneNumberId;
  endpoint.endpointKey = randomBytes(24).toString('base64url');
  endpoint.webhookUrl = `${webhookBaseUrl.replace(/\/+$/, '')}/${endpoint.endpointKey}`;
  return endpoint;
}

/**
 * Creates the endpoint of a newly connected credential and enqueues Meta's configuration in the connect
 * transaction, so a committed credential always gets its webhook configured (and a rolled-back one never).
 */
export async function provisionWebhookEndpoint(
  em: EntityManager,
  jobs: JobQueue,
  credential: WhatsAppCredential,
  webhookBaseUrl: string,
): Promise<WebhookEndpoint> {
  const endpoint = newWebhookEndpoint(credential, webhookBaseUrl);
  em.persist(endpoint);
  await em.flush();
  await jobs.send(QueueName.WebhookConfigure, { credentialId: credential.id }, { em, singletonKey: credential.id });
  return endpoint;
}
