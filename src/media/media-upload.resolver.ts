import { Arg, Ctx, Field, GraphQLISODateTime, ID, InputType, Int, Mutation, ObjectType, registerEnumType, Resolver } from 'type-graphql';
import { resolveSender } from '../agents';
import { CredentialStatus } from '../credentials';
import { ErrorCode, PublicError } from '../platform/errors';
import type { GraphQLContext } from '../platform/graphql/context';
import type { MediaServices } from './media-services';
import { requireViewer } from '../platform/graphql/viewer-guards';
import { credentialUnavailableError } from '../messaging';
import { OUTBOUND_MEDIA_LIMITS, outboundMediaProblem, type WhatsAppMediaKind } from '../adapters/whatsapp';
import { signUploadToken } from './upload-token';

export const MEDIA_UPLOAD_PATH_PREFIX = '/media-uploads/';

export enum MediaKind {
  IMAGE = 'image',
  DOCUMENT = 'document',
  AUDIO = 'audio',
  VIDEO = 'video',
}

registerEnumType(MediaKind, {
  name: 'WhatsAppMediaKind',
  description: 'The kind of message a file is sent as; each has its own MIME types and size limit (docs/media.md).',
  valuesConfig: {
    IMAGE: { description: 'JPEG or PNG, at most 5 MB.' },
    DOCUMENT: { description: 'PDF, plain text, Word, Excel or PowerPoint, at most 100 MB.' },
    AUDIO: { description: 'AAC, AMR, MP3, MP4 audio or OGG (Opus), at most 16 MB.' },
    VIDEO: { description: 'MP4 or 3GPP, at most 16 MB.' },
  },
});

@InputType('WhatsAppMediaUploadInput', { description: 'A file about to be uploaded, described so it can be checked against WhatsApp\'s limits first.' })
export class MediaUploadInput {
  @Field(() => ID, { nullable: true, description: 'Upload for this agent\'s phone number. Give this or credentialId.' })
  agentId?: string;

  @Field(() => ID, { nullable: true, description: 'Upload for this credential\'s phone number. Give this or agentId.' })
  credentialId?: string;

  @Field(() => MediaKind, { description: 'The kind of message the file will be sent as.' })
  kind!: MediaKind;

  @Field({ description: 'The file\'s MIME type, e.g. image/jpeg; the upload is sent to WhatsApp with this type.' })
  mimeType!: string;

  @Field(() => Int, { description: 'The file\'s exact size in bytes; the upload must have exactly this many.' })
  sizeBytes!: number;

  @Field(() => String, { nullable: true, description: 'The file name (documents show it to the customer unless the message gives another).' })
  fileName?: string | null;
}

@ObjectType('WhatsAppMediaUpload', { description: 'Where to upload one file: PUT its bytes to uploadUrl before expiresAt; the answer is JSON with its mediaId.' })
export class MediaUpload {
  @Field({ description: 'PUT the file\'s bytes here (no token needed: the URL is the permission). The JSON answer has mediaId, to send the file with.' })
  uploadUrl!: string;

  @Field(() => GraphQLISODateTime, { description: 'The upload URL is refused after this time.' })
  expiresAt!: Date;

  @Field(() => Int, { description: 'The largest file of this kind that is accepted, in bytes.' })
  maxBytes!: number;
}

/** The refusal for a file WhatsApp (or MEDIA_MAX_BYTES) would not take, with the limit that applies. */
function mediaLimitError(kind: WhatsAppMediaKind, mimeType: string, sizeBytes: number, configMaxBytes: number): PublicError | null {
  const problem = outboundMediaProblem(kind, mimeType, sizeBytes);
  if (problem?.problem === 'unsupported_type') {
    return new PublicError(ErrorCode.MediaTypeUnsupported, `WhatsApp does not take ${mimeType} as ${kind}: use ${problem.allowed.join(', ')}.`, {
      field: 'input.mimeType',
      allowed: problem.allowed,
    });
  }
  const maxBytes = Math.min(OUTBOUND_MEDIA_LIMITS[kind].maxBytes, configMaxBytes);
  if (sizeBytes > maxBytes) {
    return new PublicError(ErrorCode.MediaTooLarge, `A ${kind} may have at most ${maxBytes} bytes.`, { field: 'input.sizeBytes', maxBytes });
  }
  return null;
}

@Resolver()
export class MediaUploadResolver {
  constructor(private readonly services: MediaServices) {}

  @Mutation(() => MediaUpload, {
    description:
      'Checks a file against WhatsApp\'s limits for its kind and returns a short-lived URL to PUT it to. The plugin passes the bytes on to WhatsApp with the number\'s token and answers a mediaId, which WhatsAppMediaInput.mediaId then sends (reusable for 30 days).',
  })
  async createWhatsAppMediaUpload(@Arg('input', { description: 'The file to be uploaded: its kind, MIME type, size and the number it will be sent from.' }) input: MediaUploadInput, @Ctx() ctx: GraphQLContext): Promise<MediaUpload> {
    const viewer = requireViewer(ctx);
    const { config } = this.services;
    if (!Number.isSafeInteger(input.sizeBytes) || input.sizeBytes < 1) throw PublicError.badInput('input.sizeBytes', 'The size is a positive number of bytes.');
    const refused = mediaLimitError(input.kind, input.mimeType, input.sizeBytes, config.media.maxBytes);
    if (refused) throw refused;
    const fileName = input.fileName ?? `upload.${input.mimeType.split('/')[1]?.split(';')[0] ?? 'bin'}`;
    if (fileName.length > 240) throw PublicError.badInput('input.fileName', 'At most 240 characters.');
    const sender = await resolveSender(ctx.em, config.platform.defaultSource, viewer.userId, input);
    if (sender.credential.status !== CredentialStatus.ACTIVE) throw credentialUnavailableError(sender.credential.status, sender.credential.statusReason);
    const expiresAt = Math.floor(Date.now() / 1000) + config.media.urlTtlSeconds;
    const token = signUploadToken(
      {
        userId: viewer.userId,
        credentialId: sender.credential.id,
        kind: input.kind,
        mimeType: input.mimeType.split(';')[0]!.trim().toLowerCase(),
        sizeBytes: input.sizeBytes,
        fileName,
        expiresAt,
      },
      config.media.urlSecret,
    );
    return {
      uploadUrl: `${this.services.publicUrls.mediaBase}${MEDIA_UPLOAD_PATH_PREFIX}${token}`,
      expiresAt: new Date(expiresAt * 1000),
      maxBytes: Math.min(OUTBOUND_MEDIA_LIMITS[input.kind].maxBytes, config.media.maxBytes),
    };
  }
}
