import { afterAll, describe, expect, it } from 'vitest';
import {
  addMonths,
  dayFromIso,
  formatCalendarDate,
  formatDay,
  isoFromDay,
  parseCalendarDate,
} from '../../../src/core/model/dates.ts';

// Node re-reads TZ whenever it is assigned, so one process can check several zones.
// Zone and its offset from UTC in minutes (as getTimezoneOffset reports it) in January 2023.
const ZONES: [string, number][] = [
  ['UTC', 0],
  ['Pacific/Kiritimati', -840],
  ['America/Los_Angeles', 480],
  ['Asia/Tehran', -210],
  ['Pacific/Pago_Pago', 660],
];
const originalZone = process.env.TZ;
afterAll(() => {
  process.env.TZ = originalZone;
});

describe.each(ZONES)('calendar dates in time zone %s', (zone, offset) => {
  it('gives the same day numbers and labels', () => {
    process.env.TZ = zone;
    expect(new Date('2023-01-27T12:00:00Z').getTimezoneOffset()).toBe(offset);
    expect(dayFromIso('1970-01-01')).toBe(0);
    expect(dayFromIso('2023-01-27')).toBe(19384);
    expect(isoFromDay(19384)).toBe('2023-01-27');
    expect(formatDay(19384)).toBe('27 Jan 2023');
    const october = parseCalendarDate('2022-10')!;
    expect(isoFromDay(october.start)).toBe('2022-10-01');
    expect(isoFromDay(october.end)).toBe('2022-10-31');
    expect(formatCalendarDate(october)).toBe('Oct 2022');
    expect(formatCalendarDate(parseCalendarDate('2022')!)).toBe('2022');
  });
});

describe('parseCalendarDate', () => {
  it('reads the three precisions with the days they cover', () => {
    expect(parseCalendarDate('2023-01-27')).toEqual({
      text: '2023-01-27',
      precision: 'day',
      start: 19384,
      end: 19384,
    });
    const year = parseCalendarDate('2024')!;
    expect(year.precision).toBe('year');
    expect(year.end - year.start + 1).toBe(366);
    const february = parseCalendarDate('2024-02')!;
    expect(february.end - february.start + 1).toBe(29);
  });

  it('refuses impossible and malformed dates', () => {
    for (const text of [
      '2023-02-30',
      '2023-13',
      '2023-00',
      '2023-02-29',
      '23-01-01',
      '2023-1-5',
      '2023-01-27T00:00',
      '',
      ' 2023',
    ]) {
      expect(parseCalendarDate(text), text).toBeNull();
    }
    expect(parseCalendarDate('2024-02-29')).not.toBeNull();
  });

  it('handles years before 100 without the 1900 offset of Date.UTC', () => {
    expect(isoFromDay(parseCalendarDate('0050-06-15')!.start)).toBe('0050-06-15');
  });

  it('round-trips every day of a leap year', () => {
    const start = dayFromIso('2024-01-01')!;
    for (let day = start; day < start + 366; day++) {
      expect(dayFromIso(isoFromDay(day))).toBe(day);
    }
  });
});

describe('addMonths', () => {
  it('keeps the day of the month where it exists', () => {
    expect(isoFromDay(addMonths(dayFromIso('2023-01-31')!, 1))).toBe('2023-02-28');
    expect(isoFromDay(addMonths(dayFromIso('2023-03-15')!, -3))).toBe('2022-12-15');
    expect(isoFromDay(addMonths(dayFromIso('2022-11-30')!, 14))).toBe('2024-01-30');
  });
});
