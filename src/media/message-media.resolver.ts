import { FieldResolver, GraphQLISODateTime, Resolver, Root } from 'type-graphql';
import type { MediaServices } from './media-services';
import { Message } from '../messaging';
import { mediaLinkFor, mediaLinkSettingsOf } from '../messaging';

/** The link to a message's file on `WhatsAppMessage`, made fresh each time the field is read. */
@Resolver(() => Message)
export class MessageMediaResolver {
  constructor(private readonly services: MediaServices) {}

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'For an image, audio (voice notes too), video, document or sticker message: a link that downloads the file through this plugin, without any WhatsApp token, until mediaUrlExpiresAt (15 minutes by default). Anyone holding the link can use it until then: do not share it further. Range requests are supported. Null for messages without a file.',
  })
  mediaUrl(@Root() message: Message): string | null {
    return mediaLinkFor(mediaLinkSettingsOf(this.services), message)?.url ?? null;
  }

  @FieldResolver(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When mediaUrl stops working; read the message again for a fresh link. Null when there is no file.',
  })
  mediaUrlExpiresAt(@Root() message: Message): Date | null {
    return mediaLinkFor(mediaLinkSettingsOf(this.services), message)?.expiresAt ?? null;
  }
}
