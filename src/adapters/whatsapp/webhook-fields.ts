/**
 * The webhook fields the plugin acts on (docs/webhooks.md lists what it does with each). Meta chooses
 * fields per app, not per business account (docs/whatsapp-cloud-api.md §2.1): subscribing a WABA sends
 * it every field its app subscribed to, so this list is what the plugin asks of the app.
 */
export const WEBHOOK_FIELDS_USED: readonly string[] = [
  'messages',
  'message_template_status_update',
  'message_template_quality_update',
  'template_category_update',
  'message_template_components_update',
  'phone_number_quality_update',
  'account_update',
  'user_preferences',
  'smb_message_echoes',
  'calls',
];
