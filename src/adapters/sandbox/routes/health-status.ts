import type { SandboxApp, SandboxPhone, SandboxWaba } from '../sandbox-state';

type Level = 'AVAILABLE' | 'LIMITED' | 'BLOCKED';
const RANK: Record<Level, number> = { AVAILABLE: 0, LIMITED: 1, BLOCKED: 2 };

/**
 * `health_status` (docs/whatsapp-cloud-api.md §1.5): one entity per layer, and the overall value is the worst
 * of them. A restricted phone number is BLOCKED with the 131031 error Meta points to for locked accounts.
 */
export function healthStatus(target: { phone?: SandboxPhone; waba: SandboxWaba; app: SandboxApp }) {
  const phones = target.phone ? [target.phone] : [];
  const entities: Array<Record<string, unknown> & { can_send_message: Level }> = [];
  for (const phone of phones) {
    entities.push(
      phone.restricted
        ? {
            entity_type: 'PHONE_NUMBER',
            id: phone.id,
            can_send_message: 'BLOCKED',
            errors: [
              {
                error_code: 131031,
                error_description: 'The business phone number is restricted because of a policy violation.',
                possible_solution: 'Review the policy violation in WhatsApp Manager and request a review.',
              },
            ],
          }
        : { entity_type: 'PHONE_NUMBER', id: phone.id, can_send_message: 'AVAILABLE', can_receive_call_sip: 'AVAILABLE' },
    );
  }
  entities.push(
    { entity_type: 'WABA', id: target.waba.id, can_send_message: 'AVAILABLE' },
    { entity_type: 'BUSINESS', id: target.waba.businessId, can_send_message: 'AVAILABLE' },
    { entity_type: 'APP', id: target.app.id, can_send_message: 'AVAILABLE', can_receive_call_sip: 'AVAILABLE' },
  );
  const worst = entities.reduce<Level>((acc, e) => (RANK[e.can_send_message] > RANK[acc] ? e.can_send_message : acc), 'AVAILABLE');
  return { can_send_message: worst, entities };
}
