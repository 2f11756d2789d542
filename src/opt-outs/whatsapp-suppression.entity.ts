import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from 'type-graphql';
import { WhatsAppCredential } from '../credentials/whatsapp-credential.entity';

export enum SuppressionSource {
  /** The customer wrote an opt-out keyword (STOP, UNSUBSCRIBE) to the number. */
  KEYWORD = 'keyword',
  /** Meta refused a send with error 131050: the customer stopped marketing messages from this business. */
  META_131050 = 'meta_131050',
  /** The number's owner added it. */
  MANUAL = 'manual',
  /** Meta's `user_preferences` webhook: the customer stopped marketing messages (marketing templates only). */
  META_USER_PREFERENCES = 'meta_user_preferences',
}
registerEnumType(SuppressionSource, {
  name: 'WhatsAppSuppressionSource',
  description: 'How a customer came to be on a number\'s opt-out list.',
  valuesConfig: {
    KEYWORD: { description: 'The customer wrote an opt-out keyword (STOP or UNSUBSCRIBE) to the number.' },
    META_131050: { description: 'WhatsApp refused a send with error 131050: the customer stopped marketing messages from this business.' },
    MANUAL: { description: 'The number\'s owner added the customer.' },
    META_USER_PREFERENCES: { description: 'The customer stopped marketing messages in WhatsApp (Meta\'s user_preferences webhook): only marketing templates are refused, until they resume.' },
  },
});

/**
 * A customer this credential's number must not write to. Checked before every send, so a refusal costs no
 * Graph call; removed when the customer writes START or the owner removes it.
 */
@ObjectType('WhatsAppSuppression', { description: 'A customer who opted out of messages from one of my phone numbers: sends to them are refused.' })
@Entity({ tableName: 'whatsapp_suppressions' })
@Unique({ name: 'whatsapp_suppressions_credential_customer_unique', properties: ['credentialId', 'customerWaId'] })
@Index({ name: 'whatsapp_suppressions_user_idx', properties: ['userId'] })
export class WhatsAppSuppression {
  [OptionalProps]?: 'id' | 'reason' | 'createdAt' | 'marketingOnly';

  @Field(() => ID, { description: 'This entry\'s id.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** The credential's owner, so erasure and listing find the rows without a join. */
  @Property({ type: 'uuid' })
  userId!: string;

  /** Deleting the credential (or erasing its owner) deletes its list with it. */
  @Field(() => ID, { description: 'The credential (phone number) the customer opted out of.' })
  @ManyToOne(() => WhatsAppCredential, { mapToPk: true, deleteRule: 'cascade', fieldName: 'credential_id' })
  credentialId!: string;

  @Field({ description: 'The customer\'s WhatsApp id: digits with country code, or a business-scoped user id.' })
  @Property({ type: 'text' })
  customerWaId!: string;

  @Field(() => String, { nullable: true, description: 'Why, in words: the owner\'s note, or what the customer or WhatsApp said.' })
  @Property({ type: 'text', nullable: true })
  reason: string | null = null;

  @Field(() => SuppressionSource, { description: 'How the entry was made.' })
  @Enum({ items: () => SuppressionSource })
  source!: SuppressionSource;

  @Field({ description: 'Only marketing templates are refused (the customer stopped marketing messages at WhatsApp); other sends go out.' })
  @Property({ type: 'boolean', default: false })
  marketingOnly: boolean = false;

  @Field(() => GraphQLISODateTime, { description: 'When the customer was added.' })
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
