import { z } from 'zod';

/**
 * A WhatsApp message ID (`wamid.…`). Kept opaque and only checked for non-emptiness: it is the dedupe key for
 * inbound messages and statuses (docs/whatsapp-cloud-api.md §4), so rejecting an unexpected format would drop
 * messages.
 */
export const WamidSchema = z.string().min(1).max(512);
