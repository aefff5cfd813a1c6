import { describe, expect, it } from 'vitest';
import { axisTicks, calendarParts, type AxisTick } from '../../../src/core/time/ticks.ts';

import { dayFromIso, isoFromDay } from '../../../src/core/model/dates.ts';

const range = (from: string, to: string) => ({ start: dayFromIso(from)!, end: dayFromIso(to)! });
/** About the width of 11 px text: wide enough for any script the app speaks. */
const measure = (label: string) => label.length * 7;
const english = { language: 'en' as const, calendar: 'gregory' as const, measure };
const persian = { language: 'fa' as const, calendar: 'persian' as const, measure };

function neverOverlap(ticks: AxisTick[], width: number): void {
  for (const [k, tick] of ticks.entries()) {
    expect(tick.offset + measure(tick.label)).toBeLessThanOrEqual(width);
    const next = ticks[k + 1];
    if (next) expect(next.offset - tick.offset).toBeGreaterThanOrEqual(measure(tick.label) + 12);
  }
}

describe('axisTicks', () => {
  it('labels months over a few months, with the year on the first and on January', () => {
    const ticks = axisTicks(range('2022-07-25', '2023-02-10'), 900, english);
    expect(ticks.map((t) => t.label)).toEqual([
      'Aug 2022',
      'Sep',
      'Oct',
      'Nov',
      'Dec',
      'Jan 2023',
      'Feb',
    ]);
    expect(ticks.map((t) => isoFromDay(t.day).slice(8))).toEqual(Array(7).fill('01'));
    neverOverlap(ticks, 900);
  });

  it('labels years of a two-century range, a few of them', () => {
    const ticks = axisTicks(range('1816-01-01', '2014-12-31'), 900, english);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(ticks.length).toBeLessThanOrEqual(13);
    for (const tick of ticks) expect(isoFromDay(tick.day)).toMatch(/-01-01$/);
    expect(ticks[0]!.label).toBe('1820');
    neverOverlap(ticks, 900);
  });

  it('labels days over a fortnight, and fewer as the axis narrows, none when it is too narrow', () => {
    const fortnight = range('2023-01-20', '2023-02-02');
    const wide = axisTicks(fortnight, 900, english);
    // 64 px a day: every other day, on odd days of the month.
    expect(wide.map((t) => t.label).slice(0, 3)).toEqual(['21 Jan', '23 Jan', '25 Jan']);
    neverOverlap(wide, 900);
    const narrow = axisTicks(fortnight, 300, english);
    expect(narrow.length).toBeLessThan(wide.length);
    neverOverlap(narrow, 300);
    expect(axisTicks(fortnight, 40, english)).toEqual([]);
  });

  it('follows the Solar Hijri calendar in Persian: months from its own first days, Persian digits', () => {
    const ticks = axisTicks(range('2022-07-25', '2023-02-10'), 900, persian);
    expect(ticks.length).toBeGreaterThanOrEqual(5);
    for (const tick of ticks) expect(calendarParts(tick.day, 'persian').day).toBe(1);
    // 1 Mordad 1401 is 23 July 2022, before the range; 1 Shahrivar is 23 August.
    expect(isoFromDay(ticks[0]!.day)).toBe('2022-08-23');
    expect(ticks[0]!.label).toBe('شهریور ۱۴۰۱');
    expect(ticks.map((t) => t.label).join(' ')).not.toMatch(/[0-9]/);
    neverOverlap(ticks, 900);
    // Years start at Nowruz.
    const years = axisTicks(range('2000-01-01', '2020-12-31'), 900, persian);
    for (const tick of years) expect(isoFromDay(tick.day)).toMatch(/-03-(20|21|22)$/);
    expect(years.length).toBeGreaterThan(2);
  });
});
