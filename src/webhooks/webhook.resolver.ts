import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { auditWithin, AuditOutcome } from '../audit';
import { WhatsAppCredential } from '../credentials';
import { PublicError } from '../platform/errors';
import type { GraphQLContext } from '../platform/graphql/context';
import type { WebhookServices } from './webhook-services';
import { parseId } from '../platform/graphql/ids';
import { assertOwnerOrAdmin, requireViewer } from '../platform/graphql/viewer-guards';
import { enqueueWebhookConfiguration } from './configure-webhook';
import { newWebhookEndpoint } from './new-webhook-endpoint';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { WebhookStatus } from './webhook-status';

@Resolver(() => WhatsAppCredential)
export class CredentialWebhookResolver {
  @FieldResolver(() => WebhookEndpoint, {
    nullable: true,
    description: 'Where WhatsApp sends this number\'s webhooks, and whether Meta is configured to (never the verify token).',
  })
  webhook(@Root() credential: WhatsAppCredential, @Ctx() ctx: GraphQLContext): Promise<WebhookEndpoint | null> {
    // The parent resolver already authorized the credential.
    return ctx.em.findOne(WebhookEndpoint, { credential: credential.id });
  }
}

@Resolver(() => WebhookEndpoint)
export class WebhookMutationResolver {
  constructor(private readonly services: Pick<WebhookServices, 'jobs' | 'publicUrls'>) {}

  @Mutation(() => WebhookEndpoint, {
    description: 'Configures the credential\'s webhook in Meta again (in the background); the endpoint is PENDING until it finishes.',
  })
  async reconfigureWhatsAppWebhook(@Arg('credentialId', () => ID, { description: 'The credential whose webhook to configure again.' }) credentialId: string, @Ctx() ctx: GraphQLContext): Promise<WebhookEndpoint> {
    const viewer = requireViewer(ctx);
    const id = parseId(credentialId, 'Credential');
    return ctx.em.transactional(async (em) => {
      const credential = await em.findOne(WhatsAppCredential, { id });
      if (!credential) throw PublicError.notFound('Credential');
      assertOwnerOrAdmin(viewer, credential.userId, 'Credential', false);
      let endpoint = await em.findOne(WebhookEndpoint, { credential: credential.id });
      if (!endpoint) {
        endpoint = newWebhookEndpoint(credential, this.services.publicUrls.webhookBase);
        em.persist(endpoint);
      }
      endpoint.status = WebhookStatus.PENDING;
      endpoint.statusReason = 'Reconfiguration requested.';
      await enqueueWebhookConfiguration(this.services.jobs, em, credential.id);
      auditWithin(em, {
        actor: viewer,
        action: 'webhook.reconfigure',
        outcome: AuditOutcome.SUCCESS,
        subjectUserId: credential.userId,
        targetType: 'WhatsAppCredential',
        targetId: credential.id,
        requestId: ctx.requestId,
      });
      return endpoint;
    });
  }
}
