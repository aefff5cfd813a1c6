/**
 * Relationship arcs packed for the GPU, built once per dataset (in the loading worker): the
 * straight segments of every arc's line, and for each line the stretches of time it is drawn
 * in, with their stance. On the GPU, a pass over the lines finds each one's stretch in effect
 * on the slider's day, and the segments read it, so a step costs a uniform, a pass over a few
 * thousand texels and a repaint; no tiles are cut, uploaded or re-laid-out.
 *
 * The arrays are laid out as rows of RGBA float texels, which the shaders read by number
 * (`texelFetch`) rather than as instanced attributes: software GPUs (SwiftShader, on
 * machines without a graphics card) run each instance as a draw of its own, and 600,000
 * instances took them 45 s a frame.
 *
 * A pair's stretches share one line, stored once. Lines come at four levels of detail: as
 * prepared, and simplified to about 1.5 px at zoom 6, 4 and 2, the greatest zoom each is
 * drawn at; a world view draws a seventh of the segments a city view does. Picking
 * (`pick.ts`) reads the finest level.
 */
import type { ArcProperties } from '../../core/prepare/mapdata.ts';
import { mercator } from '../../core/geometry/mercator.ts';
import { STANCES } from '../../core/model/schema.ts';

/** Texels per row of the textures the arrays are uploaded as. */
export const TEXTURE_WIDTH = 2048;

/** Numbers per segment in `segments`: two RGBA texels. */
export const SEGMENT_STRIDE = 8;

/** Numbers per stretch in `stretches`: one RGBA texel. */
export const STRETCH_STRIDE = 4;

/** Greatest zoom each coarser level of detail is drawn at; the finest is drawn above them. */
export const LEVEL_ZOOMS = [2, 4, 6] as const;

/**
 * Pixels a level may stray from the level finer than it, at the greatest zoom it is drawn
 * at; from the lines as given, at most a third more (the finer levels' tolerances, a quarter
 * of it each level down, add up).
 */
const LEVEL_TOLERANCE_PIXELS = 1.5;

/**
 * A run of `segments` and the least and greatest x they reach. Each level keeps the lines
 * within the world (x in 0..1) apart from those crossing the antimeridian, so the world
 * copies beside the view draw only the few that reach into it.
 */
export interface SegmentGroup {
  first: number;
  count: number;
  extent: [number, number];
}

/** A level of detail: its segments, drawn up to `maxZoom`. */
export interface ArcLevel {
  maxZoom: number;
  groups: SegmentGroup[];
}

/** Arc lines and stretches as the GPU layer draws them, in Web Mercator (the world 1 unit wide). */
export interface ArcBuffers {
  /** The levels of detail, coarsest first; the last is the lines as given. */
  levels: ArcLevel[];
  /**
   * Per segment: x and y of its start, x and y of its end; distance along its line to its
   * start (for dashes), its line's index in `lines`, 0, 0. Zero-padded to whole texture rows.
   */
  segments: Float32Array;
  /** Number of lines. */
  lineCount: number;
  /**
   * Per line: its first stretch in `stretches`, its number of stretches, 0, 0. Zero-padded
   * to whole texture rows.
   */
  lines: Float32Array;
  /**
   * Per stretch, grouped by line and ordered by first day: first day, end day (exclusive),
   * the stance's index in `STANCES`, the pair's index (the position of its first stretch in
   * the order given). Zero-padded to whole texture rows.
   */
  stretches: Float32Array;
  /**
   * Per stretch in the order given to `packArcs`: its position in `stretches`, and the first
   * segment and segment count of its line at the finest level.
   */
  index: Uint32Array;
  /** Per stretch: least x, least y, greatest x, greatest y of its line. */
  bounds: Float32Array;
  /** Least and greatest x of all lines: arcs that cross the antimeridian run past 0..1. */
  extent: [number, number];
}

/** An arc stretch with its line, as `buildMapData` makes them. */
export interface ArcFeature {
  geometry: GeoJSON.LineString | GeoJSON.MultiLineString;
  properties: ArcProperties;
}

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

/** Zero-filled numbers for `texels` RGBA texels, rounded up to whole texture rows. */
function textureData(texels: number): Float32Array {
  return new Float32Array(Math.max(1, Math.ceil(texels / TEXTURE_WIDTH)) * TEXTURE_WIDTH * 4);
}

/**
 * No arcs: what a layer draws before its data arrives, as `packArcs([])` gives it. Written
 * out rather than packed, so the page's code does not carry the packing, which runs in the
 * loading worker.
 */
export const NO_ARCS: ArcBuffers = {
  levels: [...LEVEL_ZOOMS, Infinity].map((maxZoom) => ({
    maxZoom,
    groups: [0, 1].map(() => ({ first: 0, count: 0, extent: [0, 0] })),
  })),
  segments: textureData(0),
  lineCount: 0,
  lines: textureData(0),
  stretches: textureData(0),
  index: new Uint32Array(0),
  bounds: new Float32Array(0),
  extent: [0, 0],
};

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

/** The level of detail drawn at `zoom`. */
export function levelAt(buffers: ArcBuffers, zoom: number): ArcLevel {
  return buffers.levels.find((level) => zoom <= level.maxZoom) ?? buffers.levels.at(-1)!;
}

/** Whether stretch `i` is drawn on `day`: from its first day up to, not including, its end. */
export function isArcShown(buffers: ArcBuffers, i: number, day: number): boolean {
  if (buffers.index[i * 3 + 2] === 0) return false;
  const o = buffers.index[i * 3]! * STRETCH_STRIDE;
  return buffers.stretches[o]! <= day && day < buffers.stretches[o + 1]!;
}

/**
 * The buffers with the stretches a filter hides made empty (their end set to their first
 * day), so neither the state pass nor picking ever finds them in effect: `shown` holds one
 * byte per stretch in the order given to `packArcs`, 1 where it passes the filters, or is
 * `null` for all. Only the small stretches array is copied and sent again; a pair's other
 * stances keep their own days, so a hidden stance leaves a gap rather than an older stance.
 */
export function withShownStretches(buffers: ArcBuffers, shown: Uint8Array | null): ArcBuffers {
  if (!shown) return buffers;
  const stretches = buffers.stretches.slice();
  for (let i = 0; i < shown.length; i++) {
    if (shown[i] === 1) continue;
    const o = buffers.index[i * 3]! * STRETCH_STRIDE;
    stretches[o + 1] = stretches[o]!;
  }
  return { ...buffers, stretches };
}
