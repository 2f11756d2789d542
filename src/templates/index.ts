export { TemplatesResolver } from './templates.resolver';
export { registerTemplateSyncJobs, requestTemplateSync } from './template-sync';
export { WhatsAppTemplate } from './whatsapp-template.entity';
export { isMarketingTemplate, templateRefusal } from './template-send-check';
export { publishTemplateStatusChanges, type TemplateEvents, type TemplateStatusChange } from './template-events';
export { applyTemplateUpdates, type TemplateUpdateRow } from './template-webhooks';
export type { TemplateServices } from './template-services';
export { templateComponentsRow } from './template-components-update';
