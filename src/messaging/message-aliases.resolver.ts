import { FieldResolver, Resolver, Root } from 'type-graphql';
import { Message } from './message.entity';

/** Old spellings of message fields, kept so that clients written against them keep working. */
@Resolver(() => Message)
export class MessageAliasesResolver {
  @FieldResolver(() => String, {
    name: 'whatsappMessageId',
    nullable: true,
    description: 'Old name of whatsAppMessageId.',
    deprecationReason: 'Use whatsAppMessageId.',
  })
  legacyWhatsappMessageId(@Root() message: Message): string | null {
    return message.whatsappMessageId;
  }
}
