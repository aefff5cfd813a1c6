import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  arcAt,
  arcsInView,
  isArcShown,
  packArcs,
  SEGMENT_STRIDE,
  worldCopies,
  type ArcFeature,
} from '../../src/lib/arcbuffers.ts';
import { dayFromIso } from '../../src/lib/dates.ts';
import { buildMapData, OPEN_END } from '../../src/lib/mapdata.ts';
import { mercator } from '../../src/lib/mercator.ts';
import { STANCE_STYLES } from '../../src/lib/palette.ts';
import { STANCES, type Stance } from '../../src/lib/schema.ts';
import { builtInDataset } from './builtin.ts';

const arcs: ArcFeature[] = buildMapData(builtInDataset()).arcs.features;
const buffers = packArcs(arcs);
const day = (iso: string) => dayFromIso(iso)!;
const indexOf = (id: string) => arcs.findIndex((arc) => arc.properties.id === id);
/** Pixels per world at zoom 5. */
const WORLD = 512 * 2 ** 5;

function segmentsOf(stretch: number): number[][] {
  const [first, count] = [buffers.ranges[stretch * 2]!, buffers.ranges[stretch * 2 + 1]!];
  return Array.from({ length: count }, (_, k) => [
    ...buffers.segments.subarray((first + k) * SEGMENT_STRIDE, (first + k + 1) * SEGMENT_STRIDE),
  ]);
}

/** A stretch of `stance` along `line`, shown from `start` on. */
function stretch(id: string, line: [number, number][], stance: Stance = 'tension'): ArcFeature {
  return {
    geometry: { type: 'LineString', coordinates: line },
    properties: { key: id, id, pair: id, stance, start: 0, end: OPEN_END },
  };
}

describe('packArcs', () => {
  it('packs every segment of every stretch, in Web Mercator, with its days, stance and pair', () => {
    const total = arcs.reduce((sum, arc) => sum + arc.geometry.coordinates.length - 1, 0);
    expect(buffers.count).toBe(total);
    arcs.forEach((arc, i) => {
      const line = arc.geometry.coordinates as [number, number][];
      const segments = segmentsOf(i);
      expect(segments).toHaveLength(line.length - 1);
      let along = 0;
      segments.forEach((s, k) => {
        const [x0, y0] = mercator(...line[k]!);
        const [x1, y1] = mercator(...line[k + 1]!);
        expect(s[0]).toBeCloseTo(x0, 6);
        expect(s[1]).toBeCloseTo(y0, 6);
        expect(s[2]).toBeCloseTo(x1, 6);
        expect(s[3]).toBeCloseTo(y1, 6);
        expect(s[4]).toBeCloseTo(along, 6);
        along += Math.hypot(x1 - x0, y1 - y0);
        expect([s[5], s[6]]).toEqual([arc.properties.start, arc.properties.end]);
        expect(STANCES[s[7]!]).toBe(arc.properties.stance);
      });
    });
  });

  it('gives the stretches of one pair one pair index, and another pair another', () => {
    const pairOf = (id: string) => segmentsOf(indexOf(id))[0]![8];
    expect(pairOf('aze-isr-2022')).toBe(pairOf('aze-isr-2022-11-18'));
    const other = arcs.find((arc) => arc.properties.pair !== 'AZE-ISR')!;
    expect(pairOf(other.properties.id)).not.toBe(pairOf('aze-isr-2022'));
  });

  it('puts dashed stances after solid ones, so they draw on top', () => {
    const dashed = [...Array(buffers.count).keys()].map(
      (k) => STANCE_STYLES[STANCES[buffers.segments[k * SEGMENT_STRIDE + 7]!]!].dash !== null,
    );
    expect(dashed).toContain(true);
    expect(dashed).toEqual([...dashed].sort((a, b) => Number(a) - Number(b)));
  });

  it('packs nothing from nothing', () => {
    const empty = packArcs([]);
    expect([empty.count, empty.segments.length, empty.ranges.length]).toEqual([0, 0, 0]);
    expect(arcAt(empty, 0, [0.5, 0.5], WORLD, 4)).toBeUndefined();
    expect(arcsInView(empty, 0, [0, 0, 1, 1])).toEqual([]);
  });
});

describe('isArcShown', () => {
  it('shows each stretch from its start up to, not including, its end', () => {
    const [before, after] = [indexOf('aze-isr-2022'), indexOf('aze-isr-2022-11-18')];
    expect([
      isArcShown(buffers, before, day('2022-11-17')),
      isArcShown(buffers, after, day('2022-11-17')),
    ]).toEqual([true, false]);
    expect([
      isArcShown(buffers, before, day('2022-11-18')),
      isArcShown(buffers, after, day('2022-11-18')),
    ]).toEqual([false, true]);
    expect(isArcShown(buffers, before, day('2021-12-31'))).toBe(false);
  });
});

describe('arcAt', () => {
  const alliance = indexOf('aze-isr-2022-11-18');
  const [x0, y0, x1, y1] = segmentsOf(alliance)[3]!;
  const middle: [number, number] = [(x0! + x1!) / 2, (y0! + y1!) / 2];

  it('finds the stretch shown on the day under a point of its line', () => {
    expect(arcAt(buffers, day('2023-01-01'), middle, WORLD, 4)).toBe(alliance);
    expect(arcAt(buffers, day('2022-06-01'), middle, WORLD, 4)).toBe(indexOf('aze-isr-2022'));
  });

  it('reaches half the line width plus the slop, and no farther', () => {
    const half = STANCE_STYLES.alliance.width / 2;
    const dx = x1! - x0!;
    const dy = y1! - y0!;
    const length = Math.hypot(dx, dy);
    const away = (pixels: number): [number, number] => [
      middle[0] - (dy / length) * (pixels / WORLD),
      middle[1] + (dx / length) * (pixels / WORLD),
    ];
    expect(arcAt(buffers, day('2023-01-01'), away(half + 3.9), WORLD, 4)).toBe(alliance);
    expect(arcAt(buffers, day('2023-01-01'), away(half + 4.1), WORLD, 4)).toBeUndefined();
  });

  it('finds an arc across the antimeridian from any world copy', () => {
    const pacific = packArcs([
      stretch('jpn-usa', [
        [170, 30],
        [190, 30],
      ]),
    ]);
    expect(pacific.extent[1]).toBeGreaterThan(1);
    const [x, y] = mercator(-175, 30);
    expect(arcAt(pacific, 0, [x, y], WORLD, 4)).toBe(0);
    expect(arcAt(pacific, 0, [x + 1, y], WORLD, 4)).toBe(0);
    expect(arcAt(pacific, 0, mercator(-160, 30), WORLD, 4)).toBeUndefined();
  });
});

describe('arcsInView', () => {
  it('lists the stretches shown on the day that cross the view, even with no vertex inside', () => {
    const line = packArcs([
      stretch('a', [
        [-50, 0],
        [50, 0],
      ]),
      stretch('b', [
        [-50, 20],
        [50, 20],
      ]),
    ]);
    const [west, north] = mercator(-1, 1);
    const [east, south] = mercator(1, -1);
    expect(arcsInView(line, 0, [west, north, east, south])).toEqual([0]);
    expect(arcsInView(line, -1, [west, north, east, south])).toEqual([]);
  });

  it('sees an arc from a world copy to the left or right of the view', () => {
    const pacific = packArcs([
      stretch('jpn-usa', [
        [170, 30],
        [190, 30],
      ]),
    ]);
    const [west, north] = mercator(-179, 31);
    const [east, south] = mercator(-170, 29);
    expect(worldCopies(pacific, west, east)).toContain(-1);
    expect(arcsInView(pacific, 0, [west, north, east, south])).toEqual([0]);
  });

  it('agrees with a dense sampling of every line: a sampled point in view means listed', () => {
    const lonLat = fc.tuple(
      fc.double({ min: -180, max: 180, noNaN: true }),
      fc.double({ min: -70, max: 70, noNaN: true }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(lonLat, lonLat), { minLength: 1, maxLength: 6 }),
        lonLat,
        (lines, corner) => {
          const packed = packArcs(lines.map(([a, b], i) => stretch(String(i), [a, b])));
          const [west, north] = mercator(corner[0], corner[1] + 10);
          const [east, south] = mercator(corner[0] + 20, corner[1]);
          const listed = new Set(arcsInView(packed, 0, [west, north, east, south]));
          lines.forEach(([a, b], i) => {
            const [ax, ay] = mercator(...a);
            const [bx, by] = mercator(...b);
            for (let t = 0; t <= 1; t += 1 / 64) {
              const x = ax + (bx - ax) * t;
              const y = ay + (by - ay) * t;
              if (x > west && x < east && y > north && y < south) expect(listed.has(i)).toBe(true);
            }
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
