import { raw } from '@mikro-orm/postgresql';
import { Arg, Ctx, Directive, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { WhatsAppErrorCode, type ErrorCode } from '../platform/errors';
import { ADMIN_ONLY } from '../platform/graphql/contract-tags';
import { parseId } from '../platform/graphql/ids';
import { decodeTimeIdCursor, PageInfo, pageSize, toPage } from '../platform/graphql/pagination';
import { requireAdmin, requireViewer } from '../platform/graphql/viewer-guards';
import { User } from '../host/user.type';
import { commandContextOf } from './command-context';
import { connectCredential, type CredentialNotice } from './connect-credential';
import { exportCredentials, importCredentials } from './credential-bundle';
import { ownCredential } from './own-credential';
import { CredentialStatus } from './credential-status';
import {
  deleteCredential,
  reinstateCredential,
  revalidateCredential,
  suspendCredential,
  updateCredential,
} from './manage-credential';
import { WhatsAppCredential } from './whatsapp-credential.entity';
import type { GraphQLContext } from '../platform/graphql/context';
import type { CredentialServices } from './credential-services';

function credentialsOf(ctx: GraphQLContext, userId: string): Promise<WhatsAppCredential[]> {
  return ctx.em.find(WhatsAppCredential, { userId }, { orderBy: { createdAt: 'desc', id: 'desc' } });
}

@InputType('WhatsAppConnectCredentialInput', { description: 'Your own Meta credentials for one WhatsApp Business phone number. Secrets are write-only.' })
export class ConnectWhatsAppCredentialInput {
  @Field({ description: 'A system-user access token with whatsapp_business_management and whatsapp_business_messaging.' })
  accessToken!: string;

  @Field({ description: 'The app secret of the token\'s Meta app (App Dashboard → Settings → Basic): webhook signatures are keyed with it.' })
  appSecret!: string;

  @Field({ description: 'The WhatsApp Business Account id.' })
  businessAccountId!: string;

  @Field({ description: 'Meta\'s phone number id (not the phone number).' })
  phoneNumberId!: string;

  @Field(() => String, { nullable: true, description: 'Where status alerts are e-mailed; defaults to the e-mail in your token.' })
  alertEmail?: string | null;
}

@InputType('WhatsAppUpdateCredentialInput', { description: 'Only the fields given change. New secrets are validated with Meta before anything is stored.' })
export class UpdateWhatsAppCredentialInput {
  @Field(() => String, { nullable: true, description: 'A new access token; validated with Meta before it is stored.' })
  accessToken?: string | null;

  @Field(() => String, { nullable: true, description: 'A new app secret; validated with Meta before it is stored.' })
  appSecret?: string | null;

  @Field(() => String, { nullable: true, description: 'An empty string stops alert e-mails.' })
  alertEmail?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Delete this number\'s messages older than this many days (1 to 3650); null keeps every message.',
  })
  messageRetentionDays?: number | null;
}

@ObjectType('WhatsAppCredentialWarning', { description: 'Something the user should know about an accepted credential.' })
export class CredentialWarning {
  @Field({ description: 'TOKEN_EXPIRES, TOKEN_EXPIRES_SOON, PHONE_NUMBER_RESTRICTED, ACCOUNT_RESTRICTED, QUALITY_LOW.' })
  code!: string;

  @Field({ description: 'The warning in words, for the user.' })
  message!: string;
}

@ObjectType({ description: 'A connected or updated credential, with what the owner should know about it.' })
export class WhatsAppCredentialPayload {
  @Field(() => WhatsAppCredential, { description: 'The credential as stored.' })
  credential!: WhatsAppCredential;

  @Field(() => [CredentialWarning], { description: 'Things to act on (an expiring token, a restricted number, ...); empty when none.' })
  warnings!: CredentialNotice[];

  @Field(() => [String], {
    description:
      'The webhook fields the plugin subscribes the credential\'s app to while it configures the webhook in the background (Meta chooses fields per app, not per number); the webhook\'s subscribedFields and fieldsNote say what Meta confirmed.',
  })
  subscribedWebhookFields!: string[];
}

@ObjectType('WhatsAppDeleteCredentialPayload', { description: 'What disconnecting a credential removed.' })
export class DeleteWhatsAppCredentialPayload {
  @Field(() => ID, { description: 'The id of the removed credential.' })
  deletedCredentialId!: string;
}

@ObjectType({ description: 'One page of credentials, newest first.' })
export class WhatsAppCredentialConnection {
  @Field(() => [WhatsAppCredential], { description: 'The credentials of this page.' })
  nodes!: WhatsAppCredential[];

  @Field(() => PageInfo, { description: 'Where the page ends and whether there are older credentials.' })
  pageInfo!: PageInfo;
}

@ObjectType({ description: 'A passphrase-encrypted export (compact JWE, PBES2-HS512+A256KW / A256GCM).' })
export class WhatsAppCredentialBundle {
  @Field({ description: 'Keep it like a password file: with the passphrase it opens every secret inside.' })
  bundle!: string;

  @Field(() => Int, { description: 'How many credentials the bundle holds.' })
  credentialCount!: number;
}

@ObjectType({ description: 'What happened to one credential of an imported bundle.' })
export class WhatsAppCredentialImportResult {
  @Field({ description: 'Meta\'s phone number id of the credential in the bundle.' })
  phoneNumberId!: string;

  @Field(() => WhatsAppCredential, { nullable: true, description: 'The imported credential; null when it was not imported.' })
  credential!: WhatsAppCredential | null;

  @Field(() => [CredentialWarning], { description: 'What to know about the imported credential.' })
  warnings!: CredentialNotice[];

  @Field(() => WhatsAppErrorCode, { nullable: true, description: 'Why this credential was not imported, as in `extensions.code` of an error (CONFLICT, CREDENTIAL_REJECTED, ...).' })
  errorCode!: ErrorCode | null;

  @Field(() => String, { nullable: true, description: 'Why it was not imported, in words.' })
  errorMessage!: string | null;
}

@Resolver(() => WhatsAppCredential)
export class CredentialResolver {
  constructor(private readonly services: CredentialServices) {}

  @Mutation(() => WhatsAppCredentialBundle, {
    description: 'Export my credentials (all, or the ones named), encrypted with a passphrase of at least 12 characters, to move them to another environment.',
  })
  async exportWhatsAppCredentials(
    @Arg('passphrase', { description: 'At least 12 characters; needed again to import the bundle.' }) passphrase: string,
    @Ctx() ctx: GraphQLContext,
    @Arg('credentialIds', () => [ID], { nullable: true, description: 'The credentials to export; all of mine when omitted.' }) credentialIds?: string[] | null,
  ): Promise<WhatsAppCredentialBundle> {
    const ids = credentialIds?.map((id) => parseId(id, 'Credential'));
    return exportCredentials(commandContextOf(ctx, this.services), passphrase, ids);
  }

  @Mutation(() => [WhatsAppCredentialImportResult], {
    description: 'Import a bundle made by exportWhatsAppCredentials. Each credential is validated with Meta again; one failing does not stop the others.',
  })
  async importWhatsAppCredentials(
    @Arg('bundle', { description: 'The `bundle` string that exportWhatsAppCredentials returned.' }) bundle: string,
    @Arg('passphrase', { description: 'The passphrase the bundle was exported with.' }) passphrase: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<WhatsAppCredentialImportResult[]> {
    return importCredentials(commandContextOf(ctx, this.services), bundle, passphrase);
  }

  @Query(() => [WhatsAppCredential], { description: 'My connected WhatsApp credentials, newest first.' })
  async whatsAppCredentials(@Ctx() ctx: GraphQLContext): Promise<WhatsAppCredential[]> {
    const viewer = requireViewer(ctx);
    return credentialsOf(ctx, viewer.userId);
  }

  @Query(() => [WhatsAppCredential], { description: 'Old name of whatsAppCredentials.', deprecationReason: 'Use whatsAppCredentials.' })
  async whatsappCredentials(@Ctx() ctx: GraphQLContext): Promise<WhatsAppCredential[]> {
    return this.whatsAppCredentials(ctx);
  }

  @Query(() => WhatsAppCredential, { description: 'One of my credentials; NOT_FOUND for anyone else\'s.' })
  async whatsAppCredential(
    @Arg('id', () => ID, { description: 'The credential\'s id.' }) id: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<WhatsAppCredential> {
    return ownCredential(ctx, id);
  }

  @Query(() => WhatsAppCredential, { description: 'Old name of whatsAppCredential.', deprecationReason: 'Use whatsAppCredential.' })
  async whatsappCredential(
    @Arg('id', () => ID, { description: 'The credential\'s id.' }) id: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<WhatsAppCredential> {
    return this.whatsAppCredential(id, ctx);
  }

  @Mutation(() => WhatsAppCredentialPayload, {
    description: 'Connect my own WhatsApp Business number. Validated with Meta; nothing is stored when validation fails.',
  })
  async connectWhatsAppCredential(
    @Arg('input', () => ConnectWhatsAppCredentialInput, { description: 'The number\'s ids and your Meta secrets.' }) input: ConnectWhatsAppCredentialInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<WhatsAppCredentialPayload> {
    return connectCredential(commandContextOf(ctx, this.services), input);
  }

  @Mutation(() => WhatsAppCredentialPayload, { description: 'Replace the token or app secret (re-validated), or change the alert address or message retention.' })
  async updateWhatsAppCredential(
    @Arg('id', () => ID, { description: 'The credential to change.' }) id: string,
    @Arg('input', () => UpdateWhatsAppCredentialInput, { description: 'The fields to change; omitted ones keep their value.' }) input: UpdateWhatsAppCredentialInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<WhatsAppCredentialPayload> {
    return updateCredential(commandContextOf(ctx, this.services), id, input);
  }

  @Mutation(() => WhatsAppCredential, { description: 'Check the credential with Meta now and update its status.' })
  async revalidateWhatsAppCredential(@Arg('id', () => ID, { description: 'The credential to check.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<WhatsAppCredential> {
    return revalidateCredential(commandContextOf(ctx, this.services), id);
  }

  @Mutation(() => DeleteWhatsAppCredentialPayload, { description: 'Disconnect: removes the webhook configuration at Meta and the stored secrets.' })
  async deleteWhatsAppCredential(@Arg('id', () => ID, { description: 'The credential to disconnect.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<DeleteWhatsAppCredentialPayload> {
    return { deletedCredentialId: await deleteCredential(commandContextOf(ctx, this.services), id) };
  }

  @Directive(ADMIN_ONLY)
  @Query(() => WhatsAppCredentialConnection, { description: 'Administrators: every credential, newest first. Secrets are never readable.' })
  async adminWhatsAppCredentials(
    @Ctx() ctx: GraphQLContext,
    @Arg('status', () => CredentialStatus, { nullable: true, description: 'Only credentials in this status.' }) status?: CredentialStatus | null,
    @Arg('userId', () => ID, { nullable: true, description: 'Only this user\'s credentials.' }) userId?: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'How many items per page: 20 by default, at most 100.' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the previous page.' }) after?: string | null,
  ): Promise<WhatsAppCredentialConnection> {
    requireAdmin(ctx);
    const size = pageSize(first);
    const cursor = decodeTimeIdCursor(after);
    const rows = await ctx.em.find(
      WhatsAppCredential,
      {
        ...(status ? { status } : {}),
        ...(userId ? { userId: parseId(userId, 'User') } : {}),
        // A row comparison, so the cursor is the start key of a backward scan on (…, created_at, id).
        ...(cursor ? { [raw((alias) => `(${alias}.created_at, ${alias}.id) < (?::timestamptz, ?::uuid)`, [cursor.at, cursor.id])]: [] } : {}),
      },
      { orderBy: { createdAt: 'desc', id: 'desc' }, limit: size + 1 },
    );
    return toPage(rows, size, (c) => [c.createdAt.toISOString(), c.id]);
  }

  @Directive(ADMIN_ONLY)
  @Mutation(() => WhatsAppCredential, { description: 'Administrators: take a credential out of service (no sending, no checks).' })
  async suspendWhatsAppCredential(
    @Arg('id', () => ID, { description: 'The credential to suspend.' }) id: string,
    @Arg('reason', () => String, { description: 'Shown to the owner.' }) reason: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<WhatsAppCredential> {
    requireAdmin(ctx);
    return suspendCredential(commandContextOf(ctx, this.services), id, reason);
  }

  @Directive(ADMIN_ONLY)
  @Mutation(() => WhatsAppCredential, { description: 'Administrators: lift a suspension; the credential is then re-checked with Meta.' })
  async reinstateWhatsAppCredential(@Arg('id', () => ID, { description: 'The suspended credential.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<WhatsAppCredential> {
    requireAdmin(ctx);
    return reinstateCredential(commandContextOf(ctx, this.services), id);
  }
}

@Resolver(() => User)
export class UserCredentialsResolver {
  @FieldResolver(() => [WhatsAppCredential], {
    description: 'The user\'s WhatsApp credentials, newest first (theirs or an admin\'s view); empty when they have none or they are not yours to see.',
  })
  async whatsAppCredentials(@Root() user: User, @Ctx() ctx: GraphQLContext): Promise<WhatsAppCredential[]> {
    const viewer = requireViewer(ctx);
    // Empty, not NOT_FOUND: the host walks to this field from its own User, and an error on it would
    // cost the host its whole user; "none" and "not yours" also stay indistinguishable.
    if (viewer.userId !== user.id && !viewer.isAdmin) return [];
    return credentialsOf(ctx, user.id);
  }

  @FieldResolver(() => [WhatsAppCredential], { description: 'Old name of whatsAppCredentials.', deprecationReason: 'Use whatsAppCredentials.' })
  async whatsappCredentials(@Root() user: User, @Ctx() ctx: GraphQLContext): Promise<WhatsAppCredential[]> {
    return this.whatsAppCredentials(user, ctx);
  }
}
