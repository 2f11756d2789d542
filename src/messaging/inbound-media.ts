import { signMediaPath } from './signed-media-url';

/** The message types whose content is a file at Meta (voice notes are `audio` with `voice: true`). */
const INBOUND_MEDIA_TYPES = new Set(['image', 'audio', 'video', 'document', 'sticker']);

export interface InboundMediaRef {
  /** Meta's media id: usable only with the owner's token. */
  mediaId: string;
  mimeType: string | null;
  /** Documents only: the name the customer's file had. */
  fileName: string | null;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The file of a stored message, or null when it has none. `content` is Meta's whole message object
 * (`{ image: { id, mime_type } }`) as webhook ingestion stores it, or the inner object alone.
 */
export function inboundMediaOf(message: { messageType: string; content: Json }): InboundMediaRef | null {
  if (!INBOUND_MEDIA_TYPES.has(message.messageType)) return null;
  const inner = isObject(message.content[message.messageType]) ? (message.content[message.messageType] as Json) : message.content;
  if (typeof inner.id !== 'string' || inner.id === '') return null;
  return {
    mediaId: inner.id,
    mimeType: typeof inner.mime_type === 'string' ? inner.mime_type : null,
    fileName: message.messageType === 'document' && typeof inner.filename === 'string' ? inner.filename : null,
  };
}

export interface MediaLinkSettings {
  /** The key links are signed with (Config.media.urlSecret). */
  secret: string;
  ttlSeconds: number;
  /** The plugin's public origin, e.g. https://wa.example.com; read when a link is made (known once listening). */
  baseUrl: () => string;
}

export interface MediaLink {
  url: string;
  expiresAt: Date;
}

/** A fresh signed link to an inbound message's file, or null when the message has no file. */
export function mediaLinkFor(
  settings: MediaLinkSettings,
  message: { id: string; userId: string; messageType: string; content: Json },
  now: Date = new Date(),
): MediaLink | null {
  if (!inboundMediaOf(message)) return null;
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const path = signMediaPath({ messageId: message.id, userId: message.userId }, settings.secret, nowSeconds, settings.ttlSeconds);
  return { url: `${settings.baseUrl()}${path}`, expiresAt: new Date((nowSeconds + settings.ttlSeconds) * 1000) };
}

/** The link settings of a running plugin (its configuration and, once it listens, its public base). */
export function mediaLinkSettingsOf(services: {
  config: { media: { urlSecret: string; urlTtlSeconds: number } };
  publicUrls: { mediaBase: string };
}): MediaLinkSettings {
  return { secret: services.config.media.urlSecret, ttlSeconds: services.config.media.urlTtlSeconds, baseUrl: () => services.publicUrls.mediaBase };
}
