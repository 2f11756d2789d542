import type { TemplateComponentsUpdate } from '../adapters/whatsapp';
import type { TemplateUpdateRow } from './template-webhooks';

/**
 * A template's components rebuilt from `message_template_components_update`, in the shape the sync stores
 * (Meta's API shape), so the parameter check follows the edit at once. The webhook has texts only: a media
 * or location header (sent without a title) and components it does not describe (carousels) are kept from
 * the stored row when applied, and a sync of the account is queued to bring back what it leaves out
 * (examples, a header that became media).
 */
export function templateComponentsRow(
  update: TemplateComponentsUpdate,
): Pick<TemplateUpdateRow, 'metaTemplateId' | 'name' | 'language' | 'components' | 'textHeader'> {
  const components: Array<Record<string, unknown>> = [];
  if (update.message_template_title) components.push({ type: 'HEADER', format: 'TEXT', text: update.message_template_title });
  components.push({ type: 'BODY', text: update.message_template_element });
  if (update.message_template_footer) components.push({ type: 'FOOTER', text: update.message_template_footer });
  const buttons = update.message_template_buttons ?? [];
  if (buttons.length > 0) {
    components.push({
      type: 'BUTTONS',
      buttons: buttons.map((button) => ({
        type: button.message_template_button_type.toUpperCase(),
        ...(button.message_template_button_text !== undefined ? { text: button.message_template_button_text } : {}),
        ...(button.message_template_button_url !== undefined ? { url: button.message_template_button_url } : {}),
        ...(button.message_template_button_phone_number !== undefined ? { phone_number: button.message_template_button_phone_number } : {}),
      })),
    });
  }
  return {
    metaTemplateId: update.message_template_id ?? null,
    name: update.message_template_name,
    language: update.message_template_language,
    components,
    textHeader: Boolean(update.message_template_title),
  };
}
