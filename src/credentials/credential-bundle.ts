import { CompactEncrypt, compactDecrypt } from 'jose';
import { z } from 'zod';
import { auditWithin, AuditOutcome } from '../audit';
import { PublicError, type ErrorCode } from '../platform/errors';
import type { CommandContext } from './command-context';
import { connectCredential, type CredentialNotice } from './connect-credential';
import { auditedOperation, toCredentialPublicError } from './credential-errors';
import { readCredentialSecrets } from './credential-secrets';
import { WhatsAppCredential } from './whatsapp-credential.entity';

/**
 * Export and import of a user's credentials as one passphrase-encrypted JWE (RFC 7516, compact form):
 * PBES2-HS512+A256KW wraps a random key, A256GCM encrypts and authenticates the content. Any standard
 * JOSE library opens it, secrets never leave in plaintext, and a wrong passphrase or a single altered
 * byte makes the whole bundle unreadable.
 */
const BUNDLE_FORMAT = 'whatsapp-connect/credentials';
const KEY_ALGORITHM = 'PBES2-HS512+A256KW';
const CONTENT_ALGORITHM = 'A256GCM';
/** PBKDF2-SHA512 iterations: above OWASP's 210,000, and the most an import will accept (a DoS bound). */
const PBES2_ITERATIONS = 310_000;
const MAX_BUNDLE_BYTES = 1024 * 1024;
const MIN_PASSPHRASE = 12;

const BundleSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(1),
  exportedAt: z.string(),
  credentials: z
    .array(
      z.object({
        businessAccountId: z.string(),
        phoneNumberId: z.string(),
        accessToken: z.string(),
        appSecret: z.string(),
        alertEmail: z.string().nullable().optional(),
      }),
    )
    .max(500),
});
type Bundle = z.infer<typeof BundleSchema>;

function passphraseKey(passphrase: string): Uint8Array {
  if (passphrase.length < MIN_PASSPHRASE) {
    throw PublicError.badInput('passphrase', `The passphrase must have at least ${MIN_PASSPHRASE} characters.`);
  }
  return new TextEncoder().encode(passphrase);
}

export interface ExportedBundle {
  bundle: string;
  credentialCount: number;
}

export async function exportCredentials(ctx: CommandContext, passphrase: string, ids: string[] | null | undefined): Promise<ExportedBundle> {
  return auditedOperation(ctx, { action: 'credential.export', subjectUserId: ctx.viewer.userId }, async () => {
    const key = passphraseKey(passphrase);
    const credentials = await ctx.em.find(
      WhatsAppCredential,
      { userId: ctx.viewer.userId, ...(ids?.length ? { id: { $in: ids } } : {}) },
      { orderBy: { createdAt: 'asc' } },
    );
    if (ids?.length && credentials.length !== new Set(ids).size) throw PublicError.notFound('Credential');
    const content: Bundle = {
      format: BUNDLE_FORMAT,
      version: 1,
      exportedAt: new Date().toISOString(),
      credentials: [],
    };
    for (const credential of credentials) {
      const secrets = await readCredentialSecrets(ctx.em, ctx.services.keys, credential);
      content.credentials.push({
        businessAccountId: credential.businessAccountId,
        phoneNumberId: credential.phoneNumberId,
        accessToken: secrets.accessToken,
        appSecret: secrets.appSecret,
        alertEmail: credential.alertEmail,
      });
    }
    const bundle = await new CompactEncrypt(new TextEncoder().encode(JSON.stringify(content)))
      .setProtectedHeader({ alg: KEY_ALGORITHM, enc: CONTENT_ALGORITHM, cty: BUNDLE_FORMAT })
      .setKeyManagementParameters({ p2c: PBES2_ITERATIONS })
      .encrypt(key);
    await ctx.em.transactional(async (em) => {
      auditWithin(em, {
        actor: ctx.viewer,
        action: 'credential.export',
        outcome: AuditOutcome.SUCCESS,
        subjectUserId: ctx.viewer.userId,
        requestId: ctx.requestId,
        details: { count: credentials.length, phoneNumberIds: credentials.map((c) => c.phoneNumberId) },
      });
    });
    return { bundle, credentialCount: credentials.length };
  });
}

export interface ImportOutcome {
  phoneNumberId: string;
  credential: WhatsAppCredential | null;
  warnings: CredentialNotice[];
  errorCode: ErrorCode | null;
  errorMessage: string | null;
}

/**
 * Opens a bundle and connects each credential in it as if the user had typed it in: every one is
 * validated with Meta again (a bundle can be old), and one failing does not stop the others.
 */
export async function importCredentials(ctx: CommandContext, bundle: string, passphrase: string): Promise<ImportOutcome[]> {
  const content = await auditedOperation(ctx, { action: 'credential.import', subjectUserId: ctx.viewer.userId }, () => openBundle(bundle, passphrase));
  const outcomes: ImportOutcome[] = [];
  for (const item of content.credentials) {
    try {
      const { credential, warnings } = await connectCredential(ctx, item);
      outcomes.push({ phoneNumberId: item.phoneNumberId, credential, warnings, errorCode: null, errorMessage: null });
    } catch (raw) {
      const err = toCredentialPublicError(raw);
      if (!(err instanceof PublicError)) throw err;
      outcomes.push({ phoneNumberId: item.phoneNumberId.slice(0, 40), credential: null, warnings: [], errorCode: err.code, errorMessage: err.message });
    }
  }
  return outcomes;
}

async function openBundle(bundle: string, passphrase: string): Promise<Bundle> {
  const key = passphraseKey(passphrase);
  if (Buffer.byteLength(bundle) > MAX_BUNDLE_BYTES) throw PublicError.badInput('bundle', 'The bundle is larger than 1 MiB.');
  let plaintext: Uint8Array;
  try {
    ({ plaintext } = await compactDecrypt(bundle.trim(), key, {
      keyManagementAlgorithms: [KEY_ALGORITHM],
      contentEncryptionAlgorithms: [CONTENT_ALGORITHM],
      maxPBES2Count: PBES2_ITERATIONS,
    }));
  } catch {
    // A wrong passphrase and an altered bundle are indistinguishable by design (authenticated encryption).
    throw PublicError.badInput('bundle', 'The bundle cannot be opened: the passphrase is wrong or the bundle was altered.');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(plaintext));
  } catch {
    throw PublicError.badInput('bundle', 'The bundle\'s content is not a credential export.');
  }
  const result = BundleSchema.safeParse(parsed);
  if (!result.success) throw PublicError.badInput('bundle', 'The bundle\'s content is not a credential export of a supported version.');
  return result.data;
}
