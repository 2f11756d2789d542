/**
 * What Meta accepts per outbound media type ("Supported media types" in the Cloud API media docs).
 * Checked before an upload or send, so a file Meta would refuse fails fast with a clear reason
 * instead of an opaque Graph error (131053) after the bytes have been transferred.
 */

export type WhatsAppMediaKind = 'image' | 'document' | 'audio' | 'video' | 'sticker';

const MB = 1024 * 1024;

export const OUTBOUND_MEDIA_LIMITS: Record<WhatsAppMediaKind, { maxBytes: number; mimeTypes: readonly string[] }> = {
  // WebP is only accepted for stickers; Meta refuses it as an image.
  image: { maxBytes: 5 * MB, mimeTypes: ['image/jpeg', 'image/png'] },
  document: {
    maxBytes: 100 * MB,
    mimeTypes: [
      'text/plain',
      'application/pdf',
      'application/msword',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.ms-excel',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/vnd.ms-powerpoint',
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    ],
  },
  audio: { maxBytes: 16 * MB, mimeTypes: ['audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg'] },
  // Meta's own upload error spells it video/3gpp; some SDKs write video/3gp, which Meta refuses.
  video: { maxBytes: 16 * MB, mimeTypes: ['video/mp4', 'video/3gpp'] },
  // 500 KB is the animated-sticker ceiling; static stickers are held to 100 KB, which needs the
  // file parsed to tell apart, so it is left to Meta.
  sticker: { maxBytes: 500 * 1024, mimeTypes: ['image/webp'] },
};

export type OutboundMediaProblem =
  | { problem: 'unsupported_type'; allowed: readonly string[] }
  | { problem: 'too_large'; maxBytes: number };

/** Null when Meta would accept a file of this kind, MIME type and size. */
export function outboundMediaProblem(
  kind: WhatsAppMediaKind,
  mimeType: string,
  sizeBytes: number,
): OutboundMediaProblem | null {
  const limits = OUTBOUND_MEDIA_LIMITS[kind];
  // Parameters such as "; codecs=opus" do not change what Meta checks.
  const bareType = mimeType.split(';')[0]!.trim().toLowerCase();
  if (!limits.mimeTypes.includes(bareType)) return { problem: 'unsupported_type', allowed: limits.mimeTypes };
  if (sizeBytes > limits.maxBytes) return { problem: 'too_large', maxBytes: limits.maxBytes };
  return null;
}
