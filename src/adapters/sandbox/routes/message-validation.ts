import { graphErrors } from '../graph-errors';

/**
 * Validation of `POST /<PHONE_NUMBER_ID>/messages` bodies (docs/whatsapp-cloud-api.md §5), with Graph's
 * codes: 100 for a malformed request, 131008 for a missing value, 131009 for a value out of range.
 */

export type ValidatedMessage =
  | { kind: 'read'; messageId: string }
  | {
      kind: 'send';
      type: string;
      recipientType: 'individual' | 'group';
      /** What the caller put in `to` or `recipient`. */
      input: string;
      /** Digits Meta resolved the number to, for individual phone recipients. */
      waId?: string;
      bsuid?: string;
    };

const MEDIA_TYPES = new Set(['image', 'video', 'audio', 'document', 'sticker']);
const CAPTIONED = new Set(['image', 'video', 'document']);
const TYPES = ['text', 'template', 'image', 'video', 'audio', 'document', 'sticker', 'interactive', 'reaction', 'location', 'contacts'];
const INTERACTIVE_TYPES = new Set(['button', 'list', 'cta_url', 'flow', 'location_request_message', 'product', 'product_list', 'catalog_message']);
const BSUID = /^[A-Z]{2}\.[A-Za-z0-9]{1,128}$/;
const TEMPLATE_NAME = /^[a-z0-9_]{1,512}$/;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const chars = (text: string) => [...text].length;

function requireString(value: unknown, name: string, max?: number, min = 1): string {
  if (typeof value !== 'string' || chars(value) < min) throw graphErrors.requiredParameterMissing(`Param ${name} is required.`);
  if (max !== undefined && chars(value) > max) {
    throw graphErrors.parameterValueInvalid(`Param ${name} must be at most ${max} characters long.`);
  }
  return value;
}

function requireObject(value: unknown, name: string): Json {
  if (!isObject(value)) throw graphErrors.requiredParameterMissing(`Param ${name} is required.`);
  return value;
}

/**
 * Meta resolves `to` like this (docs/whatsapp-cloud-api.md §8): separators are dropped, and without a leading
 * `+` the business number's country code is prefixed, even when the digits already start with one.
 */
function resolveWaId(to: string, businessCountryCode: string): string {
  const digits = to.replace(/[\s\-().]/g, '');
  const plus = digits.startsWith('+');
  const bare = plus ? digits.slice(1) : digits;
  if (!/^\d{6,15}$/.test(bare)) throw graphErrors.invalidParameter('Param to is not a valid phone number.');
  return plus ? bare : `${businessCountryCode}${bare}`;
}

function validateMedia(type: string, media: Json): void {
  const hasId = typeof media.id === 'string' && media.id.length > 0;
  const hasLink = typeof media.link === 'string' && media.link.length > 0;
  if (hasId === hasLink) throw graphErrors.invalidParameter(`Param ${type} must have exactly one of id or link.`);
  if (hasLink) {
    let url: URL;
    try {
      url = new URL(media.link as string);
    } catch {
      throw graphErrors.invalidParameter(`Param ${type}['link'] is not a valid URL.`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw graphErrors.invalidParameter(`Param ${type}['link'] must be an http(s) URL.`);
    }
  }
  if (media.caption !== undefined && !CAPTIONED.has(type)) {
    throw graphErrors.invalidParameter(`Param ${type}['caption'] is not supported for ${type} messages.`);
  }
  if (media.caption !== undefined) requireString(media.caption, `${type}['caption']`, 1024);
  if (media.filename !== undefined && type !== 'document') {
    throw graphErrors.invalidParameter(`Param ${type}['filename'] is only supported for documents.`);
  }
}

function validateInteractive(interactive: Json): void {
  const type = requireString(interactive.type, "interactive['type']");
  if (!INTERACTIVE_TYPES.has(type)) throw graphErrors.invalidParameter(`Param interactive['type'] (${type}) is not supported.`);
  const action = requireObject(interactive.action, "interactive['action']");
  if (type === 'button' || type === 'list' || type === 'cta_url') {
    requireString(requireObject(interactive.body, "interactive['body']").text, "interactive['body']['text']", 1024);
  }
  if (type === 'button') {
    const buttons = action.buttons;
    if (!Array.isArray(buttons) || buttons.length < 1 || buttons.length > 3) {
      throw graphErrors.parameterValueInvalid("Param interactive['action']['buttons'] must have 1 to 3 buttons.");
    }
    const ids = new Set<string>();
    for (const [i, button] of buttons.entries()) {
      const reply = requireObject(isObject(button) && button.type === 'reply' ? button.reply : undefined, `buttons[${i}]['reply']`);
      ids.add(requireString(reply.id, `buttons[${i}]['reply']['id']`, 256));
      requireString(reply.title, `buttons[${i}]['reply']['title']`, 20);
    }
    if (ids.size !== buttons.length) throw graphErrors.parameterValueInvalid('Button ids must be unique.');
  }
  if (type === 'list') {
    requireString(action.button, "interactive['action']['button']", 20);
    const sections = action.sections;
    if (!Array.isArray(sections) || sections.length < 1 || sections.length > 10) {
      throw graphErrors.parameterValueInvalid("Param interactive['action']['sections'] must have 1 to 10 sections.");
    }
    let rows = 0;
    for (const [i, section] of sections.entries()) {
      const sectionRows = isObject(section) ? section.rows : undefined;
      if (!Array.isArray(sectionRows) || sectionRows.length === 0) {
        throw graphErrors.requiredParameterMissing(`Param sections[${i}]['rows'] is required.`);
      }
      for (const [j, row] of sectionRows.entries()) {
        const r = requireObject(row, `sections[${i}]['rows'][${j}]`);
        requireString(r.id, `rows[${j}]['id']`, 200);
        requireString(r.title, `rows[${j}]['title']`, 24);
        if (r.description !== undefined) requireString(r.description, `rows[${j}]['description']`, 72);
      }
      rows += sectionRows.length;
    }
    if (rows > 10) throw graphErrors.parameterValueInvalid('A list message can have at most 10 rows in total.');
  }
  if (type === 'cta_url') {
    const parameters = requireObject(action.parameters, "interactive['action']['parameters']");
    requireString(parameters.display_text, "parameters['display_text']", 20);
    requireString(parameters.url, "parameters['url']");
  }
}

function validateContent(type: string, content: Json): void {
  if (type === 'text') {
    requireString(content.body, "text['body']", 4096);
  } else if (type === 'template') {
    const name = requireString(content.name, "template['name']");
    const language = requireString(requireObject(content.language, "template['language']").code, "template['language']['code']");
    if (!TEMPLATE_NAME.test(name)) throw graphErrors.templateMissing(name, language);
    if (content.components !== undefined && !Array.isArray(content.components)) {
      throw graphErrors.invalidParameter("Param template['components'] must be an array.");
    }
  } else if (MEDIA_TYPES.has(type)) {
    validateMedia(type, content);
  } else if (type === 'interactive') {
    validateInteractive(content);
  } else if (type === 'reaction') {
    requireString(content.message_id, "reaction['message_id']");
    // An empty emoji removes the reaction, so only the type is checked.
    if (typeof content.emoji !== 'string') throw graphErrors.requiredParameterMissing("Param reaction['emoji'] is required.");
  } else if (type === 'location') {
    for (const key of ['latitude', 'longitude']) {
      if (!Number.isFinite(Number(content[key])) || content[key] === '') {
        throw graphErrors.requiredParameterMissing(`Param location['${key}'] is required.`);
      }
    }
  }
}

export function validateOutboundMessage(body: Json | undefined, businessCountryCode: string): ValidatedMessage {
  if (!body) throw graphErrors.missingParameter('messaging_product');
  if (body.messaging_product === undefined) throw graphErrors.missingParameter('messaging_product');
  if (body.messaging_product !== 'whatsapp') throw graphErrors.invalidParameter("Param messaging_product must be 'whatsapp'.");

  if (body.status !== undefined) {
    if (body.status !== 'read') throw graphErrors.invalidParameter("Param status must be 'read'.");
    const messageId = requireString(body.message_id, 'message_id');
    if (body.typing_indicator !== undefined && requireObject(body.typing_indicator, 'typing_indicator').type !== 'text') {
      throw graphErrors.invalidParameter("Param typing_indicator['type'] must be 'text'.");
    }
    return { kind: 'read', messageId };
  }

  const recipientType = body.recipient_type ?? 'individual';
  if (recipientType !== 'individual' && recipientType !== 'group') {
    throw graphErrors.invalidParameter("Param recipient_type must be 'individual' or 'group'.");
  }
  const type = body.type === undefined ? 'text' : requireString(body.type, 'type');
  if (!TYPES.includes(type)) throw graphErrors.invalidParameter(`Param type must be one of {${TYPES.join(', ')}}.`);
  if (type === 'contacts') {
    if (!Array.isArray(body.contacts) || body.contacts.length === 0) throw graphErrors.requiredParameterMissing('Param contacts is required.');
  } else {
    validateContent(type, requireObject(body[type], type));
  }
  if (body.context !== undefined) {
    if (type === 'reaction') throw graphErrors.invalidParameter('Reactions cannot be sent as contextual replies.');
    requireString(requireObject(body.context, 'context').message_id, "context['message_id']");
  }

  // `to` wins when both are given (docs/whatsapp-cloud-api.md §3.3).
  if (typeof body.to === 'string' && body.to.length > 0) {
    if (recipientType === 'group') return { kind: 'send', type, recipientType, input: body.to };
    return { kind: 'send', type, recipientType, input: body.to, waId: resolveWaId(body.to, businessCountryCode) };
  }
  if (typeof body.recipient === 'string' && recipientType === 'individual') {
    if (!BSUID.test(body.recipient)) throw graphErrors.invalidParameter('Param recipient is not a valid business-scoped user ID.');
    return { kind: 'send', type, recipientType, input: body.recipient, bsuid: body.recipient };
  }
  throw graphErrors.missingParameter('to');
}
