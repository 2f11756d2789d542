import { Field, GraphQLISODateTime, ObjectType, registerEnumType } from 'type-graphql';
import type { CommandContext } from './command-context';
import { noticesOf, PHONE_NUMBER_TAKEN, type ConnectCredentialCommand, type CredentialNotice } from './connect-credential';
import { toCredentialPublicError } from './credential-errors';
import { checkAccessToken, checkAppSecret, checkGraphId } from './credential-input-rules';
import { CredentialStatusReason } from './credential-status';
import { CredentialWarning } from './credential.resolver';
import { checkToken, CredentialRejectedError, phoneFactsOf, rejectCredentialFailures, restrictionOf, type CredentialFacts } from './inspect-credential';
import { WhatsAppCredential } from './whatsapp-credential.entity';

export enum CredentialCheckName {
  NOT_YET_CONNECTED = 'NOT_YET_CONNECTED',
  ACCESS_TOKEN = 'ACCESS_TOKEN',
  PHONE_NUMBER = 'PHONE_NUMBER',
  BUSINESS_ACCOUNT = 'BUSINESS_ACCOUNT',
  NUMBER_HEALTH = 'NUMBER_HEALTH',
}
registerEnumType(CredentialCheckName, {
  name: 'WhatsAppCredentialCheckName',
  description: 'One of the checks connecting a credential makes, in the order they run.',
  valuesConfig: {
    NOT_YET_CONNECTED: { description: 'The phone number is not connected already (by anyone).' },
    ACCESS_TOKEN: { description: 'Meta accepts the token with this app secret; it has not expired and has both WhatsApp permissions on the business account.' },
    PHONE_NUMBER: { description: 'Meta knows the phone number id and the token may read it.' },
    BUSINESS_ACCOUNT: { description: 'The phone number belongs to the WhatsApp Business Account.' },
    NUMBER_HEALTH: { description: 'Meta lets the number send messages (a restriction is a warning: the credential can still be connected).' },
  },
});

export enum CredentialCheckOutcome {
  PASSED = 'PASSED',
  WARNING = 'WARNING',
  FAILED = 'FAILED',
  SKIPPED = 'SKIPPED',
}
registerEnumType(CredentialCheckOutcome, {
  name: 'WhatsAppCredentialCheckOutcome',
  description: 'How one check ended.',
  valuesConfig: {
    PASSED: { description: 'Nothing to fix.' },
    WARNING: { description: 'Passed, with something the owner should know (see message).' },
    FAILED: { description: 'Connecting would be refused for this; the message says what to fix and field where.' },
    SKIPPED: { description: 'Not run, because a check it depends on failed.' },
  },
});

@ObjectType('WhatsAppCredentialCheck', { description: 'The result of one check of a credential with Meta.' })
export class CredentialCheck {
  @Field(() => CredentialCheckName, { description: 'Which check.' })
  name!: CredentialCheckName;

  @Field(() => CredentialCheckOutcome, { description: 'How it ended.' })
  outcome!: CredentialCheckOutcome;

  @Field(() => CredentialStatusReason, { nullable: true, description: 'The cause of a failure or warning; null when it passed or was skipped.' })
  reason!: CredentialStatusReason | null;

  @Field(() => String, { nullable: true, description: 'What is wrong and what to do, for the user; null when it passed or was skipped.' })
  message!: string | null;

  @Field(() => String, { nullable: true, description: 'The input field to fix (accessToken, appSecret, businessAccountId or phoneNumberId).' })
  field!: string | null;
}

@ObjectType('WhatsAppCredentialValidation', { description: 'What connecting a credential would find, checked with Meta; nothing was stored.' })
export class CredentialValidation {
  @Field({ description: 'connectWhatsAppCredential would accept the credential now: no check failed.' })
  valid!: boolean;

  @Field(() => [CredentialCheck], { description: 'Every check, in the order they run.' })
  checks!: CredentialCheck[];

  @Field(() => String, { nullable: true, description: 'The phone number as Meta displays it; null when Meta did not tell it.' })
  phoneNumber!: string | null;

  @Field(() => String, { nullable: true, description: 'The business name verified by Meta; null when Meta did not tell it.' })
  displayName!: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the access token expires; null for a token that does not expire, or when unknown.' })
  tokenExpiresAt!: Date | null;

  @Field(() => [CredentialWarning], { description: 'What connecting would warn about (an expiring token, a restricted number, low quality); empty unless valid.' })
  warnings!: CredentialNotice[];
}

type CheckOutcome = Pick<CredentialCheck, 'outcome' | 'reason' | 'message' | 'field'>;
const PASSED: CheckOutcome = { outcome: CredentialCheckOutcome.PASSED, reason: null, message: null, field: null };
const SKIPPED: CheckOutcome = { outcome: CredentialCheckOutcome.SKIPPED, reason: null, message: null, field: null };
const failed = (err: CredentialRejectedError): CheckOutcome => ({ outcome: CredentialCheckOutcome.FAILED, reason: err.reason, message: err.message, field: err.field });

/**
 * The checks of connectCredential, one by one, each reported rather than stopping at the first failure,
 * for a host's connect wizard. It reads from Meta and from our table of connected numbers and writes
 * nothing: no credential, no key, no audit entry. Meta being unreachable is still an error
 * (DEPENDENCY_UNAVAILABLE): "could not check" must never read as "checked and wrong".
 */
export async function validateCredential(ctx: CommandContext, command: ConnectCredentialCommand): Promise<CredentialValidation> {
  const input = {
    accessToken: checkAccessToken(command.accessToken),
    appSecret: checkAppSecret(command.appSecret),
    businessAccountId: checkGraphId('businessAccountId', command.businessAccountId),
    phoneNumberId: checkGraphId('phoneNumberId', command.phoneNumberId),
  };
  const { whatsapp, config } = ctx.services;
  const auth = { accessToken: input.accessToken, appSecret: input.appSecret };
  const checks: CredentialCheck[] = [];
  /** Runs one check; a CredentialRejectedError is its failure, anything else the whole request's error. */
  const run = async <T>(name: CredentialCheckName, check: (() => Promise<T>) | null): Promise<T | undefined> => {
    if (!check) {
      checks.push({ name, ...SKIPPED });
      return undefined;
    }
    try {
      const value = await check();
      checks.push({ name, ...PASSED });
      return value;
    } catch (err) {
      if (!(err instanceof CredentialRejectedError)) throw err;
      checks.push({ name, ...failed(err) });
      return undefined;
    }
  };

  try {
    const taken = (await ctx.em.count(WhatsAppCredential, { phoneNumberId: input.phoneNumberId })) > 0;
    checks.push(
      taken
        ? { name: CredentialCheckName.NOT_YET_CONNECTED, outcome: CredentialCheckOutcome.FAILED, reason: null, message: PHONE_NUMBER_TAKEN, field: 'phoneNumberId' }
        : { name: CredentialCheckName.NOT_YET_CONNECTED, ...PASSED },
    );
    const token = await run(CredentialCheckName.ACCESS_TOKEN, async () =>
      checkToken(await rejectCredentialFailures(whatsapp.debugToken(input.accessToken, input.appSecret), 'accessToken'), input.businessAccountId, new Date()),
    );
    const phone = await run(CredentialCheckName.PHONE_NUMBER, token ? () => rejectCredentialFailures(whatsapp.getPhoneNumber(auth, input.phoneNumberId), 'phoneNumberId') : null);
    await run(
      CredentialCheckName.BUSINESS_ACCOUNT,
      token
        ? async () => {
            const numbers = await rejectCredentialFailures(whatsapp.listPhoneNumbers(auth, input.businessAccountId), 'businessAccountId');
            if (!numbers.data.some((n) => n.id === input.phoneNumberId)) {
              throw new CredentialRejectedError(CredentialStatusReason.PHONE_NUMBER_NOT_FOUND, 'This phone number id is not a number of that WhatsApp Business Account.', 'phoneNumberId');
            }
          }
        : null,
    );
    const health = await run(CredentialCheckName.NUMBER_HEALTH, phone ? () => rejectCredentialFailures(whatsapp.getHealthStatus(auth, input.phoneNumberId), 'phoneNumberId') : null);
    const restriction = health && phone ? restrictionOf(health, phone.status) : null;
    if (restriction) {
      const last = checks[checks.length - 1]!;
      Object.assign(last, { outcome: CredentialCheckOutcome.WARNING, reason: restriction.reason, message: restriction.message });
    }
    const valid = checks.every((c) => c.outcome === CredentialCheckOutcome.PASSED || c.outcome === CredentialCheckOutcome.WARNING);
    const facts: CredentialFacts | null =
      valid && token && phone
        ? { ...phoneFactsOf(phone, input.phoneNumberId), tokenExpiresAt: token.tokenExpiresAt, scopes: token.scopes, restriction }
        : null;
    return {
      valid,
      checks,
      phoneNumber: phone?.display_phone_number ?? null,
      displayName: phone?.verified_name ?? null,
      tokenExpiresAt: token?.tokenExpiresAt ?? null,
      warnings: facts ? noticesOf(facts, config.health.expiryWarningDays) : [],
    };
  } catch (raw) {
    throw toCredentialPublicError(raw);
  }
}
