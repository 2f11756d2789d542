import { graphErrors } from '../graph-errors';
import { authorizeWaba } from '../sandbox-auth';
import { MANAGEMENT_SCOPE, type SandboxTemplate } from '../sandbox-state';
import { selectFields } from './field-selection';
import { cursorPage } from './cursor-page';
import { ok, type RouteHandler } from './route-context';

// Meta's example without `fields` (docs/whatsapp-cloud-api.md §5.5).
const DEFAULT_FIELDS = ['name', 'parameter_format', 'components', 'language', 'status', 'category', 'id'];

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
  const { items, paging } = cursorPage(request, context, all, {
    path: `${waba.id}/message_templates`,
    cursorPrefix: 'tpl',
    // From v24.0 an invalid cursor on this edge is 131059 (docs/whatsapp-cloud-api.md §5.5).
    invalidCursor: () => graphErrors.invalidTemplateCursor(),
  });
  const data = items.map((template) => selectFields(request.query.get('fields'), templateFields(template), DEFAULT_FIELDS, 'WhatsAppBusinessHSM'));
  return ok({ data, paging });
};
