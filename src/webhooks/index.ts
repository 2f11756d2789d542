export { WebhookEndpoint } from './webhook-endpoint.entity';
export { WebhookDelivery } from './webhook-delivery.entity';
export { WebhookStatus, WebhookRouting } from './webhook-status';
export { newWebhookEndpoint, provisionWebhookEndpoint } from './new-webhook-endpoint';
