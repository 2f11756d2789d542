import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { NOT_THROUGH_GATEWAY, SERVICE_ONLY } from '../platform/graphql/contract-tags';

// Only the erasure mutations return it, and they are kept out of the gateway's API too.
@Directive(SERVICE_ONLY)
@Directive(NOT_THROUGH_GATEWAY)
@ObjectType('WhatsAppUserDataErasure', { description: 'What erasing a user\'s data removed. Counts are zero when there was nothing (left) to remove.' })
export class UserDataErasure {
  @Field(() => ID, { description: 'The host\'s id of the erased user.' })
  userId!: string;

  @Field({ description: 'The user\'s encryption key is destroyed: every copy of their encrypted secrets (dumps, data backups) is unreadable.' })
  keyDestroyed!: boolean;

  @Field(() => Int, { description: 'Credentials removed.' })
  credentials!: number;

  @Field(() => Int, { description: 'Webhook endpoints removed.' })
  webhookEndpoints!: number;

  @Field(() => Int, { description: 'Stored webhook deliveries removed.' })
  webhookDeliveries!: number;

  @Field(() => Int, { description: 'Agent WhatsApp configurations removed.' })
  agentConfigs!: number;

  @Field(() => Int, { description: 'Conversations removed.' })
  conversations!: number;

  @Field(() => Int, { description: 'Messages removed.' })
  messages!: number;

  @Field(() => Int, { description: 'Key rotation records removed.' })
  keyRotationRecords!: number;

  @Field(() => Int, { description: 'Older audit entries about the user whose details were cleared (the entries themselves stay).' })
  auditEntriesScrubbed!: number;

  @Field(() => [String], { description: 'Before-erasure hooks (e.g. removing Meta\'s webhook configuration) that failed; the erasure went ahead.' })
  hooksFailed!: string[];
}
