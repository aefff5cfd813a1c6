/**
 * Relationship arcs packed for the GPU: every straight segment of every arc stretch in one
 * typed array, built once per dataset (in the loading worker). The arc layer's shader shows a
 * segment while the slider's day is in its stretch, so a step costs a uniform and a repaint,
 * and no tiles are cut, uploaded or re-laid-out.
 *
 * The queries here (`arcAt`, `arcsInView`) apply the same rule on the CPU, so what is picked
 * and reported is exactly what is drawn.
 */
import type { ArcProperties } from './mapdata.ts';
import { mercator } from './mercator.ts';
import { STANCE_STYLES } from './palette.ts';
import { STANCES } from './schema.ts';

/** Numbers per segment in `segments`. */
export const SEGMENT_STRIDE = 9;

/**
 * Arc stretches as the GPU layer draws them, in Web Mercator (the world 1 unit wide). A
 * stretch's segments are contiguous; stretches of solid stances come before dashed ones, so
 * the dashed lines (tension, hostility) draw on top where arcs cross.
 */
export interface ArcBuffers {
  /** Number of segments. */
  count: number;
  /**
   * Per segment: x and y of its start, x and y of its end, distance along its line to its
   * start (for dashes), the stretch's first day and its end day (exclusive), the stance's
   * index in `STANCES`, and the pair's index (the position of its first stretch).
   */
  segments: Float32Array;
  /** Per stretch, in the order given to `packArcs`: its first segment and its segment count. */
  ranges: Uint32Array;
  /** Per stretch: least x, least y, greatest x, greatest y of its segments. */
  bounds: Float32Array;
  /** Least and greatest x of all segments: arcs that cross the antimeridian run past 0..1. */
  extent: [number, number];
}

/** An arc stretch with its line, as `buildMapData` makes them. */
export interface ArcFeature {
  geometry: GeoJSON.LineString | GeoJSON.MultiLineString;
  properties: ArcProperties;
}

function isDashed(stance: ArcProperties['stance']): boolean {
  return STANCE_STYLES[stance].dash !== null;
}

/** Packs arc stretches for the GPU layer. */
export function packArcs(arcs: readonly ArcFeature[]): ArcBuffers {
  const lines = arcs.map(({ geometry }) =>
    geometry.type === 'LineString' ? [geometry.coordinates] : geometry.coordinates,
  );
  let count = 0;
  for (const parts of lines) for (const line of parts) count += Math.max(line.length - 1, 0);
  const segments = new Float32Array(count * SEGMENT_STRIDE);
  const ranges = new Uint32Array(arcs.length * 2);
  const bounds = new Float32Array(arcs.length * 4);
  const firstOfPair = new Map<string, number>();
  arcs.forEach(({ properties }, i) => {
    if (!firstOfPair.has(properties.pair)) firstOfPair.set(properties.pair, i);
  });
  const order = [...arcs.keys()].sort(
    (a, b) =>
      Number(isDashed(arcs[a]!.properties.stance)) - Number(isDashed(arcs[b]!.properties.stance)) ||
      a - b,
  );
  let minX = Infinity;
  let maxX = -Infinity;
  let next = 0;
  for (const i of order) {
    const { stance, start, end, pair } = arcs[i]!.properties;
    const stanceIndex = STANCES.indexOf(stance);
    const pairIndex = firstOfPair.get(pair)!;
    ranges[i * 2] = next;
    const box = [Infinity, Infinity, -Infinity, -Infinity];
    for (const line of lines[i]!) {
      let along = 0;
      let [x0, y0] = mercator(line[0]![0]!, line[0]![1]!);
      for (let v = 1; v < line.length; v++) {
        const [x1, y1] = mercator(line[v]![0]!, line[v]![1]!);
        const o = next * SEGMENT_STRIDE;
        segments[o] = x0;
        segments[o + 1] = y0;
        segments[o + 2] = x1;
        segments[o + 3] = y1;
        segments[o + 4] = along;
        segments[o + 5] = start;
        segments[o + 6] = end;
        segments[o + 7] = stanceIndex;
        segments[o + 8] = pairIndex;
        box[0] = Math.min(box[0]!, x0, x1);
        box[1] = Math.min(box[1]!, y0, y1);
        box[2] = Math.max(box[2]!, x0, x1);
        box[3] = Math.max(box[3]!, y0, y1);
        along += Math.hypot(x1 - x0, y1 - y0);
        [x0, y0] = [x1, y1];
        next++;
      }
    }
    ranges[i * 2 + 1] = next - ranges[i * 2]!;
    bounds.set(box, i * 4);
    if (box[0]! < minX) minX = box[0]!;
    if (box[2]! > maxX) maxX = box[2]!;
  }
  return {
    count,
    segments,
    ranges,
    bounds,
    extent: Number.isFinite(minX) ? [minX, maxX] : [0, 0],
  };
}

/** Whether stretch `i` is drawn on `day`: from its first day up to, not including, its end. */
export function isArcShown(buffers: ArcBuffers, i: number, day: number): boolean {
  if (buffers.ranges[i * 2 + 1] === 0) return false;
  const o = buffers.ranges[i * 2]! * SEGMENT_STRIDE;
  return buffers.segments[o + 5]! <= day && day < buffers.segments[o + 6]!;
}

/**
 * The world copies (whole turns added to x) in which some arc meets the x range from `west`
 * to `east`: the copies to draw and to search. Arcs crossing the antimeridian run past
 * 0..1, so a copy left or right of the view can reach into it.
 */
export function worldCopies(buffers: ArcBuffers, west: number, east: number): number[] {
  const [least, greatest] = buffers.extent;
  const copies: number[] = [];
  for (let copy = Math.ceil(west - greatest); copy <= Math.floor(east - least); copy++) {
    copies.push(copy);
  }
  return copies;
}

/** Distance from (px, py) to the segment from (x0, y0) to (x1, y1). */
function distanceToSegment(
  px: number,
  py: number,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
): number {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const lengthSquared = dx * dx + dy * dy;
  const t =
    lengthSquared === 0
      ? 0
      : Math.min(Math.max(((px - x0) * dx + (py - y0) * dy) / lengthSquared, 0), 1);
  return Math.hypot(x0 + t * dx - px, y0 + t * dy - py);
}

/**
 * The stretch drawn nearest to a point (Web Mercator x and y, any world copy) on `day`,
 * within its half width plus `slop` pixels at `worldSize` pixels per world; `undefined` when
 * none is that near.
 */
export function arcAt(
  buffers: ArcBuffers,
  day: number,
  point: [number, number],
  worldSize: number,
  slop: number,
): number | undefined {
  const stretches = buffers.ranges.length / 2;
  const widest = Math.max(...STANCES.map((stance) => STANCE_STYLES[stance].width));
  const reach = (widest / 2 + slop) / worldSize;
  const [px, py] = point;
  let best: number | undefined;
  let bestGap = Infinity;
  for (const copy of worldCopies(buffers, px - reach, px + reach)) {
    const x = px - copy;
    for (let i = 0; i < stretches; i++) {
      const b = i * 4;
      const box = buffers.bounds;
      if (x < box[b]! - reach || x > box[b + 2]! + reach) continue;
      if (py < box[b + 1]! - reach || py > box[b + 3]! + reach) continue;
      if (!isArcShown(buffers, i, day)) continue;
      const first = buffers.ranges[i * 2]!;
      const s = buffers.segments;
      const half = STANCE_STYLES[STANCES[s[first * SEGMENT_STRIDE + 7]!]!].width / 2;
      for (let k = first; k < first + buffers.ranges[i * 2 + 1]!; k++) {
        const o = k * SEGMENT_STRIDE;
        const distance = distanceToSegment(x, py, s[o]!, s[o + 1]!, s[o + 2]!, s[o + 3]!);
        const gap = distance * worldSize - half;
        if (gap <= slop && gap < bestGap) {
          bestGap = gap;
          best = i;
        }
      }
    }
  }
  return best;
}

/** Whether the segment from (x0, y0) to (x1, y1) meets a rectangle (Liang–Barsky clipping). */
function segmentMeetsBox(
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  [minX, minY, maxX, maxY]: [number, number, number, number],
): boolean {
  const dx = x1 - x0;
  const dy = y1 - y0;
  let enter = 0;
  let leave = 1;
  for (const [p, q] of [
    [-dx, x0 - minX],
    [dx, maxX - x0],
    [-dy, y0 - minY],
    [dy, maxY - y0],
  ] as const) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const r = q / p;
    if (p < 0) enter = Math.max(enter, r);
    else leave = Math.min(leave, r);
    if (enter > leave) return false;
  }
  return true;
}

/**
 * The stretches drawn on `day` with some part inside a Web Mercator rectangle (least x,
 * least y, greatest x, greatest y; x may run past 0..1 across world copies), in stretch order.
 */
export function arcsInView(
  buffers: ArcBuffers,
  day: number,
  view: [number, number, number, number],
): number[] {
  const found: number[] = [];
  const stretches = buffers.ranges.length / 2;
  const copies = worldCopies(buffers, view[0], view[2]);
  for (let i = 0; i < stretches; i++) {
    if (!isArcShown(buffers, i, day)) continue;
    const first = buffers.ranges[i * 2]!;
    const last = first + buffers.ranges[i * 2 + 1]!;
    const s = buffers.segments;
    const b = buffers.bounds;
    const meets = copies.some((copy) => {
      const box: [number, number, number, number] = [
        view[0] - copy,
        view[1],
        view[2] - copy,
        view[3],
      ];
      if (b[i * 4]! > box[2] || b[i * 4 + 2]! < box[0]) return false;
      if (b[i * 4 + 1]! > box[3] || b[i * 4 + 3]! < box[1]) return false;
      for (let k = first; k < last; k++) {
        const o = k * SEGMENT_STRIDE;
        if (segmentMeetsBox(s[o]!, s[o + 1]!, s[o + 2]!, s[o + 3]!, box)) return true;
      }
      return false;
    });
    if (meets) found.push(i);
  }
  return found;
}
