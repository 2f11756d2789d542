import { z } from 'zod';
import { AccountUpdateSchema } from '../adapters/whatsapp';
import { QualityWarning, type AccountEffect, type AccountUpdateRow } from '../credentials';

type AccountUpdate = z.infer<typeof AccountUpdateSchema>;

/** Restrictions that stop messages from going out (the others limit adding numbers and the like). */
const SENDING_RESTRICTIONS = new Set(['RESTRICTED_BIZ_INITIATED_MESSAGING', 'RESTRICTED_CUSTOMER_INITIATED_MESSAGING']);

/**
 * What an `account_update` means for the owner's credentials on that account (docs/webhooks.md). Meta
 * names a messaging restriction by type and end time; the plugin does not tell business- from
 * customer-initiated sends apart here, so either one blocks every send until Meta lifts it.
 */
export function accountEffectOf(update: AccountUpdate, now: Date = new Date()): AccountEffect {
  switch (update.event) {
    case 'DISABLED_UPDATE': {
      const state = update.ban_info?.waba_ban_state;
      const date = update.ban_info?.waba_ban_date;
      if (state === 'DISABLE') return { kind: 'block', message: 'Meta disabled the WhatsApp Business Account: no message can be sent until Meta reinstates it.' };
      if (state === 'REINSTATE') return { kind: 'lift', message: 'Meta reinstated the WhatsApp Business Account.' };
      if (state === 'SCHEDULE_FOR_DISABLE') {
        return { kind: 'warn', warning: QualityWarning.ACCOUNT_DISABLE_SCHEDULED, message: `Meta will disable the WhatsApp Business Account${date ? ` on ${date}` : ''} unless a review reverses it.` };
      }
      return { kind: 'record' };
    }
    case 'ACCOUNT_RESTRICTION': {
      const active = (update.restriction_info ?? []).filter((r) => SENDING_RESTRICTIONS.has(r.restriction_type) && !expired(r.expiration, now));
      if (active.length === 0) return { kind: 'lift', message: 'Meta no longer restricts messaging on the WhatsApp Business Account.' };
      const until = active.map((r) => untilOf(r.expiration)).filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0];
      return {
        kind: 'block',
        message: `Meta restricted messaging on the WhatsApp Business Account (${active.map((r) => r.restriction_type).join(', ')})${until ? ` until ${until.toISOString()}` : ''}: sends are refused until it lifts the restriction.`,
      };
    }
    case 'ACCOUNT_DELETED':
      return { kind: 'block', message: 'Meta reports the WhatsApp Business Account as deleted.' };
    case 'ACCOUNT_VIOLATION':
      return { kind: 'warn', warning: QualityWarning.ACCOUNT_POLICY_VIOLATION, message: `Meta found a policy violation on the WhatsApp Business Account${update.violation_info?.violation_type ? ` (${update.violation_info.violation_type})` : ''}.` };
    case 'PARTNER_REMOVED':
    case 'ACCOUNT_OFFBOARDED':
      return {
        kind: 'warn',
        warning: QualityWarning.ACCOUNT_DISCONNECTED,
        message: `Meta reports the account ${update.event === 'PARTNER_REMOVED' ? 'disconnected from its partner app' : 'offboarded'}${update.disconnection_info?.reason ? ` (${update.disconnection_info.reason})` : ''}.`,
      };
    default:
      // VERIFIED_ACCOUNT, PARTNER_ADDED, ACCOUNT_RECONNECTED, pricing and partner events: kept in the audit log.
      return { kind: 'record' };
  }
}

/** The audit details worth keeping: Meta's states and types, never free text a person wrote. */
export function accountDetailsOf(update: AccountUpdate): AccountUpdateRow['details'] {
  const details: AccountUpdateRow['details'] = {};
  if (update.ban_info?.waba_ban_state) details.banState = update.ban_info.waba_ban_state;
  if (update.violation_info?.violation_type) details.violationType = update.violation_info.violation_type;
  if (update.restriction_info?.length) details.restrictions = update.restriction_info.map((r) => r.restriction_type).join(',');
  if (update.disconnection_info?.reason) details.disconnectionReason = update.disconnection_info.reason;
  return details;
}

function untilOf(expiration: number | string | undefined): Date | null {
  if (expiration === undefined || !/^\d+$/.test(String(expiration))) return null;
  return new Date(Number(expiration) * 1000);
}

function expired(expiration: number | string | undefined, now: Date): boolean {
  const until = untilOf(expiration);
  return until !== null && until <= now;
}
