import type { SandboxPhone } from './sandbox-state';

/** Builders of the webhook bodies Meta sends (docs/whatsapp-cloud-api.md §3.3-3.4). */

/**
 * Meta signs and sends an escaped-Unicode serialisation (`\u00e9`, lowercase hex; docs/whatsapp-cloud-api.md
 * §3.2), so a receiver that re-serialises the parsed JSON computes a different HMAC. The simulator sends the
 * same form, which makes that bug visible in tests.
 */
export function serializeLikeMeta(payload: unknown): Buffer {
  const json = JSON.stringify(payload).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return Buffer.from(json, 'utf8');
}

export function messagesEnvelope(phone: SandboxPhone, value: Record<string, unknown>) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: phone.wabaId,
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              // Webhook metadata shows the number as digits only, unlike the phone-number API (§1.2).
              metadata: { display_phone_number: phone.displayPhoneNumber.replace(/\D/g, ''), phone_number_id: phone.id },
              ...value,
            },
          },
        ],
      },
    ],
  };
}

/**
 * Versions before v24.0 still carry a `conversation` object on statuses (docs/whatsapp-cloud-api.md §3.4).
 */
export function carriesConversation(apiVersion: string): boolean {
  const major = Number(/^v(\d+)/.exec(apiVersion)?.[1] ?? 24);
  return major < 24;
}
