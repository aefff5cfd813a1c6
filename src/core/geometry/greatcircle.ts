/**
 * Great-circle arcs between country anchors.
 *
 * Written by hand rather than with `@turf/great-circle`, which (7.4) splits arcs crossing
 * the antimeridian into two parts with a visible gap at ±180°. Here the arc is one
 * continuous LineString whose longitudes are "unwrapped" (they may run past ±180), which
 * MapLibre draws seamlessly across world copies.
 */
import { MERCATOR_LIMIT, mercator } from './mercator.ts';
import type { LonLat } from '../model/schema.ts';

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

function add(a: Vector, b: Vector): Vector {
  return [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
}

function normalize(v: Vector): Vector {
  const length = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
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
 * A point on an arc: its unit vector, its longitude (unwrapped) and latitude in degrees, and
 * where it lies in Web Mercator (`x`, `y` from `mercator`, x running on past the antimeridian),
 * which is where MapLibre draws straight lines between vertices.
 */
interface Vertex {
  vector: Vector;
  lon: number;
  lat: number;
  x: number;
  y: number;
}

/** A vertex from its unit vector and its unwrapped longitude and latitude. */
function vertex(vector: Vector, lon: number, lat: number): Vertex {
  const [x, y] = mercator(lon, lat);
  return { vector, lon, lat, x, y };
}

/** The vertex at unit vector `v`, its longitude shifted by whole turns to within 180° of `near`. */
function vertexAt(v: Vector, near: number): Vertex {
  let lon = Math.atan2(v[1], v[0]) / RADIANS;
  // Math.sqrt rather than Math.hypot: the components are unit-sized, so nothing overflows,
  // and hypot is several times slower in a loop over every vertex of thousands of arcs.
  const lat = Math.atan2(v[2], Math.sqrt(v[0] * v[0] + v[1] * v[1])) / RADIANS;
  lon += 360 * Math.round((near - lon) / 360);
  return vertex(v, lon, lat);
}

/** Spherical interpolation between unit vectors `a` and `b` separated by `angle` radians. */
function slerp(a: Vector, b: Vector, angle: number, t: number): Vector {
  const sine = Math.sin(angle);
  const wa = Math.sin((1 - t) * angle) / sine;
  const wb = Math.sin(t * angle) / sine;
  return [wa * a[0] + wb * b[0], wa * a[1] + wb * b[1], wa * a[2] + wb * b[2]];
}

/** The vertices after `from` on the great circle to `to`, in `segments` equal steps. */
function uniformArc(from: Vertex, to: Vector, segments: number): Vertex[] {
  const angle = Math.acos(Math.min(Math.max(dot(from.vector, to), -1), 1));
  const vertices: Vertex[] = [];
  let previous = from;
  for (let i = 1; i <= segments; i++) {
    previous = vertexAt(slerp(from.vector, to, angle, i / segments), previous.lon);
    vertices.push(previous);
  }
  return vertices;
}

/** Distance from vertex `p` to the segment from `a` to `b`, in Web Mercator. */
function distanceToSegment(p: Vertex, a: Vertex, b: Vertex): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const lengthSquared = dx * dx + dy * dy;
  const t =
    lengthSquared === 0
      ? 0
      : Math.min(Math.max(((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSquared, 0), 1);
  const ex = a.x + t * dx - p.x;
  const ey = a.y + t * dy - p.y;
  return Math.sqrt(ex * ex + ey * ey);
}

/**
 * Appends the vertices after `from` up to `to`, halving the stretch while the great circle
 * strays farther than `ARC_TOLERANCE` from the straight line MapLibre draws between them.
 * Great circles bend most in Web Mercator near the poles, so northern routes get more
 * vertices and routes near the equator fewer.
 *
 * The gap is measured at the stretch's quarter points as well as its middle: near a pole a
 * stretch bends lopsidedly in Web Mercator, and its farthest point from the chord can lie
 * well off the middle (from (-177.409, 77.479) to (0, 0) the middle was within tolerance
 * while a point nearer the pole strayed 6% beyond it).
 */
function appendAdaptive(vertices: Vertex[], from: Vertex, to: Vertex, depth: number): void {
  const middle = vertexAt(normalize(add(from.vector, to.vector)), from.lon);
  if (depth < MAX_DEPTH && straysFrom(from, middle, to)) {
    appendAdaptive(vertices, from, middle, depth + 1);
    appendAdaptive(vertices, middle, to, depth + 1);
  } else {
    vertices.push(to);
  }
}

/**
 * Whether the great circle from `from` through `middle` to `to` strays beyond
 * `ARC_TOLERANCE` from the chord, or crosses the latitude where Web Mercator is clamped:
 * there the drawn line has a corner that no point measured inside the stretch reveals.
 */
function straysFrom(from: Vertex, middle: Vertex, to: Vertex): boolean {
  if (distanceToSegment(middle, from, to) > ARC_TOLERANCE) return true;
  const points = [from, middle, to];
  for (const [a, b] of [
    [from, middle],
    [middle, to],
  ] as const) {
    const quarter = vertexAt(normalize(add(a.vector, b.vector)), a.lon);
    if (distanceToSegment(quarter, from, to) > ARC_TOLERANCE) return true;
    points.push(quarter);
  }
  const clamped = points.map((point) => Math.abs(point.lat) > MERCATOR_LIMIT);
  return clamped.some((c) => c !== clamped[0]);
}

/** Rounds to 5 decimals (about a metre), which keeps files small and diffs readable. */
function round(value: number): number {
  return Math.round(value * 1e5) / 1e5;
}

/**
 * The largest gap allowed between an arc as drawn (straight in Web Mercator between its
 * vertices) and the true great circle: 2 px at zoom 8, about 600 m at the equator, in Web
 * Mercator units (the world is 1 wide).
 */
export const ARC_TOLERANCE = 2 / (512 * 2 ** 8);

/** Equal steps an arc starts from before `ARC_TOLERANCE` splits them further. */
const FIRST_SEGMENTS = 8;

/** Most halvings of one step: 8 × 2^10 vertices would be 2.5 km apart on the longest arc. */
const MAX_DEPTH = 10;

/**
 * The great circle from `from` to `to` as a list of [lon, lat] positions in degrees.
 *
 * - The line is continuous: after the first position, each longitude is shifted by whole
 *   turns so it lies within 180° of the previous one (e.g. Tokyo → Los Angeles runs from
 *   139.7 to 241.8 rather than jumping to −118.2).
 * - Identical endpoints give a two-position line of length zero.
 * - Antipodal endpoints have no single great circle; the route through a point at right
 *   angles to `from` (over a pole where possible) is taken.
 * - Without `segments`, vertices are placed where the line bends: as drawn, it strays at most
 *   `ARC_TOLERANCE` from the great circle, and straighter stretches get fewer vertices. With
 *   `segments`, the arc is cut into that many equal steps.
 */
export function greatCircle(from: LonLat, to: LonLat, segments?: number): LonLat[] {
  if (from[0] === to[0] && from[1] === to[1]) return [from, to];
  const start = vertex(toVector(from), from[0], from[1]);
  const end = toVector(to);
  // Antipodes: go through a point at right angles to `from`, in two halves.
  const stops = dot(start.vector, end) < -1 + 1e-12 ? [perpendicular(start.vector), end] : [end];
  const vertices: Vertex[] = [start];
  for (const stop of stops) {
    const steps = Math.ceil((segments ?? FIRST_SEGMENTS) / stops.length);
    const uniform = uniformArc(vertices[vertices.length - 1]!, stop, steps);
    if (segments !== undefined) {
      vertices.push(...uniform);
      continue;
    }
    let previous = vertices[vertices.length - 1]!;
    for (const next of uniform) {
      appendAdaptive(vertices, previous, next, 0);
      previous = next;
    }
  }
  const positions: LonLat[] = vertices.map(({ lon, lat }) => [round(lon), round(lat)]);
  positions[0] = [round(from[0]), round(from[1])];
  return positions;
}
