import { PublicError } from '../platform/errors';
import { BusinessHours, BusinessHoursSpan, Weekday } from './business-hours';

/**
 * Business hours are wall-clock times in an IANA timezone. Every decision converts the instant to local
 * time through Intl (which knows the zone's DST rules), so "09:00-17:00 Europe/Lisbon" means 09:00 local
 * on both sides of a DST change, and a span whose end is before its start runs past midnight into the
 * next day.
 */

const WEEK: readonly Weekday[] = [
  Weekday.SUNDAY, Weekday.MONDAY, Weekday.TUESDAY, Weekday.WEDNESDAY, Weekday.THURSDAY, Weekday.FRIDAY, Weekday.SATURDAY,
];
const TIME = /^(?:([01]\d|2[0-3]):([0-5]\d)|24:00)$/;
// A zone name, never an offset ("+01:00" is accepted by Intl but has no DST rules and is not IANA).
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){0,2}$/;
const MAX_SPANS = 50;

interface LocalTime {
  /** YYYY-MM-DD in the zone. */
  date: string;
  weekday: Weekday;
  /** Minutes since local midnight. */
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function localTime(instant: Date, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  return { date, weekday: weekdayOf(date), minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

function weekdayOf(date: string): Weekday {
  return WEEK[new Date(`${date}T00:00:00Z`).getUTCDay()]!;
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

function previousWeekday(day: Weekday): Weekday {
  return WEEK[(WEEK.indexOf(day) + 6) % 7]!;
}

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** True when `instant` falls inside a span; always true without hours or with hours switched off. */
export function isOpenAt(hours: BusinessHours | null, instant: Date): boolean {
  if (!hours?.enabled) return true;
  const now = localTime(instant, hours.timezone);
  const yesterday = previousWeekday(now.weekday);
  return hours.schedule.some((span) => {
    const start = minutesOf(span.start);
    const end = minutesOf(span.end);
    if (start < end) return span.day === now.weekday && now.minutes >= start && now.minutes < end;
    // Overnight: from `start` on its day until `end` on the next day.
    return (span.day === now.weekday && now.minutes >= start) || (span.day === yesterday && now.minutes < end);
  });
}

/**
 * Names the closed period `instant` falls in: the local wall-clock time at which the most recent span
 * ended (within a week), or `never-open`. Two messages in the same night share the name, so the fallback
 * message goes out once per closed period, and the name is the same on every retry of the same message.
 */
export function closedPeriodOf(hours: BusinessHours, instant: Date): string {
  const now = localTime(instant, hours.timezone);
  const nowStamp = `${now.date}T${clock(now.minutes)}`;
  let latest: string | undefined;
  for (let back = 0; back <= 8; back++) {
    const date = addDays(now.date, -back);
    const day = weekdayOf(date);
    for (const span of hours.schedule) {
      if (span.day !== day) continue;
      const start = minutesOf(span.start);
      let end = minutesOf(span.end);
      let endDate = start < end ? date : addDays(date, 1);
      if (end === 24 * 60) {
        endDate = addDays(endDate, 1);
        end = 0;
      }
      const stamp = `${endDate}T${clock(end)}`;
      if (stamp <= nowStamp && (latest === undefined || stamp > latest)) latest = stamp;
    }
  }
  return latest ? `${hours.timezone}@${latest}` : 'never-open';
}

/** The zone's canonical IANA name, or null when it is not a zone Intl knows. */
export function canonicalTimeZone(value: string): string | null {
  if (value.length > 64 || !ZONE_NAME.test(value)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** Validates business hours from a client and returns them in stored form (canonical zone, plain objects). */
export function normalizeBusinessHours(input: BusinessHours, field: string): BusinessHours {
  const timezone = canonicalTimeZone(input.timezone);
  if (!timezone) {
    throw PublicError.badInput(`${field}.timezone`, 'The timezone must be an IANA timezone name, e.g. Europe/Lisbon.');
  }
  if (input.schedule.length > MAX_SPANS) {
    throw PublicError.badInput(`${field}.schedule`, `A schedule has at most ${MAX_SPANS} spans.`);
  }
  if (input.enabled && input.schedule.length === 0) {
    throw PublicError.badInput(`${field}.schedule`, 'Enabled business hours need at least one span.');
  }
  const schedule = input.schedule.map((span, i): BusinessHoursSpan => {
    const at = `${field}.schedule[${i}]`;
    if (!Object.values(Weekday).includes(span.day)) throw PublicError.badInput(`${at}.day`, 'The day must be MONDAY … SUNDAY.');
    if (!TIME.test(span.start) || span.start === '24:00') {
      throw PublicError.badInput(`${at}.start`, 'The start must be HH:MM between 00:00 and 23:59.');
    }
    if (!TIME.test(span.end)) throw PublicError.badInput(`${at}.end`, 'The end must be HH:MM between 00:00 and 24:00.');
    if (span.start === span.end) {
      throw PublicError.badInput(`${at}.end`, 'A span cannot end when it starts; use 00:00-24:00 for a whole day.');
    }
    return { day: span.day, start: span.start, end: span.end };
  });
  return { enabled: input.enabled, timezone, schedule };
}

/** What decides whether an agent does anything with an inbound message (see handleAgentInbound). */
export interface AgentActivity {
  enabled: boolean;
  autoReply: boolean;
  businessHours: BusinessHours | null;
  welcomeMessage: string | null;
  fallbackMessage: string | null;
}

/**
 * Whether the agent's inbound work would do anything for a message received at `at`: it is enabled
 * with auto-reply on, and either it is open (the runtime answers) or it has a welcome or fallback to
 * send. Processing queues agent work only then; a queue entry for a message nobody answers is waste.
 */
export function agentWillAct(config: AgentActivity, at: Date): boolean {
  if (!config.enabled || !config.autoReply) return false;
  return isOpenAt(config.businessHours, at) || config.fallbackMessage !== null || config.welcomeMessage !== null;
}
