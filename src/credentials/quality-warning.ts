import { registerEnumType } from 'type-graphql';
import { isLimitDecrease } from '../adapters/whatsapp';

/** Why a number's owner is warned while the number keeps sending (nothing here disables it). */
export enum QualityWarning {
  QUALITY_RED = 'quality_red',
  NUMBER_FLAGGED = 'number_flagged',
  MESSAGING_LIMIT_DECREASED = 'messaging_limit_decreased',
  /** From `account_update` (see account-webhooks.ts). */
  ACCOUNT_DISABLE_SCHEDULED = 'account_disable_scheduled',
  ACCOUNT_POLICY_VIOLATION = 'account_policy_violation',
  ACCOUNT_DISCONNECTED = 'account_disconnected',
}
registerEnumType(QualityWarning, {
  name: 'WhatsAppQualityWarning',
  description: 'A drop in a phone number\'s quality or limits, or an alert about its business account, that its owner should act on; the number keeps sending.',
  valuesConfig: {
    QUALITY_RED: { description: 'Meta rated the number\'s quality RED (low): customers block or report its messages.' },
    NUMBER_FLAGGED: { description: 'Meta flagged the number for low quality; without improvement its messaging limit is lowered.' },
    MESSAGING_LIMIT_DECREASED: { description: 'Meta lowered the messaging limit: fewer customers can be reached outside a service window per day.' },
    ACCOUNT_DISABLE_SCHEDULED: { description: 'Meta announced it will disable the business account (account_update DISABLED_UPDATE, SCHEDULE_FOR_DISABLE).' },
    ACCOUNT_POLICY_VIOLATION: { description: 'Meta found a policy violation on the business account (account_update ACCOUNT_VIOLATION).' },
    ACCOUNT_DISCONNECTED: { description: 'The business account or number was offboarded or its partner removed (account_update): sending may stop.' },
  },
});

/** What quality facts a credential holds; compared before and after every health check and quality webhook. */
export interface QualityFacts {
  qualityRating: string | null;
  messagingLimit: string | null;
  qualityFlagged: boolean;
}

/**
 * The warning a change of facts deserves, or null: only a change for the worse warns (a number that stays
 * RED is not announced at every check), and the most serious one names the event while its message
 * mentions every drop.
 */
export function qualityWarningOf(before: QualityFacts, after: QualityFacts): { warning: QualityWarning; message: string } | null {
  const drops: Array<[QualityWarning, string]> = [];
  if (after.qualityRating === 'RED' && before.qualityRating !== 'RED') {
    drops.push([QualityWarning.QUALITY_RED, 'Meta rated the number\'s quality RED: customers have been blocking or reporting its messages.']);
  }
  if (after.qualityFlagged && !before.qualityFlagged) {
    drops.push([QualityWarning.NUMBER_FLAGGED, 'Meta flagged the number for low quality; if quality does not improve, its messaging limit will be lowered.']);
  }
  if (isLimitDecrease(before.messagingLimit, after.messagingLimit)) {
    drops.push([QualityWarning.MESSAGING_LIMIT_DECREASED, `Meta lowered the messaging limit from ${before.messagingLimit} to ${after.messagingLimit}.`]);
  }
  if (drops.length === 0) return null;
  return { warning: drops[0]![0], message: `${drops.map(([, text]) => text).join(' ')} The number keeps sending.` };
}
