import type { EntityManager } from '@mikro-orm/postgresql';
import type { PublicError } from '../platform/errors';
import { templateNotApproved, templateSendRefusal } from './template-parameters';
import { WhatsAppTemplate } from './whatsapp-template.entity';

/**
 * The stored template's verdict on a template send, read by its unique key (one indexed row). A number
 * whose templates were never synced is not checked: its sends go to Meta as before, which answers with
 * its own error codes.
 */
export async function templateRefusal(
  em: EntityManager,
  credential: { id: string; templatesSyncedAt: Date | null },
  template: { name?: unknown; language?: { code?: unknown }; components?: unknown },
): Promise<PublicError | null> {
  if (!credential.templatesSyncedAt) return null;
  const name = String(template.name);
  const language = String(template.language?.code);
  const stored = await em.findOne(WhatsAppTemplate, { credentialId: credential.id, name, language }, { fields: ['status', 'parameterFormat', 'components'] });
  if (!stored) return templateNotApproved(name, language, null);
  return templateSendRefusal(stored, name, language, template as Parameters<typeof templateSendRefusal>[3]);
}

/**
 * Whether a template send is marketing, by the synced copy's category (one indexed row); false when
 * templates were never synced or the template is unknown here, since only a known category can say so.
 */
export async function isMarketingTemplate(em: EntityManager, credential: { id: string }, template: { name?: unknown; language?: { code?: unknown } }): Promise<boolean> {
  const stored = await em.findOne(WhatsAppTemplate, { credentialId: credential.id, name: String(template.name), language: String(template.language?.code) }, { fields: ['category'] });
  return stored?.category?.toUpperCase() === 'MARKETING';
}
