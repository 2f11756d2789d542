import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';

/**
 * One status webhook for one of a credential's messages, as Meta sent it (errors and pricing included).
 * Meta repeats and reorders statuses, so each (wamid, status) is kept once; the message itself only
 * carries the furthest status reached. A status may arrive before the send that produced its wamid has
 * stored it; it waits here until `applyRecordedStatuses` runs for that message.
 */
@Entity({ tableName: 'whatsapp_message_statuses' })
@Unique({ name: 'whatsapp_message_statuses_unique', properties: ['credentialId', 'whatsappMessageId', 'status'] })
export class MessageStatusEvent {
  [OptionalProps]?: 'id' | 'receivedAt' | 'errorCode' | 'errorTitle';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'uuid' })
  credentialId!: string;

  @Property({ type: 'text' })
  whatsappMessageId!: string;

  /** Meta's value as sent: sent, delivered, read, played, failed, or one added later. */
  @Property({ type: 'text' })
  status!: string;

  /** When Meta says the status happened. */
  @Property({ type: 'timestamptz' })
  timestamp!: Date;

  @Property({ type: 'integer', nullable: true })
  errorCode: number | null = null;

  @Property({ type: 'text', nullable: true })
  errorTitle: string | null = null;

  /** The `statuses[]` element exactly as received. */
  @Property({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Property({ type: 'timestamptz' })
  receivedAt: Date = new Date();
}
