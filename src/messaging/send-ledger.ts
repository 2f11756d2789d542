import type { EntityProperty } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { GroupCommit, type Outcome } from '../platform/db/group-commit';
import { isStatementError } from '../platform/db/pg-errors';
import { qualifiedTable, storedScalarProps } from '../platform/db/orm';
import { WhatsAppSuppression } from '../opt-outs/whatsapp-suppression.entity';
import { Conversation } from './conversation.entity';
import { MessageStatus } from './message-enums';
import { Message } from './message.entity';

type Row = Record<string, unknown>;

interface ConversationKey {
  phoneNumberId: string;
  customerWaId: string;
  /** See Conversation.agentLine. */
  agentLine: string;
  /** The sending credential, whose opt-out list is read in the same statement; null skips the list. */
  credentialId: string | null;
}

/** What a send needs to know about its customer before anything else: their thread, and whether they opted out. */
export interface SendTarget {
  conversation: Conversation | null;
  optedOut: boolean;
  /** The customer stopped marketing messages at WhatsApp: marketing templates are refused, the rest goes. */
  marketingOptedOut: boolean;
}

type TargetRow = { conversation: Row | null; optedOut: boolean; marketingOptedOut: boolean };

interface SentRow {
  id: string;
  whatsappMessageId: string;
  statusAt: Date;
  toPhone: string;
  conversationId: string;
  sentAt: Date;
}

export interface SendLedgerOptions {
  /** Rows per statement at most. */
  maxBatch?: number;
  /** Statements of one kind running at once (4); sends arriving meanwhile go out together in the next one. */
  maxInFlight?: number;
}

const ok = <R>(value: R): Outcome<R> => ({ ok: true, value });

/**
 * The send path's reads and writes of its own rows, batched across concurrent sends (group commit, as
 * the webhook inbox does): the conversations looked up, the `PENDING` rows inserted and the `SENT`
 * updates of one event-loop turn each travel as one statement, so a busy number costs a few round trips
 * and WAL flushes per batch instead of several per message. Each caller still awaits its own row; a
 * batch PostgreSQL refuses is run again row by row, so only the rows that fail fail their callers.
 *
 * A send running inside a transaction (none do today) bypasses the batches and uses its own connection.
 */
export class SendLedger {
  private readonly conversations: GroupCommit<ConversationKey, TargetRow>;
  private readonly pending: GroupCommit<Message, boolean>;
  private readonly sent: GroupCommit<SentRow, void>;
  private shape?: { table: string; columns: string; props: EntityProperty[]; conflict: string };

  constructor(
    private readonly orm: MikroORM,
    options: SendLedgerOptions = {},
  ) {
    // Four statements of a kind at once: a batch mostly waits for its WAL flush, and PostgreSQL flushes
    // the commits waiting together once, so more batches in flight shorten the queue (measured at 64
    // callers: about a tenth more sends a second than with two).
    const common = { maxBatch: options.maxBatch ?? 256, maxInFlight: options.maxInFlight ?? 4, isolate: isStatementError };
    this.conversations = new GroupCommit({ ...common, run: (keys) => this.readConversations(null, keys) });
    this.pending = new GroupCommit({ ...common, run: (messages) => this.insertPendingRows(null, messages) });
    this.sent = new GroupCommit({ ...common, run: (rows) => this.writeSent(null, rows) });
  }

  /** The thread of one customer with one phone number (and line), managed by `em`; null if there is none yet. */
  async conversation(em: EntityManager, phoneNumberId: string, customerWaId: string, agentLine: string): Promise<Conversation | null> {
    return (await this.target(em, { phoneNumberId, customerWaId, agentLine, credentialId: null })).conversation;
  }

  /**
   * The thread (managed by `em`, null if there is none yet) and whether the customer is on the sending
   * credential's opt-out list: read together, with the other sends of this moment, in one statement.
   */
  async target(em: EntityManager, key: ConversationKey): Promise<SendTarget> {
    const row = em.isInTransaction() ? (await this.readConversations(em, [key]))[0]! : ok(await this.conversations.submit(key));
    if (!row.ok) throw row.error;
    const { conversation, optedOut, marketingOptedOut } = row.value;
    return { conversation: conversation ? em.map(Conversation, { ...conversation }) : null, optedOut, marketingOptedOut };
  }

  /**
   * Stores the message (`PENDING`) unless its idempotency key is already taken for the credential and user:
   * true when this call stored it, false when an earlier send holds the key.
   */
  async insertPending(em: EntityManager, message: Message): Promise<boolean> {
    if (!em.isInTransaction()) return this.pending.submit(message);
    const [outcome] = await this.insertPendingRows(em, [message]);
    if (!outcome!.ok) throw outcome!.error;
    return outcome!.value;
  }

  /**
   * `SENT` with the wamid, and the conversation's last outbound time. A status webhook may already have
   * moved the message past `PENDING`; then only the conversation changes.
   */
  async recordSent(em: EntityManager, message: Message, sentAt: Date): Promise<void> {
    const row: SentRow = {
      id: message.id,
      whatsappMessageId: message.whatsappMessageId!,
      statusAt: message.statusAt!,
      toPhone: message.toPhone,
      conversationId: message.conversationId,
      sentAt,
    };
    if (!em.isInTransaction()) return this.sent.submit(row);
    const [outcome] = await this.writeSent(em, [row]);
    if (!outcome!.ok) throw outcome!.error;
  }

  /** A statement on `em` (its transaction), or on the pool when null. */
  private execute(em: EntityManager | null, sql: string, params: unknown[]): Promise<unknown> {
    return em ? em.execute(sql, params) : this.orm.em.getConnection().execute(sql, params);
  }

  private async readConversations(em: EntityManager | null, keys: ConversationKey[]): Promise<Array<Outcome<TargetRow>>> {
    const tuples = keys.map(() => '(?::int, ?, ?, ?, ?::uuid)').join(', ');
    const rows = (await this.execute(
      em,
      `select k.i as "__key", s.marketing_only as "__marketing_only", c.*
         from (values ${tuples}) as k(i, phone_number_id, customer_wa_id, agent_line, credential_id)
         -- One entry per customer and number (unique), so this join adds no row.
         left join ${qualifiedTable(this.orm.em, WhatsAppSuppression)} s
           on s.credential_id = k.credential_id and s.customer_wa_id = k.customer_wa_id
         left join ${qualifiedTable(this.orm.em, Conversation)} c
           on c.phone_number_id = k.phone_number_id and c.customer_wa_id = k.customer_wa_id and c.agent_line = k.agent_line`,
      keys.flatMap((k, i) => [i, k.phoneNumberId, k.customerWaId, k.agentLine, k.credentialId]),
    )) as Row[];
    const found = new Map(
      rows.map(({ __key, __marketing_only, ...conversation }) => [
        Number(__key),
        { conversation: conversation.id == null ? null : conversation, optedOut: __marketing_only === false, marketingOptedOut: __marketing_only === true },
      ]),
    );
    return keys.map((_k, i) => ok(found.get(i) ?? { conversation: null, optedOut: false, marketingOptedOut: false }));
  }

  /**
   * One multi-row INSERT … ON CONFLICT (credential, user, idempotency key) DO NOTHING. Rows go in key order,
   * so two batches holding the same keys wait for each other in the same order (no deadlock); a key
   * twice in one batch stores the first and reports the second as taken, as two single inserts would.
   */
  private async insertPendingRows(em: EntityManager | null, messages: Message[]): Promise<Array<Outcome<boolean>>> {
    const ordered = [...messages].sort(
      (a, b) => compare(a.credentialId, b.credentialId) || compare(a.userId, b.userId) || compare(a.idempotencyKey ?? '', b.idempotencyKey ?? ''),
    );
    const { table, columns, props, conflict } = this.insertShape();
    const platform = this.orm.em.getPlatform();
    const row = `(${props.map(() => '?').join(', ')})`;
    const values = ordered.flatMap((message) =>
      props.map((prop) => {
        const value = message[prop.name as keyof Message] as unknown;
        return prop.customType && value != null ? prop.customType.convertToDatabaseValue(value, platform, { mode: 'query' }) : value;
      }),
    );
    const returned = (await this.execute(
      em,
      `insert into ${table} (${columns}) values ${ordered.map(() => row).join(', ')} on conflict (${conflict}) do nothing returning id`,
      values,
    )) as Array<{ id: string }>;
    const stored = new Set(returned.map((r) => r.id));
    return messages.map((message) => ok(stored.has(message.id)));
  }

  /** The message's stored columns, from the entity's metadata (read once): the INSERT follows the entity. */
  private insertShape(): { table: string; columns: string; props: EntityProperty[]; conflict: string } {
    if (!this.shape) {
      const meta = this.orm.getMetadata().get(Message);
      const props = storedScalarProps(this.orm.em, Message);
      const column = (name: 'credentialId' | 'userId' | 'idempotencyKey') => `"${meta.properties[name].fieldNames[0]}"`;
      this.shape = {
        table: qualifiedTable(this.orm.em, Message),
        columns: props.map((prop) => `"${prop.fieldNames[0]}"`).join(', '),
        props,
        // The columns of whatsapp_messages_idempotency_unique.
        conflict: [column('credentialId'), column('userId'), column('idempotencyKey')].join(', '),
      };
    }
    return this.shape;
  }

  /**
   * One statement for the batch: the messages, then the conversations' last outbound time (the latest of
   * the batch per conversation). Conversations are locked in id order, so concurrent batches sharing
   * some of them cannot deadlock.
   */
  private async writeSent(em: EntityManager | null, rows: SentRow[]): Promise<Array<Outcome<void>>> {
    const ordered = [...rows].sort((a, b) => compare(a.id, b.id));
    const tuples = ordered.map(() => '(?::uuid, ?, ?::timestamptz, ?, ?::uuid, ?::timestamptz)').join(', ');
    const messages = qualifiedTable(this.orm.em, Message);
    const conversations = qualifiedTable(this.orm.em, Conversation);
    await this.execute(
      em,
      `with v (id, wamid, status_at, to_phone, conversation_id, sent_at) as (values ${tuples}),
       sent as (
         update ${messages} m set status = ?, whatsapp_message_id = v.wamid, status_at = v.status_at, to_phone = v.to_phone
           from v where m.id = v.id and m.status = ?
       ),
       latest as (select conversation_id, max(sent_at) as sent_at from v group by conversation_id),
       locked as (
         select c.id, latest.sent_at from ${conversations} c join latest on latest.conversation_id = c.id
          where c.last_outbound_at is null or c.last_outbound_at < latest.sent_at
          order by c.id for update of c
       )
       update ${conversations} c set last_outbound_at = locked.sent_at
         from locked where c.id = locked.id and (c.last_outbound_at is null or c.last_outbound_at < locked.sent_at)`,
      [
        ...ordered.flatMap((r) => [r.id, r.whatsappMessageId, r.statusAt, r.toPhone, r.conversationId, r.sentAt]),
        MessageStatus.SENT,
        MessageStatus.PENDING,
      ],
    );
    return rows.map(() => ok(undefined));
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
