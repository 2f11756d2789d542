import { randomBytes, randomUUID } from 'node:crypto';
import type { SandboxAccount } from '../../src/adapters/sandbox';
import { serializeLikeMeta } from '../../src/adapters/sandbox';
import { signWebhookBody } from '../../src/adapters/whatsapp';

/** One signed POST body, as Meta would send it. */
export interface Delivery {
  body: Buffer;
  headers: { 'content-type': string; 'x-hub-signature-256': string };
  /** The answer that settles it when it is not 200: a body that is not JSON is refused with 400, never stored. */
  refusedWith?: number;
}

/** The outbound messages whose statuses the workload delivers; seeded in the database before the run. */
interface OutboundMessage {
  wamid: string;
  customer: string;
}

/**
 * What a phase offers and what the database must hold once it has drained. Every bad input has the
 * place where it must end up: stored with Meta's error, stored with its unknown type, dead-lettered with
 * a reason, recorded against no message, or the whole delivery marked as not what it claims to be.
 */
export interface Workload {
  /** Every distinct delivery, then the re-sent copies, in the shuffled order they are offered. */
  posts: Delivery[];
  distinct: number;
  /** Inbound messages that must each be stored exactly once (good, unknown type, missing content). */
  inbound: Set<string>;
  unknownType: Set<string>;
  /** Messages whose content object is missing, delivered with a value-level 131000 error. */
  missingContent: Set<string>;
  /** Messages too broken to store (no timestamp): each must be dead-lettered as `malformed_message`. */
  malformed: Set<string>;
  outbound: OutboundMessage[];
  /** Statuses of outbound messages nobody sent: recorded once each, attached to nothing. */
  orphanStatuses: Set<string>;
  /** Bodies that are not JSON at all: refused with 400 at receipt, never stored. */
  garbage: Set<string>;
  /** Changes for another phone number inside a valid signature: rejected, never stored. */
  wrongNumber: Set<string>;
  wrongNumberWamids: Set<string>;
}

/** Meta's order of a status's progress; the final status of a message is the highest one delivered. */
export const STATUS_ORDER = ['sent', 'delivered', 'read'] as const;

const MESSAGES_PER_MULTI = 3;

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomBytes(4).readUInt32BE(0) % (i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/**
 * `total` distinct deliveries for one account: about 3% of each bad kind, a fifth status updates (sent,
 * delivered and read of each outbound message, as separate deliveries), the rest inbound text (one in ten
 * carrying three messages). Then `duplicateShare` of them re-sent, and the whole list shuffled.
 */
export function buildWorkload(account: SandboxAccount, phase: string, total: number, duplicateShare = 0.1): Workload {
  const display = account.displayPhoneNumber.replace(/\D/g, '');
  const metadata = { display_phone_number: display, phone_number_id: account.phoneNumberId };
  const now = Math.floor(Date.now() / 1000);
  const wamid = (kind: string, n: number) => `wamid.fault-${phase}-${kind}-${n}-${randomUUID()}`;
  const customerOf = (n: number) => `55119${(10_000_000 + (n % 500)).toString()}`;
  const sign = (body: Buffer): Delivery => ({
    body,
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signWebhookBody(account.appSecret, body) },
  });
  const change = (value: Record<string, unknown>, phoneNumberId = account.phoneNumberId) =>
    sign(serializeLikeMeta({
      object: 'whatsapp_business_account',
      entry: [{ id: account.wabaId, changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { ...metadata, phone_number_id: phoneNumberId }, ...value } }] }],
    }));
  const contact = (customer: string) => [{ profile: { name: `Cliente ${customer.slice(-3)}` }, wa_id: customer }];

  const workload: Workload = {
    posts: [],
    distinct: 0,
    inbound: new Set(),
    unknownType: new Set(),
    missingContent: new Set(),
    malformed: new Set(),
    outbound: [],
    orphanStatuses: new Set(),
    garbage: new Set(),
    wrongNumber: new Set(),
    wrongNumberWamids: new Set(),
  };
  const deliveries: Delivery[] = [];
  const badEach = Math.max(1, Math.round(total * 0.005));
  const statusDeliveries = Math.floor((total * 0.2) / STATUS_ORDER.length) * STATUS_ORDER.length;

  for (let n = 0; n < badEach; n++) {
    const customer = customerOf(n);
    // Not JSON: cut off mid-object, as a broken proxy would.
    const garbage = Buffer.from(`{"object":"whatsapp_business_account","entry":[{"id":"${account.wabaId}","changes":[{"nonce":"${randomUUID()}"`);
    workload.garbage.add(garbage.toString('utf8'));
    deliveries.push({ ...sign(garbage), refusedWith: 400 });

    const unknown = wamid('unknown', n);
    workload.unknownType.add(unknown);
    workload.inbound.add(unknown);
    deliveries.push(change({ contacts: contact(customer), messages: [{ from: customer, id: unknown, timestamp: String(now), type: 'hologram', hologram: { frames: 3 } }] }));

    // The case seen when WhatsApp Web reconnects: an interactive message without its object, and the
    // explanation as a value-level error.
    const missing = wamid('missing', n);
    workload.missingContent.add(missing);
    workload.inbound.add(missing);
    deliveries.push(change({
      contacts: contact(customer),
      messages: [{ from: customer, id: missing, timestamp: String(now), type: 'interactive' }],
      errors: [{ code: 131000, title: 'Something went wrong', message: 'Something went wrong', error_data: { details: 'Message failed to send because of an unknown error.' } }],
    }));

    const malformed = wamid('malformed', n);
    workload.malformed.add(malformed);
    deliveries.push(change({ contacts: contact(customer), messages: [{ from: customer, id: malformed, type: 'text', text: { body: 'sem horário' } }] }));

    const orphan = wamid('orphan', n);
    workload.orphanStatuses.add(orphan);
    deliveries.push(change({ statuses: [{ id: orphan, status: 'delivered', timestamp: String(now), recipient_id: customer }] }));

    const stray = wamid('stray', n);
    const wrong = change({ contacts: contact(customer), messages: [{ from: customer, id: stray, timestamp: String(now), type: 'text', text: { body: 'outro número' } }] }, `9${account.phoneNumberId.slice(1)}`);
    workload.wrongNumber.add(wrong.body.toString('utf8'));
    workload.wrongNumberWamids.add(stray);
    deliveries.push(wrong);
  }

  for (let n = 0; n < statusDeliveries / STATUS_ORDER.length; n++) {
    const message = { wamid: wamid('out', n), customer: customerOf(n) };
    workload.outbound.push(message);
    STATUS_ORDER.forEach((status, step) => {
      deliveries.push(change({ statuses: [{ id: message.wamid, status, timestamp: String(now + step), recipient_id: message.customer }] }));
    });
  }

  for (let n = 0; deliveries.length < total; n++) {
    const customer = customerOf(n);
    const count = n % 10 === 9 ? MESSAGES_PER_MULTI : 1;
    const messages = Array.from({ length: count }, (_, k) => {
      const id = wamid('in', n * MESSAGES_PER_MULTI + k);
      workload.inbound.add(id);
      return { from: customer, id, timestamp: String(now + k), type: 'text', text: { body: `Olá, meu pedido já saiu? (${n}.${k})` } };
    });
    deliveries.push(change({ contacts: contact(customer), messages }));
  }

  workload.distinct = deliveries.length;
  const resent = shuffle([...deliveries]).slice(0, Math.round(deliveries.length * duplicateShare));
  workload.posts = shuffle([...deliveries, ...resent]);
  return workload;
}
