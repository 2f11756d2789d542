import { WEBHOOK_FIELDS_USED, WhatsAppClientError, type AppSubscription, type WhatsAppClient } from '../adapters/whatsapp';
import type { CredentialSecrets } from '../credentials';

/** What Meta lists for the app after this step, and why some used fields do not reach the endpoint. */
export interface AppFields {
  fields: string[];
  fieldsNote: string | null;
}

/**
 * Subscribes the credential's app to the webhook fields the plugin uses. Meta chooses fields per app
 * (`/<APP_ID>/subscriptions`, docs/whatsapp-cloud-api.md §2.1), with the app's callback URL in the same
 * call, and a WABA receives every field of its app; nothing per WABA or per number narrows that. So:
 * - no app callback yet, or it is this endpoint: the plugin sets it here with the full list (the app's
 *   other fields kept), which also brings the fields Meta never overrides (templates, quality, account);
 * - the callback is another URL: left alone (changing it would take the owner's other integration's
 *   traffic), and the note names the used fields that therefore never arrive here.
 */
export async function subscribeAppFields(whatsapp: WhatsAppClient, appId: string | undefined, secrets: CredentialSecrets, url: string): Promise<AppFields> {
  if (!appId) return { fields: [], fieldsNote: 'Meta did not name the token\'s app, so its webhook fields could not be read or set.' };
  try {
    const before = whatsappBusinessAccount(await whatsapp.listAppSubscriptions(appId, secrets.appSecret));
    const fields = before?.fields.map((field) => field.name) ?? [];
    const missing = WEBHOOK_FIELDS_USED.filter((field) => !fields.includes(field));
    const callback = before?.callback_url;
    if (callback && callback !== url) {
      return { fields, fieldsNote: `The app's callback URL points to ${hostOf(callback)}, not here, so the plugin leaves its webhook fields alone: Meta sends template, quality and account webhooks only there${missing.length ? `, and the app lacks ${missing.join(', ')}` : ''}.` };
    }
    if (callback === url && missing.length === 0) return { fields, fieldsNote: null };
    await whatsapp.setAppSubscription(appId, secrets.appSecret, { callbackUrl: url, verifyToken: secrets.verifyToken, fields: [...new Set([...fields, ...WEBHOOK_FIELDS_USED])] });
    const after = whatsappBusinessAccount(await whatsapp.listAppSubscriptions(appId, secrets.appSecret));
    const confirmed = after?.fields.map((field) => field.name) ?? [];
    const unconfirmed = WEBHOOK_FIELDS_USED.filter((field) => !confirmed.includes(field));
    return { fields: confirmed, fieldsNote: unconfirmed.length ? `Meta does not list ${unconfirmed.join(', ')} for the app after subscribing.` : null };
  } catch (error) {
    if (!(error instanceof WhatsAppClientError)) throw error;
    // The client's message carries Meta's code and text with every secret removed.
    return { fields: [], fieldsNote: `Meta refused reading or setting the app's webhook fields: ${error.message}` };
  }
}

function whatsappBusinessAccount(subscriptions: AppSubscription[]): AppSubscription | undefined {
  return subscriptions.find((subscription) => subscription.object === 'whatsapp_business_account');
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'an unparseable URL';
  }
}
