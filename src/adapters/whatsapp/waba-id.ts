import { z } from 'zod';

/**
 * Meta's numeric ID of a WhatsApp Business Account; webhooks carry it as `entry[].id`
 * (docs/whatsapp-cloud-api.md §3.3).
 */
export const WabaIdSchema = z.string().regex(/^\d{1,40}$/, 'must be a numeric Graph ID');
