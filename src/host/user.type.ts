import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The host's user, extended with this plugin's fields. The host subgraph owns every other field. */
@Directive('@key(fields: "id")')
@ObjectType()
export class User {
  @Field(() => ID, { description: 'The host\'s id of the user.' })
  id!: string;
}
