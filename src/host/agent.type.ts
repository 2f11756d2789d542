import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The host's agent, extended with this plugin's fields. The host subgraph owns every other field. */
@Directive('@key(fields: "id")')
@ObjectType()
export class Agent {
  @Field(() => ID, { description: 'The host\'s id of the agent.' })
  id!: string;
}
