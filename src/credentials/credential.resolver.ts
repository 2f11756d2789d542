import { raw } from '@mikro-orm/postgresql';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { PublicError } from '../errors';
import { parseId } from '../graphql/ids';
import { decodeTimeIdCursor, PageInfo, pageSize, toPage } from '../graphql/pagination';
import { assertOwnerOrAdmin, requireAdmin, requireViewer } from '../graphql/viewer-guards';
import { User } from '../host/user.type';
import { commandContextOf } from './command-context';
import { connectCredential, type CredentialNotice } from './connect-credential';
import { exportCredentials, importCredentials } from './credential-bundle';
import { CredentialStatus } from './credential-status';
import {
  deleteCredential,
  reinstateCredential,
  revalidateCredential,
  suspendCredential,
  updateCredential,
} from './manage-credential';
import { WhatsAppCredential } from './whatsapp-credential.entity';
import type { CredentialContext } from './credential-services';

function credentialsOf(ctx: CredentialContext, userId: string): Promise<WhatsAppCredential[]> {
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
  @Field(() => String, { nullable: true })
  accessToken?: string | null;

  @Field(() => String, { nullable: true })
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
class CredentialWarning {
  @Field({ description: 'TOKEN_EXPIRES, TOKEN_EXPIRES_SOON, PHONE_NUMBER_RESTRICTED, ACCOUNT_RESTRICTED, QUALITY_LOW.' })
  code!: string;

  @Field()
  message!: string;
}

@ObjectType()
export class WhatsAppCredentialPayload {
  @Field(() => WhatsAppCredential)
  credential!: WhatsAppCredential;

  @Field(() => [CredentialWarning])
  warnings!: CredentialNotice[];
}

@ObjectType('WhatsAppDeleteCredentialPayload')
export class DeleteWhatsAppCredentialPayload {
  @Field(() => ID)
  deletedCredentialId!: string;
}

@ObjectType()
export class WhatsAppCredentialConnection {
  @Field(() => [WhatsAppCredential])
  nodes!: WhatsAppCredential[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType({ description: 'A passphrase-encrypted export (compact JWE, PBES2-HS512+A256KW / A256GCM).' })
export class WhatsAppCredentialBundle {
  @Field({ description: 'Keep it like a password file: with the passphrase it opens every secret inside.' })
  bundle!: string;

  @Field(() => Int)
  credentialCount!: number;
}

@ObjectType({ description: 'What happened to one credential of an imported bundle.' })
export class WhatsAppCredentialImportResult {
  @Field()
  phoneNumberId!: string;

  @Field(() => WhatsAppCredential, { nullable: true })
  credential!: WhatsAppCredential | null;

  @Field(() => [CredentialWarning])
  warnings!: CredentialNotice[];

  @Field(() => String, { nullable: true, description: 'The error code when this credential was not imported (CONFLICT, CREDENTIAL_REJECTED, ...).' })
  errorCode!: string | null;

  @Field(() => String, { nullable: true })
  errorMessage!: string | null;
}

@Resolver(() => WhatsAppCredential)
export class CredentialResolver {
  @Mutation(() => WhatsAppCredentialBundle, {
    description: 'Export my credentials (all, or the ones named), encrypted with a passphrase of at least 12 characters, to move them to another environment.',
  })
  async exportWhatsAppCredentials(
    @Arg('passphrase') passphrase: string,
    @Ctx() ctx: CredentialContext,
    @Arg('credentialIds', () => [ID], { nullable: true }) credentialIds?: string[] | null,
  ): Promise<WhatsAppCredentialBundle> {
    const ids = credentialIds?.map((id) => parseId(id, 'Credential'));
    return exportCredentials(commandContextOf(ctx), passphrase, ids);
  }

  @Mutation(() => [WhatsAppCredentialImportResult], {
    description: 'Import a bundle made by exportWhatsAppCredentials. Each credential is validated with Meta again; one failing does not stop the others.',
  })
  async importWhatsAppCredentials(
    @Arg('bundle') bundle: string,
    @Arg('passphrase') passphrase: string,
    @Ctx() ctx: CredentialContext,
  ): Promise<WhatsAppCredentialImportResult[]> {
    return importCredentials(commandContextOf(ctx), bundle, passphrase);
  }

  @Query(() => [WhatsAppCredential], { description: 'My connected WhatsApp credentials, newest first.' })
  async whatsappCredentials(@Ctx() ctx: CredentialContext): Promise<WhatsAppCredential[]> {
    const viewer = requireViewer(ctx);
    return credentialsOf(ctx, viewer.userId);
  }

  @Query(() => WhatsAppCredential, { description: 'One of my credentials; NOT_FOUND for anyone else\'s.' })
  async whatsappCredential(@Arg('id', () => ID) id: string, @Ctx() ctx: CredentialContext): Promise<WhatsAppCredential> {
    const viewer = requireViewer(ctx);
    const credential = await ctx.em.findOne(WhatsAppCredential, { id: parseId(id, 'Credential') });
    if (!credential) throw PublicError.notFound('Credential');
    assertOwnerOrAdmin(viewer, credential.userId, 'Credential', false);
    return credential;
  }

  @Mutation(() => WhatsAppCredentialPayload, {
    description: 'Connect my own WhatsApp Business number. Validated with Meta; nothing is stored when validation fails.',
  })
  async connectWhatsAppCredential(
    @Arg('input', () => ConnectWhatsAppCredentialInput) input: ConnectWhatsAppCredentialInput,
    @Ctx() ctx: CredentialContext,
  ): Promise<WhatsAppCredentialPayload> {
    return connectCredential(commandContextOf(ctx), input);
  }

  @Mutation(() => WhatsAppCredentialPayload, { description: 'Replace the token or app secret (re-validated), or change the alert address or message retention.' })
  async updateWhatsAppCredential(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateWhatsAppCredentialInput) input: UpdateWhatsAppCredentialInput,
    @Ctx() ctx: CredentialContext,
  ): Promise<WhatsAppCredentialPayload> {
    return updateCredential(commandContextOf(ctx), id, input);
  }

  @Mutation(() => WhatsAppCredential, { description: 'Check the credential with Meta now and update its status.' })
  async revalidateWhatsAppCredential(@Arg('id', () => ID) id: string, @Ctx() ctx: CredentialContext): Promise<WhatsAppCredential> {
    return revalidateCredential(commandContextOf(ctx), id);
  }

  @Mutation(() => DeleteWhatsAppCredentialPayload, { description: 'Disconnect: removes the webhook configuration at Meta and the stored secrets.' })
  async deleteWhatsAppCredential(@Arg('id', () => ID) id: string, @Ctx() ctx: CredentialContext): Promise<DeleteWhatsAppCredentialPayload> {
    return { deletedCredentialId: await deleteCredential(commandContextOf(ctx), id) };
  }

  @Query(() => WhatsAppCredentialConnection, { description: 'Administrators: every credential, newest first. Secrets are never readable.' })
  async adminWhatsAppCredentials(
    @Ctx() ctx: CredentialContext,
    @Arg('status', () => CredentialStatus, { nullable: true }) status?: CredentialStatus | null,
    @Arg('userId', () => ID, { nullable: true }) userId?: string | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
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

  @Mutation(() => WhatsAppCredential, { description: 'Administrators: take a credential out of service (no sending, no checks).' })
  async suspendWhatsAppCredential(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String, { description: 'Shown to the owner.' }) reason: string,
    @Ctx() ctx: CredentialContext,
  ): Promise<WhatsAppCredential> {
    requireAdmin(ctx);
    return suspendCredential(commandContextOf(ctx), id, reason);
  }

  @Mutation(() => WhatsAppCredential, { description: 'Administrators: lift a suspension; the credential is then re-checked with Meta.' })
  async reinstateWhatsAppCredential(@Arg('id', () => ID) id: string, @Ctx() ctx: CredentialContext): Promise<WhatsAppCredential> {
    requireAdmin(ctx);
    return reinstateCredential(commandContextOf(ctx), id);
  }
}

@Resolver(() => User)
export class UserCredentialsResolver {
  @FieldResolver(() => [WhatsAppCredential], {
    description: 'The user\'s WhatsApp credentials, newest first (theirs or an admin\'s view); empty when they have none or they are not yours to see.',
  })
  async whatsappCredentials(@Root() user: User, @Ctx() ctx: CredentialContext): Promise<WhatsAppCredential[]> {
    const viewer = requireViewer(ctx);
    // Empty, not NOT_FOUND: the host walks to this field from its own User, and an error on it would
    // cost the host its whole user; "none" and "not yours" also stay indistinguishable.
    if (viewer.userId !== user.id && !viewer.isAdmin) return [];
    return credentialsOf(ctx, user.id);
  }
}
