import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, GraphQLISODateTime, ObjectType } from 'type-graphql';

/** One earlier version of an inbound message the customer edited (kept in `whatsapp_messages.edits`). */
@ObjectType('WhatsAppMessageEdit', { description: 'An earlier version of a message the customer edited.' })
export class WhatsAppMessageEdit {
  @Field({ description: 'WhatsApp\'s id of the edit that replaced this version.' })
  editWhatsAppMessageId!: string;

  @Field({ description: 'The message type of this version (text, or the media type whose caption changed).' })
  previousType!: string;

  @Field(() => GraphQLJSONObject, { description: 'The message content of this version, as it was stored.' })
  previousContent!: Record<string, unknown>;

  @Field(() => GraphQLISODateTime, { description: 'When the customer made the edit that replaced this version.' })
  editedAt!: Date;
}

/** As the JSON column holds it. */
export interface StoredMessageEdit {
  editWhatsAppMessageId: string;
  previousType: string;
  previousContent: Record<string, unknown>;
  editedAt: string;
}
