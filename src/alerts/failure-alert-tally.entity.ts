import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { WhatsAppCredential } from '../credentials/whatsapp-credential.entity';
import { FailureAlertKind } from './failure-alert-kind';

/**
 * One row per credential and kind of failure: the counts since the last alert event and since the last
 * digest. Every instance adds to it with one set-based upsert, so the window that keeps alerts from
 * storming holds across instances. Written with SQL (failure-alert-store.ts); the entity declares the
 * table for the migrations.
 */
@Entity({ tableName: 'whatsapp_failure_alerts' })
@Index({ name: 'whatsapp_failure_alerts_user_idx', properties: ['userId'] })
export class FailureAlertTally {
  [OptionalProps]?: 'pendingCount' | 'pendingSince' | 'errorCode' | 'reason' | 'lastEventAt' | 'lastEventCount' | 'lastEventSince' | 'digestCount' | 'digestSince' | 'totalCount';

  /** Deleting the credential (or erasing its owner) deletes its tallies. */
  @ManyToOne(() => WhatsAppCredential, { primary: true, mapToPk: true, deleteRule: 'cascade', fieldName: 'credential_id' })
  credentialId!: string;

  @Enum({ items: () => FailureAlertKind, primary: true })
  kind!: FailureAlertKind;

  @Property({ type: 'uuid' })
  userId!: string;

  /** Failures since the last event, waiting for the window to end. */
  @Property({ type: 'integer' })
  pendingCount = 0;

  @Property({ type: 'timestamptz', nullable: true })
  pendingSince: Date | null = null;

  @Property({ type: 'timestamptz' })
  lastSeenAt!: Date;

  /** The latest example: Meta's error code (or the dead letter's reason code), and its reason in words. */
  @Property({ type: 'text', nullable: true })
  errorCode: string | null = null;

  @Property({ type: 'text', nullable: true })
  reason: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  lastEventAt: Date | null = null;

  /** What the last event carried. */
  @Property({ type: 'integer' })
  lastEventCount = 0;

  @Property({ type: 'timestamptz', nullable: true })
  lastEventSince: Date | null = null;

  /** Failures since the last daily digest. */
  @Property({ type: 'integer' })
  digestCount = 0;

  @Property({ type: 'timestamptz', nullable: true })
  digestSince: Date | null = null;

  @Property({ type: 'integer' })
  totalCount = 0;
}
