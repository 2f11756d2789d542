/**
 * Meta's customer-service window (docs/whatsapp-cloud-api.md §6.1): free-form messages only within 24 h of
 * the last inbound one.
 */
export const CUSTOMER_SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface ServiceWindow {
  open: boolean;
  /** When the open window closes (or closed); null when the customer never wrote. */
  closesAt: Date | null;
}

export function serviceWindowOf(lastInboundAt: Date | null, now: Date = new Date()): ServiceWindow {
  if (!lastInboundAt) return { open: false, closesAt: null };
  const closesAt = new Date(lastInboundAt.getTime() + CUSTOMER_SERVICE_WINDOW_MS);
  return { open: closesAt.getTime() > now.getTime(), closesAt };
}
