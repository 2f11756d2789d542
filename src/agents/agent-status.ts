import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';
import { CircuitState, CredentialSource, CredentialStatus, CredentialStatusReason, type PlatformDefault } from '../credentials';
import { CUSTOMER_SERVICE_WINDOW_MS, Conversation } from '../messaging';
import { WebhookEndpoint, WebhookRouting, WebhookStatus } from '../webhooks';
import { agentLineOf, platformLinkOf } from './agent-line';
import type { AgentWhatsAppConfig } from './agent-whatsapp-config.entity';

@ObjectType('WhatsAppAgentStatus', { description: 'Whether the agent can talk on WhatsApp right now, and why not.' })
export class AgentWhatsAppStatus {
  @Field({ description: 'Enabled, credential ACTIVE and webhooks routed here: customers reach the agent.' })
  ready!: boolean;

  @Field(() => CredentialSource, { description: 'The line the agent talks on: its owner\'s own number, or the platform\'s shared one.' })
  line!: CredentialSource;

  @Field(() => String, { nullable: true, description: 'On the platform\'s shared number: the wa.me link that reaches this agent.' })
  platformLink!: string | null;

  @Field(() => CredentialStatus, { nullable: true, description: 'Null when the agent has no credential on its line.' })
  credentialStatus!: CredentialStatus | null;

  @Field(() => CredentialStatusReason, { nullable: true })
  credentialStatusReason!: CredentialStatusReason | null;

  @Field(() => CircuitState, { nullable: true, description: 'OPEN while Meta keeps failing for the number: sends are paused for a moment.' })
  circuitState!: CircuitState | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Last health check of the credential.' })
  credentialCheckedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Meta quality rating of the phone number.' })
  qualityRating!: string | null;

  @Field(() => WebhookStatus, { nullable: true, description: 'Null when the credential has no webhook endpoint yet.' })
  webhookStatus!: WebhookStatus | null;

  @Field(() => WebhookRouting, { nullable: true })
  webhookRouting!: WebhookRouting | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  webhookVerifiedAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'The latest message from any customer.' })
  lastInboundAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'The latest message sent to any customer.' })
  lastOutboundAt!: Date | null;

  @Field({ description: 'At least one customer\'s 24-hour window is open: free-form messages can go to them.' })
  windowOpen!: boolean;

  @Field(() => Int, { description: 'Customers whose 24-hour window is open now.' })
  openWindows!: number;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the last open window closes; null when none is open.' })
  windowClosesAt!: Date | null;
}

export async function agentWhatsAppStatus(
  em: EntityManager,
  defaultSource: PlatformDefault,
  config: AgentWhatsAppConfig,
  now: Date = new Date(),
): Promise<AgentWhatsAppStatus> {
  const openSince = new Date(now.getTime() - CUSTOMER_SERVICE_WINDOW_MS);
  const ofAgent = { agentId: config.agentId, userId: config.userId };
  const { source, credential } = await agentLineOf(em.fork(), defaultSource, config);
  const [endpoint, latestInbound, latestOutbound, openWindows] = await Promise.all([
    credential ? em.fork().findOne(WebhookEndpoint, { credential: credential.id }) : null,
    em.fork().findOne(Conversation, { ...ofAgent, lastInboundAt: { $ne: null } }, { orderBy: { lastInboundAt: 'desc' }, fields: ['lastInboundAt'] }),
    em.fork().findOne(Conversation, { ...ofAgent, lastOutboundAt: { $ne: null } }, { orderBy: { lastOutboundAt: 'desc' }, fields: ['lastOutboundAt'] }),
    em.fork().count(Conversation, { ...ofAgent, lastInboundAt: { $gt: openSince } }),
  ]);
  const lastInboundAt = latestInbound?.lastInboundAt ?? null;
  const webhookStatus = endpoint?.status ?? null;
  return {
    ready:
      config.enabled &&
      credential?.status === CredentialStatus.ACTIVE &&
      credential.circuitState !== CircuitState.OPEN &&
      webhookStatus === WebhookStatus.ACTIVE,
    line: source,
    platformLink: source === CredentialSource.PLATFORM && credential && config.platformCode ? platformLinkOf(credential, config.platformCode) : null,
    credentialStatus: credential?.status ?? null,
    credentialStatusReason: credential?.statusReason ?? null,
    circuitState: credential?.circuitState ?? null,
    credentialCheckedAt: credential?.healthCheckedAt ?? null,
    qualityRating: credential?.qualityRating ?? null,
    webhookStatus,
    webhookRouting: endpoint?.routing ?? null,
    webhookVerifiedAt: endpoint?.verifiedAt ?? null,
    lastInboundAt,
    lastOutboundAt: latestOutbound?.lastOutboundAt ?? null,
    windowOpen: openWindows > 0,
    openWindows,
    windowClosesAt: openWindows > 0 && lastInboundAt ? new Date(lastInboundAt.getTime() + CUSTOMER_SERVICE_WINDOW_MS) : null,
  };
}
