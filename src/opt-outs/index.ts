export { consentChangeOf, type ConsentChange } from './opt-out-keywords';
export { applyConsentChanges, suppressAfterMetaRefusal, type ConsentChangeRow } from './suppression-store';
export { SuppressionSource, WhatsAppSuppression } from './whatsapp-suppression.entity';
export { SuppressionResolver } from './suppressions.resolver';
