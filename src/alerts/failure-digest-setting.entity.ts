import { OptionalProps } from '@mikro-orm/core';
import { Entity, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';
import { WhatsAppCredential } from '../credentials/whatsapp-credential.entity';

/** Whether a credential's owner gets a daily e-mail summing up its failure alerts. Off unless asked for. */
@ObjectType('WhatsAppFailureDigestSetting', { description: 'Whether one of my phone numbers sends me a daily e-mail summing up its failure alerts.' })
@Entity({ tableName: 'whatsapp_failure_digest_settings' })
export class FailureDigestSetting {
  [OptionalProps]?: 'updatedAt';

  @Field(() => ID, { description: 'The credential (phone number) the setting belongs to.' })
  @ManyToOne(() => WhatsAppCredential, { primary: true, mapToPk: true, deleteRule: 'cascade', fieldName: 'credential_id' })
  credentialId!: string;

  @Property({ type: 'uuid' })
  userId!: string;

  @Field({ description: 'True: a daily e-mail to the credential\'s alert address sums up the failures of the past day (none is sent for a day without failures).' })
  @Property({ type: 'boolean' })
  dailyDigest!: boolean;

  @Field(() => GraphQLISODateTime, { description: 'When the setting last changed.' })
  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}
