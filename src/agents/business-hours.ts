import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';

export enum Weekday {
  MONDAY = 'MONDAY',
  TUESDAY = 'TUESDAY',
  WEDNESDAY = 'WEDNESDAY',
  THURSDAY = 'THURSDAY',
  FRIDAY = 'FRIDAY',
  SATURDAY = 'SATURDAY',
  SUNDAY = 'SUNDAY',
}
registerEnumType(Weekday, { name: 'WhatsAppWeekday' });

/** Stored as JSON in `agent_whatsapp_configs.business_hours`; the same class is the output and the input. */
@ObjectType('WhatsAppBusinessHoursSpan', { description: 'One opening span on a weekday, in the schedule\'s timezone.' })
@InputType('WhatsAppBusinessHoursSpanInput')
export class BusinessHoursSpan {
  @Field(() => Weekday, { description: 'The weekday the span starts on.' })
  day!: Weekday;

  @Field({ description: 'HH:MM, 24-hour clock, local time.' })
  start!: string;

  @Field({ description: 'HH:MM (24:00 = midnight at the end of the day); an end before the start spans midnight.' })
  end!: string;
}

@ObjectType('WhatsAppBusinessHours', { description: 'When an agent answers on WhatsApp; outside these hours the fallback message is sent.' })
@InputType('WhatsAppBusinessHoursInput')
export class BusinessHours {
  @Field({ description: 'Off: the agent answers at any time.' })
  enabled!: boolean;

  @Field({ description: 'An IANA timezone, e.g. Europe/Lisbon; spans are local wall-clock times there (DST included).' })
  timezone!: string;

  @Field(() => [BusinessHoursSpan])
  schedule!: BusinessHoursSpan[];
}
