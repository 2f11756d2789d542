/** How processing ended for one stored delivery (`webhook_deliveries.outcome`). */
export enum DeliveryOutcome {
  /** Every change was handled (duplicates included: they change nothing). */
  PROCESSED = 'processed',
  /** Handled, but some changes were rejected and audited (another number's metadata, malformed content). */
  PROCESSED_WITH_REJECTIONS = 'processed_with_rejections',
  /** Stored while the key service was down, and its signature turned out not to match: nothing applied. */
  SIGNATURE_REJECTED = 'signature_rejected',
  /** Signed, but not a WhatsApp webhook envelope at all: nothing applied. */
  INVALID_PAYLOAD = 'invalid_payload',
  /** The credential (and its endpoint) was deleted before the delivery was processed. */
  ENDPOINT_GONE = 'endpoint_gone',
  /** Processing kept failing; the raw delivery is kept for an operator (see docs/webhooks.md). */
  FAILED = 'failed',
}
