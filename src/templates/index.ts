export { TemplatesResolver } from './templates.resolver';
export { registerTemplateSyncJobs, requestTemplateSync, syncTemplates } from './template-sync';
export { WhatsAppTemplate } from './whatsapp-template.entity';
