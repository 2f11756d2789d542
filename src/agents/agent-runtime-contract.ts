import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { AgentRuntimeReplySchema, type AgentRuntimeReply } from './agent-runtime-reply';

/**
 * The contract between this plugin and the host's agent runtime (documented in docs/agents.md, "Agent
 * runtime contract"). The plugin POSTs one request per inbound message and sends the reply it gets back.
 */

export const CONTRACT_VERSION = 1;
export const TIMESTAMP_HEADER = 'x-whatsapp-connect-timestamp';
export const SIGNATURE_HEADER = 'x-whatsapp-connect-signature';
export const ATTEMPT_HEADER = 'x-whatsapp-connect-attempt';
export const IDEMPOTENCY_HEADER = 'idempotency-key';

interface RuntimeHistoryEntry {
  direction: 'inbound' | 'outbound';
  type: string;
  text: string | null;
  timestamp: string;
}

export interface AgentRuntimeRequest {
  version: typeof CONTRACT_VERSION;
  type: 'whatsapp.inbound_message';
  /** The inbound message's id: the same on every attempt for that message. */
  idempotencyKey: string;
  attempt: number;
  agent: { id: string; userId: string };
  conversation: {
    id: string;
    customer: { waId: string; name: string | null };
    firstContact: boolean;
  };
  message: {
    id: string;
    wamid: string | null;
    type: string;
    /** The text a person would read: the body, a caption, or the title of a tapped button; null otherwise. */
    text: string | null;
    /** The message's content as stored (Meta's object for its type). */
    content: Record<string, unknown>;
    timestamp: string;
    /**
     * Present on image, audio (voice notes too), video, document and sticker messages: a signed link the
     * runtime can GET (no token needed) until `expiresAt`, served by the plugin (docs/media.md).
     */
    media?: { url: string; expiresAt: string; mimeType: string | null; fileName: string | null };
  };
  /** Up to 20 earlier messages of the conversation, oldest first. */
  history: RuntimeHistoryEntry[];
  /**
   * Present when replies of the runtime to messages in `history` were not sent: the inbound message each
   * answered and why it was refused (a limit of Meta's, a template mismatch, an opted-out customer).
   */
  refusedReplies?: Array<{ messageId: string; reason: string }>;
}

/**
 * The customer edited or deleted (for everyone) a message the runtime was sent earlier. A notice: the
 * plugin sends no reply to it, so the runtime answers 2xx (or 204) and may act on it, e.g. by
 * forgetting a revoked message. Signed and retried like the inbound request.
 */
export interface AgentRuntimeMessageChange {
  version: typeof CONTRACT_VERSION;
  type: 'whatsapp.message_edited' | 'whatsapp.message_revoked';
  /** `<message id>:edited:<edit wamid>` or `<message id>:revoked`: the same on every attempt. */
  idempotencyKey: string;
  attempt: number;
  agent: { id: string; userId: string };
  conversation: { id: string; customer: { waId: string; name: string | null } };
  message: {
    /** The id the runtime saw in the message's `whatsapp.inbound_message` request. */
    id: string;
    wamid: string | null;
    /** After an edit: the new type and text; after a revoke: the type it had, and a null text. */
    type: string;
    text: string | null;
    content: Record<string, unknown>;
    /** After an edit: the text before it (null when it had none). */
    previousText?: string | null;
    /** When the customer edited or revoked it. */
    changedAt: string;
  };
}

/** `reply: null` (or a 204) means "nothing to say"; the kinds of reply are in agent-runtime-reply.ts. */
export const AgentRuntimeResponseSchema = z.object({ reply: AgentRuntimeReplySchema.nullable() });
export type { AgentRuntimeReply };

/** `v1=` + hex HMAC-SHA256(secret, `<timestamp>.<raw body>`): the timestamp is signed so a capture cannot be replayed later. */
export function signAgentRuntimeRequest(secret: string, timestamp: string, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What the host runs on its side; exported so the host (and our tests) can use the reference version. */
export function verifyAgentRuntimeRequest(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  body: string,
  options: { toleranceSeconds?: number; nowSeconds?: number } = {},
): boolean {
  const { timestamp, signature } = headers;
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return false;
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - Number(timestamp)) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signAgentRuntimeRequest(secret, timestamp, body));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
