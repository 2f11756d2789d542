import { PublicError } from '../platform/errors';
import type { OutboundContent } from '../adapters/whatsapp';
import {
  CONTENT_FIELDS,
  TemplateComponentType,
  TemplateParameterType,
  type ButtonsInput,
  type CtaUrlInput,
  type ListInput,
  type LocationInput,
  type MediaInput,
  type ReactionInput,
  type SendMessageInput,
  type TemplateInput,
  type TemplateParameterInput,
  type TextInput,
} from './send-message.input';

/**
 * Turns a send input into the body Meta expects, refusing anything Meta would refuse for its shape or size
 * (docs/whatsapp-cloud-api.md §5.1, §5.3 and Meta's interactive-message limits). Checking here means a bad
 * message costs no Graph call, is never stored, and gets an error naming the exact field.
 */

export type OutboundType = 'text' | 'template' | 'image' | 'video' | 'audio' | 'document' | 'sticker' | 'interactive' | 'location' | 'reaction';

export interface OutboundDraft {
  type: OutboundType;
  /** The object under `<type>` in the Graph body; also what the history stores as `content`. */
  body: Record<string, unknown>;
  /** Everything but a template needs an open 24-hour customer-service window (§6.1). */
  freeForm: boolean;
  /** Our id of the message a reaction targets; the send resolves it to a wamid. */
  reactionTo?: string;
}

export const LIMITS = {
  text: 4096,
  caption: 1024,
  filename: 240,
  link: 2048,
  interactiveBody: 1024,
  headerText: 60,
  footerText: 60,
  buttons: 3,
  buttonId: 256,
  buttonTitle: 20,
  listButton: 20,
  listSections: 10,
  listRows: 10,
  rowId: 200,
  rowTitle: 24,
  rowDescription: 72,
  sectionTitle: 24,
  templateComponents: 12,
  templateParameters: 100,
  templateText: 1024,
  templateHeaderText: 60,
  templatePayload: 256,
  couponCode: 20,
  ctaDisplayText: 20,
  // Meta documents no bound for a location's name and address; this keeps a runaway value out.
  locationText: 1024,
} as const;

type MediaType = 'image' | 'video' | 'audio' | 'document' | 'sticker';
const UNCAPTIONED = new Set<MediaType>(['audio', 'sticker']);

const TEMPLATE_NAME = /^[a-z0-9_]{1,512}$/;
const LANGUAGE_CODE = /^[a-z]{2,3}(?:_[A-Za-z]{2,4})?$/;
const PARAMETER_NAME = /^[a-z0-9_]{1,64}$/;
const CURRENCY_CODE = /^[A-Z]{3}$/;
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

const length = (text: string) => [...text].length;

function text(value: string | undefined | null, field: string, max: number, required = true): string | undefined {
  if (value === undefined || value === null) {
    if (required) throw PublicError.badInput(field, `${field} is required.`);
    return undefined;
  }
  if (value.trim().length === 0) throw PublicError.badInput(field, `${field} cannot be blank.`);
  if (length(value) > max) throw PublicError.badInput(field, `${field} is longer than ${max} characters.`);
  return value;
}

function link(value: string | undefined, field: string): string {
  const raw = text(value, field, LIMITS.link)!;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw PublicError.badInput(field, `${field} must be an absolute http(s) URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw PublicError.badInput(field, `${field} must be an absolute http(s) URL.`);
  }
  if (url.username || url.password) throw PublicError.badInput(field, `${field} must not carry credentials.`);
  return raw;
}

function media(type: MediaType, input: MediaInput, field: string): Record<string, unknown> {
  if ((input.link == null) === (input.mediaId == null)) throw PublicError.badInput(`${field}.link`, 'Give exactly one of link and mediaId.');
  if (input.mediaId != null && !/^\d{1,40}$/.test(input.mediaId)) {
    throw PublicError.badInput(`${field}.mediaId`, 'A mediaId is the number an upload returned.');
  }
  const body: Record<string, unknown> = input.mediaId != null ? { id: input.mediaId } : { link: link(input.link!, `${field}.link`) };
  if (input.caption != null) {
    if (UNCAPTIONED.has(type)) throw PublicError.badInput(`${field}.caption`, `${type === 'audio' ? 'Audio' : 'Sticker'} messages cannot have a caption.`);
    body.caption = text(input.caption, `${field}.caption`, LIMITS.caption);
  }
  if (input.filename != null) {
    if (type !== 'document') throw PublicError.badInput(`${field}.filename`, 'Only documents have a file name.');
    body.filename = text(input.filename, `${field}.filename`, LIMITS.filename);
  }
  return body;
}

function unique(ids: string[], field: string, what: string): void {
  const seen = new Set<string>();
  for (const [i, id] of ids.entries()) {
    if (seen.has(id)) throw PublicError.badInput(`${field}[${i}].id`, `${what} ids must be unique.`);
    seen.add(id);
  }
}

function headerAndFooter(input: { header?: string | null; footer?: string | null }, field: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (input.header != null) out.header = { type: 'text', text: text(input.header, `${field}.header`, LIMITS.headerText) };
  if (input.footer != null) out.footer = { text: text(input.footer, `${field}.footer`, LIMITS.footerText) };
  return out;
}

function buttons(input: ButtonsInput, field: string): Record<string, unknown> {
  if (input.buttons.length < 1 || input.buttons.length > LIMITS.buttons) {
    throw PublicError.badInput(`${field}.buttons`, `Give 1 to ${LIMITS.buttons} buttons.`);
  }
  const replies = input.buttons.map((button, i) => ({
    type: 'reply',
    reply: {
      id: text(button.id, `${field}.buttons[${i}].id`, LIMITS.buttonId),
      title: text(button.title, `${field}.buttons[${i}].title`, LIMITS.buttonTitle),
    },
  }));
  unique(input.buttons.map((b) => b.id), `${field}.buttons`, 'Button');
  return {
    type: 'button',
    ...headerAndFooter(input, field),
    body: { text: text(input.body, `${field}.body`, LIMITS.interactiveBody) },
    action: { buttons: replies },
  };
}

function list(input: ListInput, field: string): Record<string, unknown> {
  const { sections } = input;
  if (sections.length < 1 || sections.length > LIMITS.listSections) {
    throw PublicError.badInput(`${field}.sections`, `Give 1 to ${LIMITS.listSections} sections.`);
  }
  const rowCount = sections.reduce((sum, section) => sum + section.rows.length, 0);
  if (rowCount > LIMITS.listRows) throw PublicError.badInput(`${field}.sections`, `A list has at most ${LIMITS.listRows} rows in total.`);
  const built = sections.map((section, i) => {
    const at = `${field}.sections[${i}]`;
    if (section.rows.length === 0) throw PublicError.badInput(`${at}.rows`, 'Every section needs at least one row.');
    const title = text(section.title, `${at}.title`, LIMITS.sectionTitle, sections.length > 1);
    const rows = section.rows.map((row, j) => ({
      id: text(row.id, `${at}.rows[${j}].id`, LIMITS.rowId),
      title: text(row.title, `${at}.rows[${j}].title`, LIMITS.rowTitle),
      ...(row.description != null ? { description: text(row.description, `${at}.rows[${j}].description`, LIMITS.rowDescription) } : {}),
    }));
    return { ...(title !== undefined ? { title } : {}), rows };
  });
  unique(sections.flatMap((s) => s.rows.map((r) => r.id)), `${field}.sections.rows`, 'Row');
  return {
    type: 'list',
    ...headerAndFooter(input, field),
    body: { text: text(input.body, `${field}.body`, LIMITS.interactiveBody) },
    action: { button: text(input.buttonText, `${field}.buttonText`, LIMITS.listButton), sections: built },
  };
}

function ctaUrl(input: CtaUrlInput, field: string): Record<string, unknown> {
  return {
    type: 'cta_url',
    ...headerAndFooter(input, field),
    body: { text: text(input.body, `${field}.body`, LIMITS.interactiveBody) },
    action: {
      name: 'cta_url',
      parameters: { display_text: text(input.displayText, `${field}.displayText`, LIMITS.ctaDisplayText), url: link(input.url, `${field}.url`) },
    },
  };
}

function location(input: LocationInput, field: string): Record<string, unknown> {
  const degrees = (value: number, key: 'latitude' | 'longitude', max: number) => {
    if (!Number.isFinite(value) || Math.abs(value) > max) throw PublicError.badInput(`${field}.${key}`, `${key} is decimal degrees from -${max} to ${max}.`);
    return value;
  };
  return {
    latitude: degrees(input.latitude, 'latitude', 90),
    longitude: degrees(input.longitude, 'longitude', 180),
    ...(input.name != null ? { name: text(input.name, `${field}.name`, LIMITS.locationText) } : {}),
    ...(input.address != null ? { address: text(input.address, `${field}.address`, LIMITS.locationText) } : {}),
  };
}

function templateParameter(parameter: TemplateParameterInput, field: string, textMax: number): Record<string, unknown> {
  const named = parameter.parameterName != null ? { parameter_name: parameter.parameterName } : {};
  if (parameter.parameterName != null && !PARAMETER_NAME.test(parameter.parameterName)) {
    throw PublicError.badInput(`${field}.parameterName`, 'Parameter names are lowercase letters, digits and underscores.');
  }
  switch (parameter.type) {
    case TemplateParameterType.TEXT:
      return { type: 'text', text: text(parameter.text, `${field}.text`, textMax), ...named };
    case TemplateParameterType.PAYLOAD:
      return { type: 'payload', payload: text(parameter.payload, `${field}.payload`, LIMITS.templatePayload) };
    case TemplateParameterType.COUPON_CODE:
      return { type: 'coupon_code', coupon_code: text(parameter.couponCode, `${field}.couponCode`, LIMITS.couponCode) };
    case TemplateParameterType.IMAGE:
    case TemplateParameterType.VIDEO:
      return { type: parameter.type, [parameter.type]: { link: link(parameter.link, `${field}.link`) } };
    case TemplateParameterType.DOCUMENT:
      return {
        type: 'document',
        document: {
          link: link(parameter.link, `${field}.link`),
          ...(parameter.filename != null ? { filename: text(parameter.filename, `${field}.filename`, LIMITS.filename) } : {}),
        },
      };
    case TemplateParameterType.CURRENCY: {
      const currency = parameter.currency;
      if (!currency) throw PublicError.badInput(`${field}.currency`, `${field}.currency is required.`);
      if (!CURRENCY_CODE.test(currency.code)) throw PublicError.badInput(`${field}.currency.code`, 'Use an ISO 4217 code, e.g. EUR.');
      return {
        type: 'currency',
        currency: { fallback_value: text(currency.fallbackValue, `${field}.currency.fallbackValue`, textMax), code: currency.code, amount_1000: currency.amount1000 },
        ...named,
      };
    }
    case TemplateParameterType.DATE_TIME:
      return { type: 'date_time', date_time: { fallback_value: text(parameter.text, `${field}.text`, textMax) }, ...named };
  }
}

function template(input: TemplateInput, field: string): Record<string, unknown> {
  if (!TEMPLATE_NAME.test(input.name)) {
    throw PublicError.badInput(`${field}.name`, 'A template name is 1-512 lowercase letters, digits and underscores.');
  }
  if (!LANGUAGE_CODE.test(input.languageCode)) {
    throw PublicError.badInput(`${field}.languageCode`, 'Use the template\'s language code, e.g. en_US or pt_BR.');
  }
  if (input.components.length > LIMITS.templateComponents) {
    throw PublicError.badInput(`${field}.components`, `A template has at most ${LIMITS.templateComponents} components.`);
  }
  const components = input.components.map((component, i) => {
    const at = `${field}.components[${i}]`;
    if (component.parameters.length > LIMITS.templateParameters) {
      throw PublicError.badInput(`${at}.parameters`, `A component has at most ${LIMITS.templateParameters} parameters.`);
    }
    const textMax = component.type === TemplateComponentType.HEADER ? LIMITS.templateHeaderText : LIMITS.templateText;
    const parameters = component.parameters.map((p, j) => templateParameter(p, `${at}.parameters[${j}]`, textMax));
    if (component.type !== TemplateComponentType.BUTTON) {
      if (component.subType != null || component.index != null) {
        throw PublicError.badInput(`${at}.subType`, 'Only BUTTON components have a subType and an index.');
      }
      return { type: component.type, parameters };
    }
    if (component.subType == null) throw PublicError.badInput(`${at}.subType`, 'A BUTTON component needs its subType.');
    if (component.index == null || component.index < 0 || component.index > 9) {
      throw PublicError.badInput(`${at}.index`, 'A BUTTON component needs its index, 0 to 9.');
    }
    return { type: 'button', sub_type: component.subType, index: String(component.index), parameters };
  });
  return {
    name: input.name,
    language: { code: input.languageCode },
    ...(components.length > 0 ? { components } : {}),
  };
}

function reaction(emoji: string, field: string): void {
  if (emoji === '') return;
  const count = [...graphemes.segment(emoji)].length;
  if (count !== 1 || !EMOJI.test(emoji)) throw PublicError.badInput(field, 'A reaction is one emoji, or empty to remove it.');
}

/** A plain text message (welcome, fallback and agent replies use it too). */
export function textDraft(body: string, field = 'text', previewUrl = false): OutboundDraft {
  return { type: 'text', body: { body: text(body, `${field}.body`, LIMITS.text), preview_url: previewUrl }, freeForm: true };
}

export type ContentField = (typeof CONTENT_FIELDS)[number];

/**
 * One kind of content, checked and shaped for Meta; `at` names the field in errors. The GraphQL send and
 * the agent runtime's replies both come through here, so both are held to the same limits.
 */
export function contentDraft<K extends ContentField>(kind: K, value: NonNullable<SendMessageInput[K]>, at: string): OutboundDraft {
  const input = value as NonNullable<SendMessageInput[ContentField]>;
  switch (kind) {
    case 'text': {
      const { body, previewUrl } = input as TextInput;
      return textDraft(body, at, previewUrl);
    }
    case 'template':
      return { type: 'template', body: template(input as TemplateInput, at), freeForm: false };
    case 'image':
    case 'video':
    case 'audio':
    case 'document':
    case 'sticker':
      return { type: kind as MediaType, body: media(kind as MediaType, input as MediaInput, at), freeForm: true };
    case 'buttons':
      return { type: 'interactive', body: buttons(input as ButtonsInput, at), freeForm: true };
    case 'list':
      return { type: 'interactive', body: list(input as ListInput, at), freeForm: true };
    case 'ctaUrl':
      return { type: 'interactive', body: ctaUrl(input as CtaUrlInput, at), freeForm: true };
    case 'location':
      return { type: 'location', body: location(input as LocationInput, at), freeForm: true };
    case 'reaction': {
      const target = input as ReactionInput;
      reaction(target.emoji, `${at}.emoji`);
      return { type: 'reaction', body: { message_id: '', emoji: target.emoji }, freeForm: true, reactionTo: target.messageId };
    }
  }
  // A new content field must be shaped above: the compiler refuses to build until it is.
  const unhandled: never = kind;
  throw new Error(`no content kind ${String(unhandled)}`);
}

export function draftFromInput(input: SendMessageInput, field = 'input'): OutboundDraft {
  const given = CONTENT_FIELDS.filter((name) => input[name] != null);
  if (given.length !== 1) {
    throw PublicError.badInput(field, `Give exactly one content field: ${CONTENT_FIELDS.join(', ')}.`);
  }
  const kind = given[0]!;
  if (kind === 'reaction' && input.replyToMessageId != null) {
    throw PublicError.badInput(`${field}.replyToMessageId`, 'A reaction cannot be a reply.');
  }
  return contentDraft(kind, input[kind]!, `${field}.${kind}`);
}

/** The content half of the Graph body. */
export function toOutboundContent(draft: OutboundDraft): OutboundContent {
  return { type: draft.type, [draft.type]: draft.body } as unknown as OutboundContent;
}
