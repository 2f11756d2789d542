import { ErrorCode, PublicError } from '../platform/errors';

/**
 * Checks a template send against the stored template before anything goes to Meta, for the mismatches
 * Meta would answer with 132000 (parameter count) or 132012 (format), and for templates that cannot be
 * sent at all (132001, 132015, 132016). Only what the stored components state for certain is checked:
 * a template holding components this code does not know (carousels, limited-time offers) is checked for
 * its status only.
 */

/** What a stored template says, as far as a send must match it. */
export interface StoredTemplate {
  status: string;
  parameterFormat: string;
  /** Null when only a webhook named the template so far (its components come with the next sync). */
  components: Array<Record<string, unknown>> | null;
}

/** The `template` object of the Graph send body, as outbound-content.ts built it. */
interface SendComponent {
  type: string;
  sub_type?: string;
  index?: string;
  parameters?: Array<Record<string, unknown>>;
}

const KNOWN_COMPONENTS = new Set(['HEADER', 'BODY', 'FOOTER', 'BUTTONS']);
const MEDIA_FORMATS = new Set(['IMAGE', 'VIDEO', 'DOCUMENT']);
const FIELD = 'input.template.components';

function invalid(message: string): PublicError {
  return new PublicError(ErrorCode.TemplateParametersInvalid, message, { field: FIELD });
}

/** The variables of a text: `{{1}}`-style numbers, or `{{first_name}}`-style names, each counted once. */
function variablesOf(text: unknown): string[] {
  if (typeof text !== 'string') return [];
  return [...new Set([...text.matchAll(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)].map((m) => m[1]!))];
}

export function templateNotApproved(name: string, language: string, status: string | null): PublicError {
  return new PublicError(
    ErrorCode.TemplateNotApproved,
    status
      ? `The template ${name} (${language}) is ${status}; only an APPROVED template can be sent.`
      : `The number's business account has no template ${name} in language ${language} (as of the last sync).`,
    { field: 'input.template', reason: status ?? 'NOT_FOUND' },
  );
}

/** Null when the send matches the template; otherwise the typed error to return, and nothing is sent. */
export function templateSendRefusal(stored: StoredTemplate, name: string, language: string, send: { components?: SendComponent[] }): PublicError | null {
  if (stored.status !== 'APPROVED') return templateNotApproved(name, language, stored.status);
  const components = stored.components;
  if (!components || components.some((c) => !KNOWN_COMPONENTS.has(String(c.type).toUpperCase()))) return null;
  const named = stored.parameterFormat.toUpperCase() === 'NAMED';
  const given = send.components ?? [];
  const byType = (type: string) => components.find((c) => String(c.type).toUpperCase() === type);
  const givenOf = (type: string) => given.filter((c) => c.type === type);

  for (const type of ['header', 'body']) {
    if (givenOf(type).length > 1) return invalid(`Give at most one ${type} component.`);
  }
  const body = byType('BODY');
  const bodyError = checkTextParameters('body', variablesOf(body?.text), givenOf('body')[0]?.parameters ?? [], named);
  if (bodyError) return bodyError;

  const header = byType('HEADER');
  const headerParameters = givenOf('header')[0]?.parameters ?? [];
  const format = String(header?.format ?? 'TEXT').toUpperCase();
  if (header && MEDIA_FORMATS.has(format)) {
    if (headerParameters.length !== 1 || headerParameters[0]!.type !== format.toLowerCase()) {
      return invalid(`The template's header is ${format.toLowerCase()}: give one ${format.toLowerCase()} header parameter.`);
    }
  } else if (header && format === 'LOCATION') {
    if (headerParameters.length !== 1 || headerParameters[0]!.type !== 'location') return invalid('The template\'s header is a location: give one location header parameter.');
  } else {
    const headerError = checkTextParameters('header', variablesOf(header?.text), headerParameters, named);
    if (headerError) return headerError;
  }

  return checkButtons(byType('BUTTONS'), givenOf('button'));
}

function checkTextParameters(part: string, expected: string[], parameters: Array<Record<string, unknown>>, named: boolean): PublicError | null {
  if (parameters.length !== expected.length) {
    return invalid(`The template's ${part} takes ${expected.length} parameter${expected.length === 1 ? '' : 's'}; ${parameters.length} ${parameters.length === 1 ? 'was' : 'were'} given.`);
  }
  const names = parameters.map((p) => p.parameter_name);
  if (!named) {
    if (names.some((n) => n != null)) return invalid(`The template uses positional parameters ({{1}}, {{2}}...): leave out parameterName in the ${part}.`);
    return null;
  }
  if (names.some((n) => typeof n !== 'string')) return invalid(`The template uses named parameters: give each ${part} parameter its parameterName.`);
  const missing = expected.filter((name) => !names.includes(name));
  if (missing.length > 0) return invalid(`The template's ${part} expects the parameters ${expected.join(', ')}; missing: ${missing.join(', ')}.`);
  return null;
}

/** Which send sub_type a stored button takes, and whether it must be given one (it has a variable part). */
function buttonRule(button: Record<string, unknown>): { subType: string | null; required: boolean } {
  switch (String(button.type).toUpperCase()) {
    case 'URL':
      return { subType: 'url', required: variablesOf(button.url).length > 0 };
    case 'COPY_CODE':
      return { subType: 'copy_code', required: true };
    case 'QUICK_REPLY':
      return { subType: 'quick_reply', required: false };
    default:
      // The type is Meta's string, an open set: phone numbers, flows, OTP and the rest are not given from this API.
      return { subType: null, required: false };
  }
}

function checkButtons(stored: Record<string, unknown> | undefined, given: SendComponent[]): PublicError | null {
  const buttons = Array.isArray(stored?.buttons) ? (stored!.buttons as Array<Record<string, unknown>>) : [];
  const seen = new Set<number>();
  for (const component of given) {
    const index = Number(component.index);
    if (seen.has(index)) return invalid(`Button ${index} is given twice.`);
    seen.add(index);
    const button = buttons[index];
    if (!button) return invalid(`The template has no button ${index} (it has ${buttons.length}).`);
    const rule = buttonRule(button);
    if (rule.subType !== component.sub_type || (rule.subType === 'url' && !rule.required)) {
      return invalid(`Button ${index} is a ${String(button.type).toLowerCase()} button${rule.subType === 'url' ? ' with a fixed URL' : ''}; it takes no ${component.sub_type} parameter.`);
    }
    if ((component.parameters ?? []).length !== 1) return invalid(`Button ${index} takes exactly one parameter.`);
  }
  const missing = buttons.map((button, index) => ({ index, rule: buttonRule(button) })).filter(({ index, rule }) => rule.required && !seen.has(index));
  if (missing.length > 0) return invalid(`Button ${missing[0]!.index} (${missing[0]!.rule.subType}) needs its parameter.`);
  return null;
}
