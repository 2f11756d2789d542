import { PublicError } from '../platform/errors';

/** A week: a longer silence is a disabled agent, which `enabled` says more plainly. */
const MAX_PAUSE_MINUTES = 7 * 24 * 60;

/** The pause after the owner writes from the WhatsApp Business app, checked as the API takes it. */
export function ownerReplyPauseOf(minutes: number, field: string): number {
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > MAX_PAUSE_MINUTES) {
    throw PublicError.badInput(field, `Give a whole number of minutes from 0 to ${MAX_PAUSE_MINUTES}.`);
  }
  return minutes;
}
