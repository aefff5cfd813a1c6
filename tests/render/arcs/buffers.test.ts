import { describe, expect, it } from 'vitest';
import {
  isArcShown,
  levelAt,
  NO_ARCS,
  SEGMENT_STRIDE,
  STRETCH_STRIDE,
  type ArcFeature,
  type ArcLevel,
} from '../../../src/render/arcs/buffers.ts';
import { packArcs } from '../../../src/render/arcs/pack.ts';
import { syntheticDataset } from '../../../src/bench/synthetic.ts';
import { validateDataset } from '../../../src/core/validation/validate.ts';
import { dayFromIso } from '../../../src/core/model/dates.ts';
import { buildMapData, OPEN_END } from '../../../src/core/prepare/mapdata.ts';
import { mercator } from '../../../src/core/geometry/mercator.ts';
import { STANCES, type Stance } from '../../../src/core/model/schema.ts';
import { builtInDataset } from '../../builtin.ts';

const arcs: ArcFeature[] = buildMapData(builtInDataset()).arcs.features;
const buffers = packArcs(arcs);
const day = (iso: string) => dayFromIso(iso)!;
const indexOf = (id: string) => arcs.findIndex((arc) => arc.properties.id === id);

/** The finest level's segments of stretch `i`'s line, SEGMENT_STRIDE numbers each. */
function segmentsOf(stretch: number, packed = buffers): number[][] {
  const [first, count] = [packed.index[stretch * 3 + 1]!, packed.index[stretch * 3 + 2]!];
  return Array.from({ length: count }, (_, k) => [
    ...packed.segments.subarray((first + k) * SEGMENT_STRIDE, (first + k + 1) * SEGMENT_STRIDE),
  ]);
}

/** Stretch `i` as the stretch texture holds it: first day, end day, stance index, pair index. */
function stretchOf(stretch: number, packed = buffers): number[] {
  const at = packed.index[stretch * 3]! * STRETCH_STRIDE;
  return [...packed.stretches.subarray(at, at + STRETCH_STRIDE)];
}

/** A stretch of `stance` along `line`, shown from `start` on. */
function stretch(id: string, line: [number, number][], stance: Stance = 'tension'): ArcFeature {
  return {
    geometry: { type: 'LineString', coordinates: line },
    properties: { key: id, id, pair: id, stance, start: 0, end: OPEN_END },
  };
}

describe('packArcs', () => {
  it('packs every line once, in Web Mercator, with the distance along it', () => {
    const lines = new Set(arcs.map((arc) => arc.geometry));
    expect(buffers.lineCount).toBe(lines.size);
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
      });
    });
  });

  it("lists each line's stretches, ordered by first day, with days, stance and pair", () => {
    arcs.forEach((arc, i) => {
      const [start, end, stance] = stretchOf(i);
      expect([start, end]).toEqual([arc.properties.start, arc.properties.end]);
      expect(STANCES[stance!]).toBe(arc.properties.stance);
      const line = segmentsOf(i)[0]![5]!;
      const [first, count] = [buffers.lines[line * 4]!, buffers.lines[line * 4 + 1]!];
      const position = buffers.index[i * 3]!;
      expect(position).toBeGreaterThanOrEqual(first);
      expect(position).toBeLessThan(first + count);
      const starts = Array.from({ length: count }, (_, k) => buffers.stretches[(first + k) * 4]!);
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
    });
  });

  it('gives the stretches of one pair one line and one pair index, and another pair others', () => {
    const [before, after] = [indexOf('aze-isr-2022'), indexOf('aze-isr-2022-11-18')];
    expect(stretchOf(before)[3]).toBe(stretchOf(after)[3]);
    expect(segmentsOf(before)[0]![5]).toBe(segmentsOf(after)[0]![5]);
    const other = arcs.findIndex((arc) => arc.properties.pair !== 'AZE-ISR');
    expect(stretchOf(other)[3]).not.toBe(stretchOf(before)[3]);
  });

  it('simplifies coarser levels to within their tolerance of the finest', () => {
    const result = validateDataset(syntheticDataset({ incidents: 10, pairs: 60, seed: 3 }));
    if (!result.ok) throw new Error('invalid synthetic dataset');
    const packed = packArcs(buildMapData(result.dataset).arcs.features);
    const total = (level: ArcLevel) => level.groups.reduce((sum, group) => sum + group.count, 0);
    const counts = packed.levels.map(total);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(counts[0]).toBeLessThan(counts.at(-1)! / 3);
    // Every vertex of the finest level lies near the coarsest level's line through it.
    const coarse = packed.levels[0]!;
    // Each level simplifies the finer one: their tolerances, a quarter each level down, add up.
    const tolerance = (1.5 / (512 * 2 ** coarse.maxZoom)) * (4 / 3);
    const lineSegments = new Map<number, number[][]>();
    for (const group of coarse.groups) {
      for (let k = group.first; k < group.first + group.count; k++) {
        const s = [...packed.segments.subarray(k * SEGMENT_STRIDE, (k + 1) * SEGMENT_STRIDE)];
        lineSegments.set(s[5]!, [...(lineSegments.get(s[5]!) ?? []), s]);
      }
    }
    for (let i = 0; i < packed.index.length / 3; i++) {
      for (const s of segmentsOf(i, packed)) {
        const near = lineSegments.get(s[5]!)!.some((c) => {
          const [dx, dy] = [c[2]! - c[0]!, c[3]! - c[1]!];
          const t = Math.min(
            Math.max(((s[0]! - c[0]!) * dx + (s[1]! - c[1]!) * dy) / (dx * dx + dy * dy || 1), 0),
            1,
          );
          return Math.hypot(c[0]! + t * dx - s[0]!, c[1]! + t * dy - s[1]!) <= tolerance * 1.001;
        });
        expect(near).toBe(true);
      }
    }
  });

  it('keeps lines that cross the antimeridian apart, with their own extent', () => {
    const packed = packArcs([
      stretch('a', [
        [10, 0],
        [20, 0],
      ]),
      stretch('b', [
        [170, 30],
        [190, 30],
      ]),
    ]);
    const [within, crossing] = packed.levels.at(-1)!.groups;
    expect(within!.count).toBe(1);
    expect(crossing!.count).toBe(1);
    expect(crossing!.extent[1]).toBeGreaterThan(1);
    expect(within!.extent[1]).toBeLessThan(1);
  });

  it('packs nothing from nothing', () => {
    const empty = packArcs([]);
    expect(empty.lineCount).toBe(0);
    expect(empty.levels.every((level) => level.groups.every((group) => group.count === 0))).toBe(
      true,
    );
  });
});

describe('levelAt', () => {
  it('draws coarser lines farther out', () => {
    expect(levelAt(buffers, 1)).toBe(buffers.levels[0]);
    expect(levelAt(buffers, 20)).toBe(buffers.levels.at(-1));
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

describe('NO_ARCS', () => {
  it('is what packing no arcs gives', () => {
    expect(NO_ARCS).toEqual(packArcs([]));
  });
});
