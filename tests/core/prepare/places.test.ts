import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtInDataset } from '../../builtin.ts';
import { dayFromIso, parseCalendarDate } from '../../../src/core/model/dates.ts';
import type { Incident } from '../../../src/core/model/schema.ts';
import {
  finestCell,
  groupPlaces,
  MAX_PLACE_LEVEL,
  PlaceCounts,
  placeBadges,
  placeLevel,
  type LonLatBounds,
  type PlaceLevel,
} from '../../../src/core/prepare/places.ts';
import { groupPlacesBefore } from './placesbefore.ts';
import { timeOrder } from '../../../src/core/time/incidentindex.ts';
import { isIncidentShown, type TimeFilter } from '../../../src/core/time/timeline.ts';

const TEHRAN = [
  'state-tv-music-video',
  'amirabdollahian-bayramov-call',
  'iran-personal-dispute-claim',
  'tehran-embassy-attack',
];

describe('groupPlaces on the built-in dataset', () => {
  const dataset = builtInDataset();
  const places = groupPlaces(dataset.incidents, timeOrder(dataset.incidents));
  const ids = (level: number, g: number) => {
    const { offsets, members } = places.levels[level]!;
    return [...members.subarray(offsets[g], offsets[g + 1])].map((p) => dataset.incidents[p]!.id);
  };

  it('finds the four incidents at Tehran and the four at Baku at street level, by first day', () => {
    const level = places.levels[MAX_PLACE_LEVEL]!;
    expect(level.offsets.length - 1).toBe(2);
    const groups = [ids(MAX_PLACE_LEVEL, 0), ids(MAX_PLACE_LEVEL, 1)];
    const tehran = groups.find((g) => g.includes('tehran-embassy-attack'))!;
    expect(tehran.slice(0, 1)).toEqual(['state-tv-music-video']);
    expect([...tehran].sort()).toEqual([...TEHRAN].sort());
    expect(groups.find((g) => g.includes('first-ambassador-to-israel'))).toHaveLength(4);
  });

  it('merges nearby places at the world view', () => {
    const level = places.levels[0]!;
    const all = Array.from({ length: level.offsets.length - 1 }, (_, g) => ids(0, g));
    const caucasus = all.find((g) => g.includes('tehran-embassy-attack'))!;
    expect(caucasus).toContain('first-ambassador-to-israel');
    expect(caucasus.length).toBeGreaterThan(8);
  });

  it('counts Tehran by the slider’s day, the mode and the filters', () => {
    const level = places.levels[placeLevel(6.4)]!;
    const g = Array.from({ length: level.offsets.length - 1 }, (_, i) => i).find((i) =>
      ids(6, i).includes('tehran-embassy-attack'),
    )!;
    const at = (iso: string, mode: TimeFilter['mode'] = 'cumulative'): TimeFilter => ({
      day: dayFromIso(iso)!,
      mode,
      windowDays: 30,
    });
    const counts = new PlaceCounts(level, dataset.incidents, null);
    expect(counts.count(g, at('2022-12-01'))).toBe(1);
    expect(counts.count(g, at('2023-01-15'))).toBe(3);
    expect(counts.count(g, at('2023-02-01'))).toBe(4);
    expect(counts.count(g, at('2023-03-15', 'window'))).toBe(0);
    const attacks = Uint8Array.from(dataset.incidents, (i) => (i.category === 'attack' ? 1 : 0));
    expect(new PlaceCounts(level, dataset.incidents, attacks).count(g, at('2023-02-01'))).toBe(1);
    const badges = placeBadges(counts, at('2023-02-01'));
    expect(badges.map((b) => b.count)).toEqual([4, 4]);
    expect(placeBadges(counts, at('2023-02-01'), [40, 30, 55, 38])).toHaveLength(1);
    expect(placeBadges(counts, at('2023-02-01'), [170, 30, 55, 38])).toHaveLength(1);
    expect(placeBadges(counts, at('2023-02-01'), [170, 30, 55 + 360, 38])).toHaveLength(1);
    expect(placeBadges(counts, at('2023-02-01'), [60, 30, 170, 38])).toHaveLength(0);
    expect(placeBadges(counts, at('2022-12-01'))).toHaveLength(0);
    const shown = counts.shown(g, at('2023-01-15'), dataset.incidents);
    expect(shown.map((p) => dataset.incidents[p]!.id)).toEqual([
      'state-tv-music-video',
      'iran-personal-dispute-claim',
      'amirabdollahian-bayramov-call',
    ]);
  });
});

function incident(index: number, place: [number, number], start: number, length: number): Incident {
  const date = { ...parseCalendarDate('2020-01-01')!, start, end: start };
  return {
    kind: 'incident',
    index,
    id: `i${index}`,
    title: `Incident ${index}`,
    date,
    first: start,
    last: start + length,
    category: index % 3 ? 'attack' : 'protest',
    countries: ['IRN'],
    sources: [{ url: 'https://example.org' }],
    precision: 'exact',
    status: 'confirmed',
    coordinates: place,
  };
}

const PLACES: [number, number][] = [
  [51.389, 35.6892],
  [51.3891, 35.6892],
  [49.8671, 40.4093],
  [-179.9999, 10],
  [179.9999, 10],
  [0, 85.5],
  [12.5, -41.9],
];

describe('groupPlaces and PlaceCounts against brute force', () => {
  it('groups exactly the cells holding two or more, and counts what the time filter shows', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: PLACES.length - 1 }),
            fc.integer({ min: 0, max: 300 }),
            fc.constantFrom(0, 0, 7, 60),
          ),
          { maxLength: 60 },
        ),
        fc.integer({ min: 0, max: MAX_PLACE_LEVEL }),
        fc.integer({ min: -10, max: 400 }),
        fc.constantFrom('cumulative' as const, 'window' as const),
        fc.integer({ min: 1, max: 90 }),
        fc.boolean(),
        (rows, level, day, mode, windowDays, masked) => {
          const incidents = rows.map(([p, start, length], i) =>
            incident(i, PLACES[p]!, start, length),
          );
          const { levels } = groupPlaces(incidents, timeOrder(incidents));
          const cellOf = (i: Incident) =>
            finestCell(i.coordinates)
              .map((c) => c >>> (MAX_PLACE_LEVEL - level))
              .join(',');
          const byCell = new Map<string, number[]>();
          incidents.forEach((i, p) => byCell.set(cellOf(i), [...(byCell.get(cellOf(i)) ?? []), p]));
          const expected = [...byCell.values()].filter((g) => g.length >= 2);
          const found = levels[level]!;
          expect(found.offsets.length - 1).toBe(expected.length);
          const mask = masked
            ? Uint8Array.from(incidents, (i) => (i.category === 'attack' ? 1 : 0))
            : null;
          const counts = new PlaceCounts(found, incidents, mask);
          const filter: TimeFilter = { day, mode, windowDays };
          for (let g = 0; g < counts.size; g++) {
            const members = [...found.members.subarray(found.offsets[g], found.offsets[g + 1])];
            expect(new Set(members.map((p) => cellOf(incidents[p]!))).size).toBe(1);
            const firsts = members.map((p) => incidents[p]!.first);
            expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
            const shown = members.filter(
              (p) =>
                (!mask || mask[p]) &&
                isIncidentShown(filter, incidents[p]!.first, incidents[p]!.last),
            );
            expect(counts.count(g, filter)).toBe(shown.length);
            expect(counts.shown(g, filter, incidents)).toEqual(shown);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('groupPlaces against the implementation it replaced', () => {
  it('returns the same groups in the same order, member for member, at every level', () => {
    const place = fc.oneof(
      fc.constantFrom(...PLACES),
      fc.tuple(
        fc.double({ min: -540, max: 540, noNaN: true }),
        fc.double({ min: -90, max: 90, noNaN: true }),
      ),
      // Places a few metres apart, so finer levels split what coarser ones merge.
      fc
        .tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }))
        .map(([x, y]): [number, number] => [51.38 + x * 1e-4, 35.68 + y * 1e-4]),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(place, fc.integer({ min: 0, max: 50 })), { maxLength: 200 }),
        (rows) => {
          const incidents = rows.map(([at, start], i) => incident(i, at, start, 0));
          const order = timeOrder(incidents);
          expect(groupPlaces(incidents, order)).toEqual(groupPlacesBefore(incidents, order));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('agrees on the built-in dataset', () => {
    const { incidents } = builtInDataset();
    const order = timeOrder(incidents);
    expect(groupPlaces(incidents, order)).toEqual(groupPlacesBefore(incidents, order));
  });
});

describe('placeBadges against a plain sort', () => {
  it('keeps the most crowded places by count then group, ties included, as sorting all would', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 1, max: 6 }),
            fc.double({ min: -180, max: 180, noNaN: true }),
            fc.double({ min: -80, max: 80, noNaN: true }),
          ),
          { maxLength: 120 },
        ),
        fc.integer({ min: 1, max: 130 }),
        fc.option(fc.constant<LonLatBounds>([-90, -40, 90, 40])),
        (groups, limit, bounds) => {
          // Group g has sizes[g] incidents of day 0, so it counts all of them at day 0.
          const offsets = Int32Array.from({ length: groups.length + 1 }, (_, g) =>
            groups.slice(0, g).reduce((sum, [size]) => sum + size, 0),
          );
          const total = offsets[groups.length]!;
          const level: PlaceLevel = {
            offsets,
            members: Int32Array.from({ length: total }, (_, k) => k),
            lonLat: Float64Array.from(groups.flatMap(([, lon, lat]) => [lon, lat])),
          };
          const incidents = Array.from({ length: total }, (_, k) => incident(k, [0, 0], 0, 0));
          const counts = new PlaceCounts(level, incidents, null);
          const filter: TimeFilter = { day: 0, mode: 'cumulative', windowDays: 30 };
          const all = groups.flatMap(([count, lon, lat], group) =>
            count >= 2 && (!bounds || (lat >= -40 && lat <= 40 && lon >= -90 && lon <= 90))
              ? [{ group, count, lon, lat }]
              : [],
          );
          const expected =
            all.length <= limit
              ? all
              : all.sort((a, b) => b.count - a.count || a.group - b.group).slice(0, limit);
          expect(placeBadges(counts, filter, bounds ?? undefined, limit)).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});
