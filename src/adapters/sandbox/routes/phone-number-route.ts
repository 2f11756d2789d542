import { graphErrors } from '../graph-errors';
import { authorizeWaba } from '../sandbox-auth';
import { MANAGEMENT_SCOPE, type SandboxPhone } from '../sandbox-state';
import { validateOverride } from './callback-override';
import { selectFields } from './field-selection';
import { healthStatus } from './health-status';
import { ok, type RouteHandler, type RouteRequest } from './route-context';
import type { Principal } from '../sandbox-auth';
import type { SandboxState } from '../sandbox-state';

const DEFAULT_FIELDS = ['id', 'display_phone_number', 'verified_name', 'quality_rating'];

/** Phone-number fields (docs/whatsapp-cloud-api.md §1.2, §1.4), computed from the simulator's state. */
export function phoneNumberFields(state: SandboxState, phone: SandboxPhone, principal: Principal): Record<string, () => unknown> {
  const waba = state.wabas.get(phone.wabaId)!;
  const app = principal.app;
  return {
    id: () => phone.id,
    display_phone_number: () => phone.displayPhoneNumber,
    verified_name: () => phone.verifiedName,
    quality_rating: () => phone.qualityRating,
    code_verification_status: () => 'VERIFIED',
    name_status: () => 'APPROVED',
    new_name_status: () => 'NONE',
    status: () => phone.status,
    platform_type: () => 'CLOUD_API',
    account_mode: () => 'LIVE',
    throughput: () => ({ level: 'STANDARD' }),
    whatsapp_business_manager_messaging_limit: () => phone.messagingLimit ?? 'TIER_2K',
    messaging_limit_tier: () => phone.messagingLimit ?? 'TIER_2K',
    is_official_business_account: () => false,
    is_pin_enabled: () => false,
    last_onboarded_time: () => '2026-01-05T10:00:00+0000',
    country_code: () => 'US',
    country_dial_code: () => '1',
    certificate: () => undefined,
    new_certificate: () => undefined,
    unified_cert_status: () => undefined,
    host_platform: () => undefined,
    username: () => undefined,
    // `whatsapp_business_account` appears only when a WABA override is set (§2.4).
    webhook_configuration: () => ({
      ...(phone.overrideUri ? { phone_number: phone.overrideUri } : {}),
      ...(waba.subscriptions.get(app.id)?.overrideUri ? { whatsapp_business_account: waba.subscriptions.get(app.id)!.overrideUri } : {}),
      ...(app.callbackUrl ? { application: app.callbackUrl } : {}),
    }),
    health_status: () => healthStatus({ phone, waba, app }),
  };
}

function phoneFor(request: RouteRequest, state: SandboxState): SandboxPhone | undefined {
  return request.segments.length === 1 ? state.phones.get(request.segments[0]!) : undefined;
}

/** `GET /<PHONE_NUMBER_ID>` and `POST /<PHONE_NUMBER_ID>` with `webhook_configuration` (§1.2, §2.4). */
export const phoneNumberRoute: RouteHandler = async (request, context) => {
  const phone = phoneFor(request, context.state);
  if (!phone) return undefined;
  authorizeWaba(request.principal, phone.wabaId, MANAGEMENT_SCOPE);
  if (request.method === 'GET') {
    const fields = phoneNumberFields(context.state, phone, request.principal);
    return ok(selectFields(request.query.get('fields'), fields, DEFAULT_FIELDS, 'WhatsAppBusinessPhoneNumber'));
  }
  if (request.method !== 'POST') throw graphErrors.unsupportedMethod(request.method, `/${phone.id}`);
  const config = request.body?.webhook_configuration;
  if (config === undefined || config === null || typeof config !== 'object') {
    throw graphErrors.missingParameter('webhook_configuration');
  }
  const { override_callback_uri: uri, verify_token: verifyToken } = config as Record<string, unknown>;
  if (uri === '') {
    phone.overrideUri = undefined;
    return ok({ success: true });
  }
  phone.overrideUri = await validateOverride(context, uri, verifyToken, (field) => `webhook_configuration[${field}]`);
  return ok({ success: true });
};
