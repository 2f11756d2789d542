import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';

export enum AgentReplyState {
  /** Not answered yet; `leaseUntil` marks a call in progress. */
  PENDING = 'pending',
  /** The runtime answered with a reply; `replyMessageId` is set once it is sent. */
  REPLIED = 'replied',
  /** The runtime answered that it has nothing to say. */
  NO_REPLY = 'no_reply',
  /** The runtime refused the request for good (a 4xx, or an answer that breaks the contract). */
  FAILED = 'failed',
  /**
   * The runtime's reply was not sent and will not be: it breaks one of Meta's limits, a template check,
   * or the send was refused for good (window closed, customer opted out). `lastError` says why.
   */
  REFUSED = 'refused',
}

/**
 * The agent runtime's answer to one inbound message, keyed by that message: the marker that makes the
 * call happen once. Once an answer is recorded no retry calls the runtime again; a retry only re-sends the
 * recorded reply, whose own idempotency key keeps it from reaching the customer twice.
 */
@Entity({ tableName: 'agent_replies' })
@Index({ properties: ['agentId', 'createdAt'] })
export class AgentReply {
  [OptionalProps]?: 'id' | 'state' | 'attempts' | 'leaseUntil' | 'reply' | 'replyMessageId' | 'lastError' | 'answeredAt' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  @Unique({ name: 'agent_replies_inbound_message_unique' })
  inboundMessageId!: string;

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'uuid' })
  agentId!: string;

  @Enum({ items: () => AgentReplyState })
  state: AgentReplyState = AgentReplyState.PENDING;

  /** Calls made to the runtime so far (each retry of a failed call counts). */
  @Property({ type: 'integer' })
  attempts: number = 0;

  /** While in the future, one worker is calling the runtime; a concurrent duplicate job waits for it. */
  @Property({ type: 'timestamptz', nullable: true })
  leaseUntil: Date | null = null;

  /** The reply as the runtime gave it (see agent-runtime-contract.ts). */
  @Property({ type: 'jsonb', nullable: true })
  reply: Record<string, unknown> | null = null;

  @Property({ type: 'uuid', nullable: true })
  replyMessageId: string | null = null;

  /** Why the call failed or, when REFUSED, why the reply was not sent: safe to show, never a secret. */
  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  answeredAt: Date | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
