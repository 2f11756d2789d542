export { assertDistinctKeywords, consentChangeOf, normalizeKeywords } from './opt-out-keywords';
export { applyConsentChanges, suppressAfterMetaRefusal, type ConsentChangeRow } from './suppression-store';
export { WhatsAppSuppression } from './whatsapp-suppression.entity';
export { SuppressionResolver } from './suppressions.resolver';
export { applyMarketingPreferences, type MarketingPreferenceRow } from './marketing-preferences';
