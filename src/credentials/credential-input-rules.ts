import { PublicError } from '../platform/errors';

// Meta's formats (docs/whatsapp-cloud-api.md §0, §7): tokens are long URL-safe strings (EAA… for system
// users), app secrets 32 hex digits, ids numeric. Checked before calling Meta so a typo gets a precise answer.
const ACCESS_TOKEN = /^[A-Za-z0-9._|-]{20,2048}$/;
const APP_SECRET = /^[A-Fa-f0-9]{32}$/;
const GRAPH_ID = /^\d{5,30}$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,189}\.[^\s@]{2,63}$/;

export function checkAccessToken(value: string): string {
  const token = value.trim();
  if (!ACCESS_TOKEN.test(token)) {
    throw PublicError.badInput('accessToken', 'The access token does not look like a Meta access token (20-2048 URL-safe characters, no spaces).');
  }
  return token;
}

export function checkAppSecret(value: string): string {
  const secret = value.trim();
  if (!APP_SECRET.test(secret)) {
    throw PublicError.badInput('appSecret', 'The app secret must be the 32 hexadecimal characters shown in App Dashboard → Settings → Basic.');
  }
  return secret;
}

export function checkGraphId(field: 'businessAccountId' | 'phoneNumberId', value: string): string {
  const id = value.trim();
  if (!GRAPH_ID.test(id)) {
    const what = field === 'businessAccountId' ? 'WhatsApp Business Account id' : 'phone number id';
    throw PublicError.badInput(field, `The ${what} must be the numeric id shown in WhatsApp Manager (not the phone number itself).`);
  }
  return id;
}

export function checkAlertEmail(value: string | null | undefined): string | null | undefined {
  if (value === undefined || value === null) return value;
  const email = value.trim();
  if (email === '') return null;
  if (email.length > 254 || !EMAIL.test(email)) throw PublicError.badInput('alertEmail', 'The alert e-mail address is not valid.');
  return email;
}

const MAX_MESSAGE_RETENTION_DAYS = 3650;

/** Days of messages to keep: undefined leaves the setting, null keeps every message. */
export function checkMessageRetentionDays(value: number | null | undefined): number | null | undefined {
  if (value === undefined || value === null) return value;
  if (!Number.isInteger(value) || value < 1 || value > MAX_MESSAGE_RETENTION_DAYS) {
    throw PublicError.badInput('messageRetentionDays', `messageRetentionDays must be a whole number of days from 1 to ${MAX_MESSAGE_RETENTION_DAYS}, or null to keep every message.`);
  }
  return value;
}
