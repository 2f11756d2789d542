import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';
import { WhatsAppCredential } from '../credentials/whatsapp-credential.entity';

/**
 * One language of a message template of the credential's WhatsApp Business Account, as Meta last told
 * us (a sync, or a template webhook). Statuses, categories and formats are kept as Meta spells them: Meta
 * adds values (LIMIT_EXCEEDED, ARCHIVED...) and a new one must not break a sync.
 */
@ObjectType('WhatsAppTemplate', { description: 'One language of a message template of my phone number\'s WhatsApp Business Account.' })
@Entity({ tableName: 'whatsapp_templates' })
@Unique({ name: 'whatsapp_templates_credential_name_language_unique', properties: ['credentialId', 'name', 'language'] })
// Template webhooks name the business account, not the number: every credential of the owner on it is updated.
@Index({ name: 'whatsapp_templates_user_account_idx', properties: ['userId', 'businessAccountId', 'name', 'language'] })
export class WhatsAppTemplate {
  [OptionalProps]?: 'id' | 'metaTemplateId' | 'category' | 'parameterFormat' | 'components' | 'qualityScore' | 'reason' | 'syncedAt' | 'createdAt' | 'updatedAt';

  @Field(() => ID, { description: 'This row\'s id.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** The credential's owner, so webhooks and erasure find the rows without a join. */
  @Property({ type: 'uuid' })
  userId!: string;

  @Field(() => ID, { description: 'The credential (phone number) whose business account holds the template.' })
  @ManyToOne(() => WhatsAppCredential, { mapToPk: true, deleteRule: 'cascade', fieldName: 'credential_id' })
  credentialId!: string;

  @Property({ type: 'text' })
  businessAccountId!: string;

  @Field(() => String, { nullable: true, description: 'Meta\'s id of the template; null until a sync or webhook names it.' })
  @Property({ type: 'text', nullable: true })
  metaTemplateId: string | null = null;

  @Field({ description: 'The template\'s name: lowercase letters, digits and underscores.' })
  @Property({ type: 'text' })
  name!: string;

  @Field({ description: 'The language code of this translation, e.g. en_US or pt_BR; a send must give exactly this code.' })
  @Property({ type: 'text' })
  language!: string;

  @Field({ description: 'Meta\'s review status: APPROVED (the only one that can be sent), PENDING, REJECTED, PAUSED, DISABLED, and others Meta may add.' })
  @Property({ type: 'text' })
  status!: string;

  @Field(() => String, { nullable: true, description: 'MARKETING, UTILITY or AUTHENTICATION, as Meta classified it.' })
  @Property({ type: 'text', nullable: true })
  category: string | null = null;

  @Field({ description: 'POSITIONAL ({{1}}, {{2}}...) or NAMED ({{first_name}}...): how a send must give the parameters.' })
  @Property({ type: 'text', default: 'POSITIONAL' })
  parameterFormat: string = 'POSITIONAL';

  @Field(() => [GraphQLJSONObject], {
    nullable: true,
    description: 'The components (header, body, footer, buttons) exactly as Meta returns them; null until the first sync that saw the template.',
  })
  @Property({ type: 'jsonb', nullable: true })
  components: Array<Record<string, unknown>> | null = null;

  @Field(() => String, { nullable: true, description: 'Meta\'s quality score: GREEN, YELLOW, RED or UNKNOWN.' })
  @Property({ type: 'text', nullable: true })
  qualityScore: string | null = null;

  @Field(() => String, { nullable: true, description: 'Why Meta rejected, paused or disabled it, when Meta said.' })
  @Property({ type: 'text', nullable: true })
  reason: string | null = null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When a sync last read the template from Meta.' })
  @Property({ type: 'timestamptz', nullable: true })
  syncedAt: Date | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field(() => GraphQLISODateTime, { description: 'When this row last changed (a sync or a webhook).' })
  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
