import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayFromIso, isoFromDay } from '../../../src/core/model/dates.ts';
import { incidentColumns } from '../../../src/core/filter/summary.ts';
import {
  bucketAt,
  bucketSpan,
  bucketStart,
  bucketStarts,
  bucketTotal,
  chooseBucketSize,
  histogram,
} from '../../../src/core/time/histogram.ts';
import { buildMapData } from '../../../src/core/prepare/mapdata.ts';
import { builtInDataset } from '../../builtin.ts';

const day = (iso: string) => dayFromIso(iso)!;

describe('buckets', () => {
  it('start weeks on Monday and months and years on their first day, before 1970 too', () => {
    expect(isoFromDay(bucketStart(day('2023-01-27'), 'week'))).toBe('2023-01-23');
    expect(isoFromDay(bucketStart(day('1870-09-19'), 'week'))).toBe('1870-09-19');
    expect(isoFromDay(bucketStart(day('1870-09-19'), 'month'))).toBe('1870-09-01');
    expect(isoFromDay(bucketStart(day('1816-07-04'), 'year'))).toBe('1816-01-01');
  });

  it('choose days for a short range on a wide screen, years for two centuries', () => {
    const story = { start: day('2022-07-29'), end: day('2023-01-31') };
    expect(chooseBucketSize(story, 900)).toBe('day');
    expect(chooseBucketSize(story, 300)).toBe('week');
    expect(chooseBucketSize({ start: day('1816-01-01'), end: day('2014-12-31') }, 800)).toBe(
      'year',
    );
  });
});

describe('histogram', () => {
  const dataset = builtInDataset();
  const categories = dataset.categories.map((c) => c.id);
  const input = {
    starts: dataset.incidents.map((i) => i.date.start),
    categories: dataset.incidents.map((i) => i.category),
  };
  const range = buildMapData(dataset).range;

  it('counts every incident once, in the bucket of its first day', () => {
    for (const size of ['day', 'week', 'month', 'year'] as const) {
      const h = histogram(input, range, size, categories);
      let total = 0;
      for (let b = 0; b < h.starts.length; b++) total += bucketTotal(h, b);
      expect(total).toBe(dataset.incidents.length);
    }
    const weeks = histogram(input, range, 'week', categories);
    const tehran = dataset.incidents.find((i) => i.id === 'tehran-embassy-attack')!;
    const bucket = [...weeks.starts].findIndex((start, b) => {
      const span = bucketSpan(weeks, b);
      return tehran.date.start >= span.start && tehran.date.start <= span.end && start <= span.end;
    });
    expect(isoFromDay(bucketSpan(weeks, bucket).start)).toBe('2023-01-23');
    const attack = categories.indexOf('attack');
    expect(weeks.counts[bucket * categories.length + attack]).toBeGreaterThanOrEqual(1);
  });

  it('counts alike from category codes, the way the worker passes them', () => {
    const { categoryCodes, categoryIds } = incidentColumns(dataset.incidents);
    for (const size of ['day', 'week', 'month', 'year'] as const) {
      const coded = histogram({ ...input, categoryCodes, categoryIds }, range, size, categories);
      expect(coded).toEqual(histogram(input, range, size, categories));
    }
  });

  it('puts each incident in the bucket holding its day over ranges too long for a day table', () => {
    const long = { start: -3_000_000, end: 1_500_000 };
    const h = histogram(input, long, 'year', categories);
    let total = 0;
    for (let b = 0; b < h.starts.length; b++) total += bucketTotal(h, b);
    expect(total).toBe(dataset.incidents.length);
    for (const incident of dataset.incidents) {
      const span = bucketSpan(h, bucketAt(h, incident.date.start));
      expect(incident.date.start).toBeGreaterThanOrEqual(span.start);
      expect(incident.date.start).toBeLessThanOrEqual(span.end);
    }
  });

  it('follows the filters through the mask', () => {
    const mask = dataset.incidents.map((i) => (i.category === 'attack' ? 1 : 0));
    const h = histogram({ ...input, mask }, range, 'month', categories);
    const attack = categories.indexOf('attack');
    for (let b = 0; b < h.starts.length; b++) {
      expect(bucketTotal(h, b)).toBe(h.counts[b * categories.length + attack]);
    }
  });

  it('covers any range with buckets that tile it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -60_000, max: 30_000 }),
        fc.integer({ min: 0, max: 3000 }),
        fc.constantFrom('day', 'week', 'month', 'year' as const),
        (start, length, size) => {
          const r = { start, end: start + length };
          const starts = bucketStarts(r, size);
          expect(starts[0]).toBeLessThanOrEqual(r.start);
          for (let i = 1; i < starts.length; i++) expect(starts[i]).toBeGreaterThan(starts[i - 1]!);
          expect(starts.at(-1)).toBeLessThanOrEqual(r.end);
        },
      ),
    );
  });
});
