import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCalendarDate } from '../../../src/core/model/dates.ts';
import { IncidentTimeIndex, orderBy } from '../../../src/core/time/incidentindex.ts';
import type { Incident } from '../../../src/core/model/schema.ts';
import { isIncidentShown, type TimeFilter } from '../../../src/core/time/timeline.ts';

function incident(index: number, start: number, length: number): Incident {
  const date = { ...parseCalendarDate('2020-01-01')!, start, end: start };
  return {
    kind: 'incident',
    index,
    id: `i${index}`,
    title: `Incident ${index}`,
    date,
    endDate: length ? { ...date, start: start + length, end: start + length } : undefined,
    first: start,
    last: start + length,
    category: 'attack',
    countries: ['IRN'],
    sources: [{ url: 'https://example.org' }],
    precision: 'exact',
    status: 'confirmed',
    coordinates: [0, 0],
  };
}

const incidents = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 400 }), fc.constantFrom(0, 0, 5, 40)), {
    maxLength: 120,
  })
  .map((spans) => spans.map(([start, length], i) => incident(i, start, length)));
const filters: fc.Arbitrary<TimeFilter> = fc.record({
  day: fc.integer({ min: -10, max: 450 }),
  mode: fc.constantFrom('cumulative' as const, 'window' as const),
  windowDays: fc.integer({ min: 1, max: 60 }),
});
const end = (i: Incident) => i.last;

describe('IncidentTimeIndex agrees with a plain pass over the incidents', () => {
  it('counts shown incidents', () => {
    fc.assert(
      fc.property(incidents, filters, (list, filter) => {
        const expected = list.filter((i) => isIncidentShown(filter, i.date.start, end(i))).length;
        expect(new IncidentTimeIndex(list).countShown(filter)).toBe(expected);
      }),
    );
  });

  it('lists the latest shown incidents, latest first', () => {
    fc.assert(
      fc.property(incidents, filters, fc.integer({ min: 1, max: 20 }), (list, filter, limit) => {
        const expected = list
          .filter((i) => isIncidentShown(filter, i.date.start, end(i)))
          .sort((a, b) => b.date.start - a.date.start || b.index - a.index)
          .slice(0, limit);
        expect(new IncidentTimeIndex(list).latestShown(filter, limit).map((i) => i.id)).toEqual(
          expected.map((i) => i.id),
        );
      }),
    );
  });

  it('counts incidents that began between two days', () => {
    fc.assert(
      fc.property(
        incidents,
        fc.integer({ min: -5, max: 420 }),
        fc.integer({ min: -5, max: 420 }),
        (list, from, to) => {
          const expected =
            to > from ? list.filter((i) => i.date.start > from && i.date.start <= to).length : 0;
          expect(new IncidentTimeIndex(list).countStartedBetween(from, to)).toBe(expected);
        },
      ),
    );
  });
});

describe('orderBy', () => {
  const byComparator = (primary: Float64Array, secondary: Float64Array) =>
    [...primary.keys()].sort(
      (a, b) => primary[a]! - primary[b]! || secondary[a]! - secondary[b]! || a - b,
    );

  it('orders by the first key, then the second, then position, packed or not', () => {
    const keys = (whole: boolean) =>
      fc.array(
        whole
          ? fc.tuple(fc.integer({ min: -40_000, max: 40_000 }), fc.integer({ min: 0, max: 50 }))
          : fc.tuple(
              fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
              fc.integer({ min: 0, max: 3 }),
            ),
        { maxLength: 300 },
      );
    for (const whole of [true, false]) {
      fc.assert(
        fc.property(keys(whole), (pairs) => {
          const primary = Float64Array.from(pairs, ([p]) => p);
          const secondary = Float64Array.from(pairs, ([, q]) => q);
          expect([...orderBy(primary, secondary)]).toEqual(byComparator(primary, secondary));
        }),
      );
    }
  });

  it('falls back to a comparator when the packed keys would not fit in 53 bits', () => {
    const primary = Float64Array.from([3e12, -3e12, 0, 3e12]);
    const secondary = Float64Array.from([2e6, 1, 5, 0]);
    expect([...orderBy(primary, secondary)]).toEqual([1, 2, 3, 0]);
  });
});
