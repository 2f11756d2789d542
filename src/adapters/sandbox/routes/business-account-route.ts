import { graphErrors } from '../graph-errors';
import { authorizeWaba } from '../sandbox-auth';
import { MANAGEMENT_SCOPE, type SandboxWaba } from '../sandbox-state';
import { selectFields } from './field-selection';
import { healthStatus } from './health-status';
import { phoneNumberFields } from './phone-number-route';
import { cursorPage } from './cursor-page';
import { ok, type RouteHandler } from './route-context';

const DEFAULT_WABA_FIELDS = ['id', 'name'];
// The fields of Meta's own phone_numbers example (docs/whatsapp-cloud-api.md §1.4).
const DEFAULT_LIST_FIELDS = [
  'id', 'verified_name', 'code_verification_status', 'display_phone_number', 'quality_rating', 'platform_type',
  'throughput', 'webhook_configuration',
];

/** `GET /<WABA_ID>` (§1.3) and `GET /<WABA_ID>/phone_numbers` with cursor paging (§1.4). */
export const businessAccountRoute: RouteHandler = (request, context) => {
  const [id, edge, ...rest] = request.segments;
  const waba: SandboxWaba | undefined = id === undefined ? undefined : context.state.wabas.get(id);
  if (!waba || rest.length > 0 || (edge !== undefined && edge !== 'phone_numbers')) return undefined;
  authorizeWaba(request.principal, waba.id, MANAGEMENT_SCOPE);
  if (request.method !== 'GET') throw graphErrors.unsupportedMethod(request.method, `/${request.segments.join('/')}`);

  if (edge === undefined) {
    const app = request.principal.app;
    const available: Record<string, () => unknown> = {
      id: () => waba.id,
      name: () => waba.name,
      timezone_id: () => '1',
      message_template_namespace: () => `ns_${waba.id}`,
      account_review_status: () => 'APPROVED',
      business_verification_status: () => 'VERIFIED',
      country: () => 'US',
      ownership_type: () => 'SELF_OWNED',
      primary_business_location: () => 'US',
      currency: () => 'USD',
      health_status: () => healthStatus({ waba, app }),
    };
    return ok(selectFields(request.query.get('fields'), available, DEFAULT_WABA_FIELDS, 'WhatsAppBusinessAccount'));
  }

  const { items: ids, paging } = cursorPage(request, context, waba.phoneNumberIds, {
    path: `${waba.id}/phone_numbers`,
    cursorPrefix: 'idx',
    invalidCursor: () => graphErrors.invalidParameter('Param after is not a valid cursor.'),
  });
  const data = ids.map((phoneId) => {
    const phone = context.state.phones.get(phoneId)!;
    const fields = phoneNumberFields(context.state, phone, request.principal);
    return selectFields(request.query.get('fields'), fields, DEFAULT_LIST_FIELDS, 'WhatsAppBusinessPhoneNumber');
  });
  return ok({ data, paging });
};
