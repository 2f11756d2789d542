import { randomBytes } from 'node:crypto';
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
