import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType('WhatsAppUserDataErasure', { description: 'What erasing a user\'s data removed. Counts are zero when there was nothing (left) to remove.' })
export class UserDataErasure {
  @Field(() => ID)
  userId!: string;

  @Field({ description: 'The user\'s encryption key is destroyed: every copy of their encrypted secrets (dumps, data backups) is unreadable.' })
  keyDestroyed!: boolean;

  @Field(() => Int)
  credentials!: number;

  @Field(() => Int)
  webhookEndpoints!: number;

  @Field(() => Int)
  webhookDeliveries!: number;

  @Field(() => Int)
  agentConfigs!: number;

  @Field(() => Int)
  conversations!: number;

  @Field(() => Int)
  messages!: number;

  @Field(() => Int)
  keyRotationRecords!: number;

  @Field(() => Int, { description: 'Older audit entries about the user whose details were cleared (the entries themselves stay).' })
  auditEntriesScrubbed!: number;

  @Field(() => [String], { description: 'Before-erasure hooks (e.g. removing Meta\'s webhook configuration) that failed; the erasure went ahead.' })
  hooksFailed!: string[];
}
