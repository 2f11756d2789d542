import { z } from 'zod';

/** Meta's numeric ID of a business phone number: the node we send from, not the phone number itself. */
export const PhoneNumberIdSchema = z.string().regex(/^\d{1,40}$/, 'must be a numeric Graph ID');
