import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'One opening span on a weekday, in the schedule\'s timezone.' })
export class BusinessHoursSpan {
  @Field({ description: 'MONDAY … SUNDAY.' })
  day!: string;

  @Field({ description: 'HH:MM, 24-hour clock.' })
  start!: string;

  @Field({ description: 'HH:MM; an end before the start spans midnight.' })
  end!: string;
}

@ObjectType({ description: 'When an agent answers on WhatsApp; outside these hours the fallback message is sent.' })
export class BusinessHours {
  @Field()
  enabled!: boolean;

  @Field({ description: 'An IANA timezone, e.g. Europe/Lisbon.' })
  timezone!: string;

  @Field(() => [BusinessHoursSpan])
  schedule!: BusinessHoursSpan[];
}
