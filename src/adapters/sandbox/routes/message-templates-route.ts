import { graphErrors } from '../graph-errors';
import { authorizeWaba } from '../sandbox-auth';
import { MANAGEMENT_SCOPE, type SandboxTemplate } from '../sandbox-state';
import { selectFields } from './field-selection';
import { ok, type RouteHandler } from './route-context';

// Meta's example without `fields` (docs/whatsapp-cloud-api.md §5.5).
const DEFAULT_FIELDS = ['name', 'parameter_format', 'components', 'language', 'status', 'category', 'id'];
const DEFAULT_PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 100;

const encodeCursor = (index: number) => Buffer.from(`tpl:${index}`).toString('base64url');

function decodeCursor(cursor: string | null): number {
  if (!cursor) return 0;
  const match = /^tpl:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  // From v24.0 an invalid cursor on this edge is 131059 (docs/whatsapp-cloud-api.md §5.5).
  if (!match) throw graphErrors.invalidTemplateCursor();
  return Number(match[1]);
}

function templateFields(template: SandboxTemplate): Record<string, () => unknown> {
  return {
    id: () => template.id,
    name: () => template.name,
    language: () => template.language,
    status: () => template.status,
    category: () => template.category,
    parameter_format: () => template.parameter_format,
    components: () => template.components,
    quality_score: () => template.quality_score,
    rejected_reason: () => (template.status === 'REJECTED' ? 'INVALID_FORMAT' : 'NONE'),
  };
}

/** `GET /<WABA_ID>/message_templates` with cursor paging and the `status` filter (§5.5). */
export const messageTemplatesRoute: RouteHandler = (request, context) => {
  const [id, edge, ...rest] = request.segments;
  if (edge !== 'message_templates' || rest.length > 0) return undefined;
  const waba = context.state.wabas.get(id!);
  if (!waba) return undefined;
  authorizeWaba(request.principal, waba.id, MANAGEMENT_SCOPE);
  if (request.method !== 'GET') throw graphErrors.unsupportedMethod(request.method, `/${waba.id}/message_templates`);

  const status = request.query.get('status')?.toUpperCase();
  const all = (waba.templates ?? []).filter((t) => !status || t.status === status);
  const limit = Math.min(Number(request.query.get('limit') ?? DEFAULT_PAGE_SIZE) || DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const start = decodeCursor(request.query.get('after'));
  const page = all.slice(start, start + limit);
  const data = page.map((template) => selectFields(request.query.get('fields'), templateFields(template), DEFAULT_FIELDS, 'WhatsAppBusinessHSM'));
  const end = start + page.length;
  const next = new URL(`${context.baseUrl()}/${request.version}/${waba.id}/message_templates`);
  for (const [key, value] of request.query) if (key !== 'after' && key !== 'appsecret_proof') next.searchParams.set(key, value);
  next.searchParams.set('after', encodeCursor(end));
  return ok({
    data,
    paging: {
      cursors: { before: encodeCursor(start), after: encodeCursor(end) },
      ...(end < all.length ? { next: next.toString() } : {}),
    },
  });
};
