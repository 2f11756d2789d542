import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../platform/graphql/context';
import type { CredentialServices } from './credential-services';
import { commandContextOf } from './command-context';
import { ConnectWhatsAppCredentialInput } from './credential.resolver';
import { CredentialValidation, validateCredential } from './validate-credential';

@Resolver()
export class CredentialValidationResolver {
  constructor(private readonly services: CredentialServices) {}

  // A mutation although it changes nothing: its arguments are secrets, and a query may travel as a GET
  // whose URL ends up in access logs and browser history.
  @Mutation(() => CredentialValidation, {
    description:
      'Dry run of connectWhatsAppCredential for a connect wizard: runs every check with Meta and reports each one, storing nothing. ' +
      'Secrets are sent, never returned. DEPENDENCY_UNAVAILABLE when Meta cannot be reached.',
  })
  async validateWhatsAppCredential(
    @Arg('input', () => ConnectWhatsAppCredentialInput, { description: 'The same input as connectWhatsAppCredential (alertEmail is ignored).' })
    input: ConnectWhatsAppCredentialInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<CredentialValidation> {
    return validateCredential(commandContextOf(ctx, this.services), input);
  }
}
