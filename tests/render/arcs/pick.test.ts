import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SEGMENT_STRIDE, type ArcFeature } from '../../../src/render/arcs/buffers.ts';
import { packArcs } from '../../../src/render/arcs/pack.ts';
import { arcAt, arcsInView } from '../../../src/render/arcs/pick.ts';
import { dayFromIso } from '../../../src/core/model/dates.ts';
import { buildMapData, OPEN_END } from '../../../src/core/prepare/mapdata.ts';
import { mercator } from '../../../src/core/geometry/mercator.ts';
import { STANCE_STYLES } from '../../../src/core/style/palette.ts';
import type { Stance } from '../../../src/core/model/schema.ts';
import { builtInDataset } from '../../builtin.ts';

const arcs: ArcFeature[] = buildMapData(builtInDataset()).arcs.features;
const buffers = packArcs(arcs);
const day = (iso: string) => dayFromIso(iso)!;
const indexOf = (id: string) => arcs.findIndex((arc) => arc.properties.id === id);
/** Pixels per world at zoom 5. */
const WORLD = 512 * 2 ** 5;

/** The finest level's segments of stretch `i`'s line, SEGMENT_STRIDE numbers each. */
function segmentsOf(stretch: number, packed = buffers): number[][] {
  const [first, count] = [packed.index[stretch * 3 + 1]!, packed.index[stretch * 3 + 2]!];
  return Array.from({ length: count }, (_, k) => [
    ...packed.segments.subarray((first + k) * SEGMENT_STRIDE, (first + k + 1) * SEGMENT_STRIDE),
  ]);
}

/** A stretch of `stance` along `line`, shown from `start` on. */
function stretch(id: string, line: [number, number][], stance: Stance = 'tension'): ArcFeature {
  return {
    geometry: { type: 'LineString', coordinates: line },
    properties: { key: id, id, pair: id, stance, start: 0, end: OPEN_END },
  };
}

describe('picking nothing', () => {
  it('finds nothing in no arcs', () => {
    const empty = packArcs([]);
    expect(arcAt(empty, 0, [0.5, 0.5], WORLD, 4)).toBeUndefined();
    expect(arcsInView(empty, 0, [0, 0, 1, 1])).toEqual([]);
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

  it('finds nothing on another world copy when the map does not repeat the world', () => {
    const pacific = packArcs([
      stretch('jpn-usa', [
        [170, 30],
        [190, 30],
      ]),
    ]);
    const [x, y] = mercator(175, 30);
    expect(arcAt(pacific, 0, [x, y], WORLD, 4, false)).toBe(0);
    expect(arcAt(pacific, 0, [x + 1, y], WORLD, 4, false)).toBeUndefined();
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
    expect(arcsInView(pacific, 0, [west, north, east, south])).toEqual([0]);
  });

  it('agrees with a dense sampling of every line: a sampled point in view means listed', () => {
    /** Well above float32's step near 0.5 (6e-8), well below a pixel at zoom 8 (8e-6). */
    const EDGE = 1e-6;
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
              // Packed positions are single-precision: a point within EDGE of the border may
              // fall either side of it.
              const inside =
                x > west + EDGE && x < east - EDGE && y > north + EDGE && y < south - EDGE;
              if (inside) expect(listed.has(i)).toBe(true);
            }
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
