/**
 * Picking incidents on the CPU: which incident is under a point, which are in view. Both
 * apply the incident layer's shader rule for the time filter (`isShown`, as `isIncidentShown`
 * in `timeline.ts`) and the world copies it draws, over a spatial index of the packed
 * buffers, so what is picked and reported is exactly what is drawn.
 */
import type KDBush from 'kdbush';
import { STRIDE, type IncidentBuffers } from './buffers.ts';
import { worldCopies } from '../../core/geometry/worldcopies.ts';
import { MAX_MARK_RADIUS } from '../../core/style/marks.ts';
import type { TimeState } from '../labels/layer.ts';

/**
 * The packed incidents, a KDBush index of their positions (`KDBush.from(buffers.spatial)`)
 * and, when filtered, which pass the filters: one byte per buffer position (`drawingMask`).
 */
export interface IncidentIndex {
  buffers: IncidentBuffers;
  index: KDBush;
  shown?: Uint8Array;
}

/** Incidents lie within the world: Web Mercator x from 0 to 1. */
const WORLD: [number, number] = [0, 1];

/**
 * Whether the incident at a buffer position is shown at `time` and passes the filters
 * (`shown`, in drawing order; absent passes all): the shader's rule.
 */
export function isShown(
  buffers: IncidentBuffers,
  position: number,
  time: TimeState,
  shown?: Uint8Array,
): boolean {
  const o = position * STRIDE;
  return (
    (!shown || shown[position] === 1) &&
    buffers.attributes[o + 2]! <= time.day &&
    buffers.attributes[o + 3]! >= time.since
  );
}

/**
 * A filter mask in dataset order (`filterMask`) rearranged into the buffers' drawing order,
 * as the incident layer's per-vertex attribute and picking read it.
 */
export function drawingMask(buffers: IncidentBuffers, mask: Uint8Array): Uint8Array {
  const drawn = new Uint8Array(buffers.count);
  const order = buffers.order;
  for (let p = 0; p < drawn.length; p++) drawn[p] = mask[order[p]!]!;
  return drawn;
}

/**
 * The dataset index of the topmost incident shown at `time` under a point (Web Mercator x and
 * y, x in any world copy), within its radius plus `slop` pixels at `worldSize` pixels per
 * world; `undefined` when there is none. Topmost is last in drawing order (latest, then most
 * severe). `repeat`: whether the map draws the world's copies (`worldCopies`).
 */
export function incidentAt(
  { buffers, index, shown }: IncidentIndex,
  time: TimeState,
  point: readonly [number, number],
  worldSize: number,
  slop: number,
  repeat = true,
): number | undefined {
  if (buffers.count === 0) return undefined;
  const [px, py] = point;
  const reach = (MAX_MARK_RADIUS + slop) / worldSize;
  const a = buffers.attributes;
  let best: number | undefined;
  for (const copy of worldCopies(WORLD, px - reach, px + reach, repeat)) {
    const x = px - copy;
    for (const i of index.range(x - reach, py - reach, x + reach, py + reach)) {
      if (i >= buffers.count || !isShown(buffers, i, time, shown)) continue;
      const dx = (a[i * STRIDE]! - x) * worldSize;
      const dy = (a[i * STRIDE + 1]! - py) * worldSize;
      if (Math.hypot(dx, dy) <= a[i * STRIDE + 4]! + slop && (best === undefined || i > best)) {
        best = i;
      }
    }
  }
  return best === undefined ? undefined : buffers.order[best];
}

/**
 * Dataset indexes, ascending, of the incidents shown at `time` inside a Web Mercator
 * rectangle (least x, least y, greatest x, greatest y; x may run past 0..1 across world
 * copies). `repeat`: whether the map draws the world's copies (`worldCopies`).
 */
export function incidentsInView(
  { buffers, index, shown }: IncidentIndex,
  time: TimeState,
  view: readonly [number, number, number, number],
  repeat = true,
): number[] {
  const [west, north, east, south] = view;
  const result: number[] = [];
  const seen = new Set<number>();
  for (const copy of worldCopies(WORLD, west, east, repeat)) {
    for (const i of index.range(Math.max(west - copy, 0), north, Math.min(east - copy, 1), south)) {
      if (i < buffers.count && isShown(buffers, i, time, shown) && !seen.has(i)) {
        seen.add(i);
        result.push(buffers.order[i]!);
      }
    }
  }
  return result.sort((a, b) => a - b);
}
