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

function toLonLat([x, y, z]: Vector): LonLat {
  return [Math.atan2(y, x) / RADIANS, Math.atan2(z, Math.hypot(x, y)) / RADIANS];
}

function dot(a: Vector, b: Vector): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

function normalize(v: Vector): Vector {
  const length = Math.hypot(...v);
  return [v[0] / length, v[1] / length, v[2] / length];
}

/** Spherical interpolation between unit vectors `a` and `b` separated by `angle` radians. */
function slerp(a: Vector, b: Vector, angle: number, t: number): Vector {
  const wa = Math.sin((1 - t) * angle) / Math.sin(angle);
  const wb = Math.sin(t * angle) / Math.sin(angle);
  return [wa * a[0] + wb * b[0], wa * a[1] + wb * b[1], wa * a[2] + wb * b[2]];
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

function sample(a: Vector, b: Vector, segments: number): Vector[] {
  const angle = Math.acos(Math.min(Math.max(dot(a, b), -1), 1));
  return Array.from({ length: segments + 1 }, (_, i) => slerp(a, b, angle, i / segments));
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
  const antipodal = dot(a, b) < -1 + 1e-12;
  const vectors = antipodal
    ? [
        ...sample(a, perpendicular(a), Math.ceil(count / 2)).slice(0, -1),
        ...sample(perpendicular(a), b, Math.ceil(count / 2)),
      ]
    : sample(a, b, count);
  const positions: LonLat[] = [];
  let previous = from[0];
  for (const [i, vector] of vectors.entries()) {
    let [lon, lat] = toLonLat(vector);
    if (i === 0) lon = from[0];
    else lon += 360 * Math.round((previous - lon) / 360);
    previous = lon;
    positions.push([round(lon), round(lat)]);
  }
  return positions;
}
