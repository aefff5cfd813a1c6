/**
 * Great-circle arcs between country anchors.
 *
 * Written by hand rather than with `@turf/great-circle`, which (7.4) splits arcs crossing
 * the antimeridian into two parts with a visible gap at ±180°. Here the arc is one
 * continuous LineString whose longitudes are "unwrapped" (they may run past ±180), which
 * MapLibre draws seamlessly across world copies.
 */
import { distance } from '@turf/turf';
import type { LonLat } from './schema.ts';

type Vector = [number, number, number];

const RADIANS = Math.PI / 180;

function toVector([lon, lat]: LonLat): Vector {
  const phi = lat * RADIANS;
  const lambda = lon * RADIANS;
  return [Math.cos(phi) * Math.cos(lambda), Math.cos(phi) * Math.sin(lambda), Math.sin(phi)];
}

function dot(a: Vector, b: Vector): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

function normalize(v: Vector): Vector {
  const length = Math.hypot(...v);
  return [v[0] / length, v[1] / length, v[2] / length];
}

/** A unit vector at a right angle to `v`: the midpoint of one of the routes to its antipode. */
function perpendicular(v: Vector): Vector {
  const axis: Vector = Math.abs(v[2]) < 0.9 ? [0, 0, 1] : [1, 0, 0];
  return normalize([
    v[1] * axis[2] - v[2] * axis[1],
    v[2] * axis[0] - v[0] * axis[2],
    v[0] * axis[1] - v[1] * axis[0],
  ]);
}

/**
 * Appends the positions after `a` on the great circle from `a` to `b`, in `segments` equal
 * steps, each longitude unwrapped to within 180° of the previous position's. Written as one
 * loop without intermediate vectors: datasets with thousands of pairs sample about a million
 * positions.
 */
function appendArc(positions: LonLat[], a: Vector, b: Vector, segments: number): void {
  const angle = Math.acos(Math.min(Math.max(dot(a, b), -1), 1));
  const sine = Math.sin(angle);
  let previous = positions[positions.length - 1]![0];
  for (let i = 1; i <= segments; i++) {
    const t = i / segments;
    const wa = Math.sin((1 - t) * angle) / sine;
    const wb = Math.sin(t * angle) / sine;
    const x = wa * a[0] + wb * b[0];
    const y = wa * a[1] + wb * b[1];
    const z = wa * a[2] + wb * b[2];
    let lon = Math.atan2(y, x) / RADIANS;
    // Math.sqrt rather than Math.hypot: the components are unit-sized, so nothing
    // overflows, and hypot is several times slower.
    const lat = Math.atan2(z, Math.sqrt(x * x + y * y)) / RADIANS;
    lon += 360 * Math.round((previous - lon) / 360);
    previous = lon;
    positions.push([round(lon), round(lat)]);
  }
}

/** Rounds to 5 decimals (about a metre), which keeps files small and diffs readable. */
function round(value: number): number {
  return Math.round(value * 1e5) / 1e5;
}

/**
 * Vertex count for an arc of a given length: one segment per ~100 km, at least 16 so short
 * arcs still curve smoothly and at most 128 so long ones stay cheap to draw.
 */
export function arcSegments(kilometres: number): number {
  return Math.min(Math.max(Math.ceil(kilometres / 100), 16), 128);
}

/**
 * The great circle from `from` to `to` as a list of [lon, lat] positions in degrees.
 *
 * - The line is continuous: after the first position, each longitude is shifted by whole
 *   turns so it lies within 180° of the previous one (e.g. Tokyo → Los Angeles runs from
 *   139.7 to 241.8 rather than jumping to −118.2).
 * - Identical endpoints give a two-position line of length zero.
 * - Antipodal endpoints have no single great circle; the route through a point at right
 *   angles to `from` (over a pole where possible) is taken.
 * - `segments` defaults to `arcSegments` of the distance.
 */
export function greatCircle(from: LonLat, to: LonLat, segments?: number): LonLat[] {
  if (from[0] === to[0] && from[1] === to[1]) return [from, to];
  const a = toVector(from);
  const b = toVector(to);
  const count = segments ?? arcSegments(distance(from, to, { units: 'kilometers' }));
  const positions: LonLat[] = [[round(from[0]), round(from[1])]];
  if (dot(a, b) < -1 + 1e-12) {
    const middle = perpendicular(a);
    const half = Math.ceil(count / 2);
    appendArc(positions, a, middle, half);
    appendArc(positions, middle, b, half);
  } else {
    appendArc(positions, a, b, count);
  }
  return positions;
}
