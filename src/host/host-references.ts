import type { Agent } from './agent.type';
import type { User } from './user.type';

/**
 * Federation reference resolvers: the gateway hands us `{ id }` of the host's entities and we answer with
 * the same shape; our field resolvers do the rest, with their own authorization.
 */
export const hostReferenceResolvers = {
  User: { __resolveReference: (reference: Pick<User, 'id'>): User => ({ id: reference.id }) },
  Agent: { __resolveReference: (reference: Pick<Agent, 'id'>): Agent => ({ id: reference.id }) },
};
