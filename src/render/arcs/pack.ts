/**
 * Packs arc stretches into `ArcBuffers` (see `buffers.ts`): in the loading worker, once per
 * dataset. Apart from `buffers.ts` so the page's code, which only draws and picks the packed
 * arcs, does not carry the packing.
 */
import { mercator } from '../../core/geometry/mercator.ts';
import { STANCES } from '../../core/model/schema.ts';
import {
  LEVEL_ZOOMS,
  SEGMENT_STRIDE,
  textureData,
  type ArcBuffers,
  type ArcFeature,
  type ArcLevel,
  type SegmentGroup,
} from './buffers.ts';

/**
 * Pixels a level may stray from the level finer than it, at the greatest zoom it is drawn
 * at; from the lines as given, at most a third more (the finer levels' tolerances, a quarter
 * of it each level down, add up).
 */
const LEVEL_TOLERANCE_PIXELS = 1.5;

/** The parts of a geometry in Web Mercator, x and y per vertex. */
function project(geometry: ArcFeature['geometry']): number[][] {
  const parts = geometry.type === 'LineString' ? [geometry.coordinates] : geometry.coordinates;
  return parts.map((line) => {
    const xy: number[] = new Array<number>(line.length * 2);
    for (let v = 0; v < line.length; v++) {
      const [x, y] = mercator(line[v]![0]!, line[v]![1]!);
      xy[v * 2] = x;
      xy[v * 2 + 1] = y;
    }
    return xy;
  });
}

/**
 * The vertices of a line (x and y per vertex) that Douglas–Peucker keeps at `tolerance`:
 * the first and last, and any farther than that from the chord between the kept vertices
 * around it. Distances are to the chord's line, not its ends: an arc's vertices lie beside
 * its chords, and the test is then a cross product, no square root.
 */
function simplify(xy: number[], tolerance: number): number[] {
  const n = xy.length / 2;
  if (n <= 2) return xy;
  const keep = new Uint8Array(n);
  keep[0] = keep[n - 1] = 1;
  let kept = 2;
  const stack = [0, n - 1];
  while (stack.length > 0) {
    const last = stack.pop()!;
    const first = stack.pop()!;
    const x0 = xy[first * 2]!;
    const y0 = xy[first * 2 + 1]!;
    const dx = xy[last * 2]! - x0;
    const dy = xy[last * 2 + 1]! - y0;
    // |cross| / length > tolerance, squared.
    let farthest = -1;
    let greatest = tolerance * tolerance * (dx * dx + dy * dy);
    for (let v = first + 1; v < last; v++) {
      const cross = (xy[v * 2]! - x0) * dy - (xy[v * 2 + 1]! - y0) * dx;
      if (cross * cross > greatest) [farthest, greatest] = [v, cross * cross];
    }
    if (farthest > 0) {
      keep[farthest] = 1;
      kept++;
      stack.push(first, farthest, farthest, last);
    }
  }
  const result: number[] = new Array<number>(kept * 2);
  let at = 0;
  for (let v = 0; v < n; v++) {
    if (!keep[v]) continue;
    result[at * 2] = xy[v * 2]!;
    result[at * 2 + 1] = xy[v * 2 + 1]!;
    at++;
  }
  return result;
}

/** Least x, least y, greatest x, greatest y of the parts of a line. */
function boxOf(parts: number[][]): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const xy of parts) {
    for (let v = 0; v < xy.length; v += 2) {
      box[0] = Math.min(box[0], xy[v]!);
      box[1] = Math.min(box[1], xy[v + 1]!);
      box[2] = Math.max(box[2], xy[v]!);
      box[3] = Math.max(box[3], xy[v + 1]!);
    }
  }
  return box;
}

/** A line of the arcs: its parts in Web Mercator, its box, and the stretches drawn on it. */
interface Line {
  parts: number[][];
  box: [number, number, number, number];
  stretches: number[];
  /** Its first stretch in `ArcBuffers.stretches`. */
  firstStretch: number;
  /** Its index in `ArcBuffers.lines`. */
  number: number;
}

/** Packs arc stretches for the GPU layer. */
export function packArcs(arcs: readonly ArcFeature[]): ArcBuffers {
  // One line per geometry object: `buildMapData` gives a pair's stretches the same one.
  const lineOf = new Map<ArcFeature['geometry'], Line>();
  arcs.forEach(({ geometry }, i) => {
    let line = lineOf.get(geometry);
    if (!line) {
      const parts = project(geometry).filter((xy) => xy.length >= 4);
      line = { parts, box: boxOf(parts), stretches: [], firstStretch: 0, number: 0 };
      lineOf.set(geometry, line);
    }
    line.stretches.push(i);
  });
  // Lines within the world first, then those reaching past the antimeridian.
  const within = (line: Line) => line.box[0] >= 0 && line.box[2] <= 1;
  const lines = [...lineOf.values()].filter((line) => line.parts.length > 0);
  const grouped = [lines.filter(within), lines.filter((line) => !within(line))];

  const pairIndex = new Map<string, number>();
  arcs.forEach(({ properties }, i) => {
    if (!pairIndex.has(properties.pair)) pairIndex.set(properties.pair, i);
  });
  const stretches = textureData(arcs.length);
  const index = new Uint32Array(arcs.length * 3);
  const bounds = new Float32Array(arcs.length * 4).fill(Number.NaN);
  const lineData = textureData(lines.length);
  let next = 0;
  for (const [number, line] of lines.entries()) {
    line.number = number;
    line.firstStretch = next;
    lineData.set([next, line.stretches.length], number * 4);
    line.stretches.sort((a, b) => arcs[a]!.properties.start - arcs[b]!.properties.start);
    for (const i of line.stretches) {
      const { start, end, stance, pair } = arcs[i]!.properties;
      stretches.set([start, end, STANCES.indexOf(stance), pairIndex.get(pair)!], next * 4);
      index[i * 3] = next++;
      bounds.set(line.box, i * 4);
    }
  }

  // Finest first; each coarser level simplifies the one before it, which has fewer vertices
  // than the lines as given (the errors add up to at most 1.33 times the tolerance).
  const levelParts = [new Map(lines.map((line) => [line, line.parts]))];
  for (const zoom of [...LEVEL_ZOOMS].reverse()) {
    const tolerance = LEVEL_TOLERANCE_PIXELS / (512 * 2 ** zoom);
    const finer = levelParts[0]!;
    levelParts.unshift(
      new Map(lines.map((line) => [line, finer.get(line)!.map((xy) => simplify(xy, tolerance))])),
    );
  }
  let count = 0;
  for (const level of levelParts) {
    for (const parts of level.values()) for (const xy of parts) count += xy.length / 2 - 1;
  }
  const segments = textureData(count * 2);
  let segment = 0;
  const levels = levelParts.map((level, l): ArcLevel => {
    const finest = l === levelParts.length - 1;
    const groups = grouped.map((group): SegmentGroup => {
      const first = segment;
      let [least, greatest] = [Infinity, -Infinity];
      for (const line of group) {
        const lineFirst = segment;
        for (const xy of level.get(line)!) {
          let along = 0;
          for (let v = 2; v < xy.length; v += 2) {
            const x0 = xy[v - 2]!;
            const y0 = xy[v - 1]!;
            const x1 = xy[v]!;
            const y1 = xy[v + 1]!;
            const o = segment * SEGMENT_STRIDE;
            segments[o] = x0;
            segments[o + 1] = y0;
            segments[o + 2] = x1;
            segments[o + 3] = y1;
            segments[o + 4] = along;
            segments[o + 5] = line.number;
            along += Math.sqrt((x1 - x0) * (x1 - x0) + (y1 - y0) * (y1 - y0));
            segment++;
          }
        }
        least = Math.min(least, line.box[0]);
        greatest = Math.max(greatest, line.box[2]);
        if (!finest) continue;
        for (const i of line.stretches) {
          index[i * 3 + 1] = lineFirst;
          index[i * 3 + 2] = segment - lineFirst;
        }
      }
      return { first, count: segment - first, extent: group.length ? [least, greatest] : [0, 0] };
    });
    return { maxZoom: LEVEL_ZOOMS[l] ?? Infinity, groups };
  });
  let [least, greatest] = [Infinity, -Infinity];
  for (const { box } of lines)
    [least, greatest] = [Math.min(least, box[0]), Math.max(greatest, box[2])];
  return {
    levels,
    segments,
    lineCount: lines.length,
    lines: lineData,
    stretches,
    index,
    bounds,
    extent: lines.length ? [least, greatest] : [0, 0],
  };
}
