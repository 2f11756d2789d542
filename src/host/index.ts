export { User } from './user.type';
export { Agent } from './agent.type';
export { hostReferenceResolvers } from './host-references';
