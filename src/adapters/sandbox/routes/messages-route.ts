import { graphErrors } from '../graph-errors';
import { authorizeWaba } from '../sandbox-auth';
import { newWamid } from '../sandbox-ids';
import { MESSAGING_SCOPE, type SandboxPhone } from '../sandbox-state';
import { validateOutboundMessage } from './message-validation';
import { ok, type RouteHandler } from './route-context';

const WINDOW_MS = 24 * 60 * 60 * 1000;

/** The country calling code of the business number (`+1 555-…` → `1`), which Meta prefixes to bare `to`s. */
function businessCountryCode(phone: SandboxPhone): string {
  return /^\+(\d{1,3})[\s-]/.exec(phone.displayPhoneNumber)?.[1] ?? '1';
}

/** Fixed one-second buckets per number: enough for 130429 in a burst (docs/whatsapp-cloud-api.md §6.2). */
function takeThroughput(phone: SandboxPhone, nowMs: number): void {
  if (phone.throughputPerSecond === undefined) return;
  const second = Math.floor(nowMs / 1000);
  if (second !== phone.rateSecond) {
    phone.rateSecond = second;
    phone.rateCount = 0;
  }
  if (phone.rateCount >= phone.throughputPerSecond) throw graphErrors.throughputReached();
  phone.rateCount++;
}

/**
 * `POST /<PHONE_NUMBER_ID>/messages` (docs/whatsapp-cloud-api.md §5): sends and mark-as-read. Free-form
 * messages need an open 24 h window opened by the last inbound message the simulator delivered (§6.1,
 * 131047); templates do not. A restricted number answers 131031.
 */
export const messagesRoute: RouteHandler = (request, context) => {
  const [id, edge, ...rest] = request.segments;
  if (edge !== 'messages' || rest.length > 0) return undefined;
  const phone = context.state.phones.get(id!);
  if (!phone) return undefined;
  if (request.method !== 'POST') throw graphErrors.unsupportedMethod(request.method, `/${phone.id}/messages`);
  authorizeWaba(request.principal, phone.wabaId, MESSAGING_SCOPE);
  if (phone.restricted) throw graphErrors.accountLocked();

  const message = validateOutboundMessage(request.body, businessCountryCode(phone));
  if (message.kind === 'read') return ok({ success: true });

  const now = context.now();
  const recipient = message.waId ?? message.bsuid ?? message.input;
  if (message.type !== 'template' && message.recipientType === 'individual') {
    const lastInbound = phone.lastInboundAt.get(recipient);
    if (lastInbound === undefined || now - lastInbound > WINDOW_MS) throw graphErrors.reEngagement();
  }
  takeThroughput(phone, now);

  phone.accepted++;
  const wamid = newWamid(message.waId ?? '0');
  context.onMessageAccepted({ wamid, phoneNumberId: phone.id, recipient, type: message.type, body: request.body!, acceptedAt: now });
  const contacts =
    message.recipientType === 'group'
      ? []
      : [message.bsuid ? { input: message.input, user_id: message.bsuid } : { input: message.input, wa_id: message.waId }];
  return ok({
    messaging_product: 'whatsapp',
    contacts,
    messages: [
      {
        id: wamid,
        // `message_status` is reported for template sends only (docs/whatsapp-cloud-api.md §5.2).
        ...(message.type === 'template' ? { message_status: 'accepted' } : {}),
        ...(message.recipientType === 'group' ? { group_id: message.input } : {}),
      },
    ],
  });
};
