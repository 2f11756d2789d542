import { ErrorCode, PublicError } from '../platform/errors';
import { Weekday, type BusinessHours } from './business-hours';
import { canonicalTimeZone, closedPeriodOf, isOpenAt, normalizeBusinessHours } from './business-hours-clock';

const weekdays = [Weekday.MONDAY, Weekday.TUESDAY, Weekday.WEDNESDAY, Weekday.THURSDAY, Weekday.FRIDAY];
const hours = (timezone: string, schedule: BusinessHours['schedule'], enabled = true): BusinessHours => ({ enabled, timezone, schedule });
const every = (days: Weekday[], start: string, end: string) => days.map((day) => ({ day, start, end }));
const at = (iso: string) => new Date(iso);

describe('isOpenAt', () => {
  test('no hours, or hours switched off, means always open', () => {
    expect(isOpenAt(null, at('2026-01-01T03:00:00Z'))).toBe(true);
    expect(isOpenAt(hours('UTC', every([Weekday.MONDAY], '09:00', '10:00'), false), at('2026-01-01T03:00:00Z'))).toBe(true);
  });

  test('spans are local wall-clock time on both sides of the spring DST change (Europe/Lisbon)', () => {
    const lisbon = hours('Europe/Lisbon', every([Weekday.SATURDAY, Weekday.SUNDAY], '09:00', '17:00'));
    // Saturday 28 March 2026 is still WET (UTC+0): 08:30Z is 08:30 local.
    expect(isOpenAt(lisbon, at('2026-03-28T08:30:00Z'))).toBe(false);
    expect(isOpenAt(lisbon, at('2026-03-28T09:00:00Z'))).toBe(true);
    // Sunday 29 March 2026 is WEST (UTC+1) from 01:00Z: 08:30Z is 09:30 local, 16:30Z is 17:30 local.
    expect(isOpenAt(lisbon, at('2026-03-29T08:30:00Z'))).toBe(true);
    expect(isOpenAt(lisbon, at('2026-03-29T07:59:00Z'))).toBe(false);
    expect(isOpenAt(lisbon, at('2026-03-29T15:59:00Z'))).toBe(true);
    expect(isOpenAt(lisbon, at('2026-03-29T16:30:00Z'))).toBe(false);
  });

  test('and on both sides of the autumn change (America/New_York)', () => {
    const newYork = hours('America/New_York', every([Weekday.SATURDAY, Weekday.SUNDAY], '09:00', '17:00'));
    // Saturday 31 October 2026 is EDT (UTC-4); Sunday 1 November is EST (UTC-5) from 06:00Z.
    expect(isOpenAt(newYork, at('2026-10-31T13:00:00Z'))).toBe(true); // 09:00 EDT
    expect(isOpenAt(newYork, at('2026-10-31T12:59:00Z'))).toBe(false);
    expect(isOpenAt(newYork, at('2026-11-01T13:30:00Z'))).toBe(false); // 08:30 EST
    expect(isOpenAt(newYork, at('2026-11-01T14:00:00Z'))).toBe(true); // 09:00 EST
    expect(isOpenAt(newYork, at('2026-11-01T21:59:00Z'))).toBe(true); // 16:59 EST
  });

  test('an overnight span runs from its start on its day to its end the next morning', () => {
    const tokyo = hours('Asia/Tokyo', [{ day: Weekday.FRIDAY, start: '22:00', end: '06:00' }]);
    // Friday 20 November 2026, JST = UTC+9.
    expect(isOpenAt(tokyo, at('2026-11-20T12:59:00Z'))).toBe(false); // Fri 21:59
    expect(isOpenAt(tokyo, at('2026-11-20T13:00:00Z'))).toBe(true); // Fri 22:00
    expect(isOpenAt(tokyo, at('2026-11-20T20:59:00Z'))).toBe(true); // Sat 05:59
    expect(isOpenAt(tokyo, at('2026-11-20T21:00:00Z'))).toBe(false); // Sat 06:00
    expect(isOpenAt(tokyo, at('2026-11-19T14:00:00Z'))).toBe(false); // Thu 23:00: no span on Thursday
  });

  test('24:00 ends a span at midnight', () => {
    const allDay = hours('UTC', [{ day: Weekday.MONDAY, start: '00:00', end: '24:00' }]);
    expect(isOpenAt(allDay, at('2026-11-23T00:00:00Z'))).toBe(true);
    expect(isOpenAt(allDay, at('2026-11-23T23:59:00Z'))).toBe(true);
    expect(isOpenAt(allDay, at('2026-11-24T00:00:00Z'))).toBe(false);
  });
});

describe('closedPeriodOf', () => {
  const office = hours('Europe/Lisbon', every(weekdays, '09:00', '18:00'));

  test('names one closed period from the last closing until the next opening', () => {
    // Friday 20 November 2026 18:00 WET until Monday 23 November 09:00.
    const friday = closedPeriodOf(office, at('2026-11-20T20:00:00Z'));
    expect(friday).toBe('Europe/Lisbon@2026-11-20T18:00');
    expect(closedPeriodOf(office, at('2026-11-21T10:00:00Z'))).toBe(friday);
    expect(closedPeriodOf(office, at('2026-11-23T08:59:00Z'))).toBe(friday);
    expect(closedPeriodOf(office, at('2026-11-23T19:00:00Z'))).toBe('Europe/Lisbon@2026-11-23T18:00');
  });

  test('an overnight span closes on the next day', () => {
    const nights = hours('UTC', [{ day: Weekday.FRIDAY, start: '22:00', end: '06:00' }]);
    expect(closedPeriodOf(nights, at('2026-11-21T07:00:00Z'))).toBe('UTC@2026-11-21T06:00');
  });

  test('a schedule that never opened within a week has one name', () => {
    const never = hours('UTC', [{ day: Weekday.MONDAY, start: '09:00', end: '10:00' }]);
    expect(closedPeriodOf({ ...never, schedule: [] }, at('2026-11-21T07:00:00Z'))).toBe('never-open');
  });
});

describe('normalizeBusinessHours', () => {
  const codeOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      expect(error).toBeInstanceOf(PublicError);
      return { code: (error as PublicError).code, field: (error as PublicError).extensions.field };
    }
    throw new Error('expected a PublicError');
  };

  test('keeps a valid schedule and canonicalises the zone', () => {
    expect(canonicalTimeZone('utc')).toBe('UTC');
    expect(normalizeBusinessHours(hours('Europe/Lisbon', every([Weekday.MONDAY], '09:00', '24:00')), 'input.businessHours')).toEqual(
      hours('Europe/Lisbon', [{ day: Weekday.MONDAY, start: '09:00', end: '24:00' }]),
    );
  });

  test.each([
    ['an unknown zone', hours('Mars/Olympus_Mons', []), 'input.businessHours.timezone'],
    ['an offset instead of a zone', hours('+01:00', []), 'input.businessHours.timezone'],
    ['an enabled schedule without spans', hours('UTC', []), 'input.businessHours.schedule'],
    ['a malformed start', hours('UTC', every([Weekday.MONDAY], '9:00', '17:00')), 'input.businessHours.schedule[0].start'],
    ['a start at 24:00', hours('UTC', every([Weekday.MONDAY], '24:00', '17:00')), 'input.businessHours.schedule[0].start'],
    ['an end past 24:00', hours('UTC', every([Weekday.MONDAY], '09:00', '24:30')), 'input.businessHours.schedule[0].end'],
    ['an empty span', hours('UTC', every([Weekday.MONDAY], '09:00', '09:00')), 'input.businessHours.schedule[0].end'],
    ['an unknown day', hours('UTC', [{ day: 'FUNDAY' as Weekday, start: '09:00', end: '10:00' }]), 'input.businessHours.schedule[0].day'],
  ])('refuses %s', (_label, input, field) => {
    expect(codeOf(() => normalizeBusinessHours(input, 'input.businessHours'))).toEqual({ code: ErrorCode.BadUserInput, field });
  });
});
