/**
 * Picking arcs on the CPU: which stretch is under a point, which are in view. Both apply the
 * arc layer's rules (the day, each stance's width, the world copies drawn) to the finest
 * level of detail, so what is picked and reported is what is drawn.
 */
import { isArcShown, SEGMENT_STRIDE, STRETCH_STRIDE, type ArcBuffers } from './buffers.ts';
import { worldCopies } from '../../core/geometry/worldcopies.ts';
import { STANCE_STYLES } from '../../core/style/palette.ts';
import { STANCES } from '../../core/model/schema.ts';

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
  const ex = x0 + t * dx - px;
  const ey = y0 + t * dy - py;
  return Math.sqrt(ex * ex + ey * ey);
}

/**
 * The stretch drawn nearest to a point (Web Mercator x and y, any world copy) on `day`,
 * within its half width plus `slop` pixels at `worldSize` pixels per world; `undefined` when
 * none is that near. `repeat`: whether the map draws the world's copies (`worldCopies`).
 */
export function arcAt(
  buffers: ArcBuffers,
  day: number,
  point: [number, number],
  worldSize: number,
  slop: number,
  repeat = true,
): number | undefined {
  const stretches = buffers.index.length / 3;
  const widest = Math.max(...STANCES.map((stance) => STANCE_STYLES[stance].width));
  const reach = (widest / 2 + slop) / worldSize;
  const [px, py] = point;
  let best: number | undefined;
  let bestGap = Infinity;
  for (const copy of worldCopies(buffers.extent, px - reach, px + reach, repeat)) {
    const x = px - copy;
    for (let i = 0; i < stretches; i++) {
      const b = i * 4;
      const box = buffers.bounds;
      if (x < box[b]! - reach || x > box[b + 2]! + reach) continue;
      if (py < box[b + 1]! - reach || py > box[b + 3]! + reach) continue;
      if (!isArcShown(buffers, i, day)) continue;
      const first = buffers.index[i * 3 + 1]!;
      const s = buffers.segments;
      const stance = buffers.stretches[buffers.index[i * 3]! * STRETCH_STRIDE + 2]!;
      const half = STANCE_STYLES[STANCES[stance]!].width / 2;
      for (let k = first; k < first + buffers.index[i * 3 + 2]!; k++) {
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
 * `repeat`: whether the map draws the world's copies (`worldCopies`).
 */
export function arcsInView(
  buffers: ArcBuffers,
  day: number,
  view: [number, number, number, number],
  repeat = true,
): number[] {
  const found: number[] = [];
  const stretches = buffers.index.length / 3;
  const copies = worldCopies(buffers.extent, view[0], view[2], repeat);
  for (let i = 0; i < stretches; i++) {
    if (!isArcShown(buffers, i, day)) continue;
    const first = buffers.index[i * 3 + 1]!;
    const last = first + buffers.index[i * 3 + 2]!;
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
