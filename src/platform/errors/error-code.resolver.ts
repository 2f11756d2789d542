import { Query, Resolver } from 'type-graphql';
import { ErrorCode } from './error-code';
import { WhatsAppErrorCode } from './error-code-schema';

/**
 * Puts the error-code enum in the schema through an output field: an enum no field uses would reach the
 * supergraph only with a composition hint, and clients' code generators would skip it.
 */
@Resolver()
export class ErrorCodeResolver {
  @Query(() => [WhatsAppErrorCode], {
    description: 'Every error code this subgraph can put in `extensions.code`, for clients that list or check them at run time. Needs no token.',
  })
  whatsAppErrorCodes(): ErrorCode[] {
    return Object.values(ErrorCode);
  }
}
