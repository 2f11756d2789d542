import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * One POST from Meta exactly as received. It is written before we answer 200 and is the durable inbox
 * that processing works from, so an accepted delivery survives a crash right after the answer.
 */
@Entity({ tableName: 'webhook_deliveries' })
// Only unprocessed rows are indexed, so the index stays small however long processed rows are kept.
@Index({ name: 'webhook_deliveries_pending_idx', properties: ['nextAttemptAt', 'id'], where: { processedAt: null } })
export class WebhookDelivery {
  [OptionalProps]?: 'id' | 'receivedAt' | 'processedAt' | 'attempts' | 'lastError' | 'signatureVerified' | 'outcome' | 'nextAttemptAt';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'uuid' })
  endpointId!: string;

  @Property({ type: 'timestamptz' })
  receivedAt: Date = new Date();

  @Property({ type: 'blob', hidden: true })
  rawBody!: Buffer;

  /** Kept only when the signature could not be checked at receipt (key service down); checked later. */
  @Property({ type: 'text', nullable: true, hidden: true })
  signatureHeader: string | null = null;

  @Property({ type: 'boolean' })
  signatureVerified: boolean = true;

  @Property({ type: 'timestamptz', nullable: true })
  processedAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  outcome: string | null = null;

  @Property({ type: 'integer' })
  attempts: number = 0;

  /** A failed attempt is retried from this time on (backoff). */
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  nextAttemptAt: Date = new Date();

  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;
}
