/**
 * Checks of GeoJSON geometry: `[longitude, latitude]` positions, an incident's Point and a
 * relation event's LineString or MultiLineString (or `null`, drawn between the countries).
 */
import type { LonLat, RelationEvent } from '../model/schema.ts';
import { report, type Context } from './context.ts';
import { checkItems, isFiniteNumber, isRecord } from './fields.ts';
import { describe, plural, show } from './wording.ts';

/** What each number of a position is, for messages about it. */
const AXES = ['longitude', 'latitude', 'altitude'];

/** A `[longitude, latitude]` position (an altitude, allowed by RFC 7946, is dropped). */
export function checkPosition(ctx: Context, path: string, value: unknown): LonLat | undefined {
  if (!Array.isArray(value)) {
    report(ctx, path, `must be [longitude, latitude], not ${describe(value)}`);
    return undefined;
  }
  if (value.length !== 2 && value.length !== 3) {
    report(ctx, path, `has ${plural(value.length, 'number')}; a position is [longitude, latitude]`);
    return undefined;
  }
  let valid = true;
  for (let i = 0; i < value.length; i++) {
    if (isFiniteNumber(value[i])) continue;
    report(ctx, `${path}[${i}]`, `(${AXES[i]}) must be a number, not ${describe(value[i])}`);
    valid = false;
  }
  if (!valid) return undefined;
  const [lon, lat] = value as LonLat;
  const swapped = Math.abs(lon) <= 90 && Math.abs(lat) > 90 && Math.abs(lat) <= 180;
  const order = swapped ? '; longitude comes first: [longitude, latitude]' : '';
  if (lon < -180 || lon > 180) {
    report(ctx, `${path}[0]`, `(longitude) ${lon} is outside -180 to 180${order}`);
    valid = false;
  }
  if (lat < -90 || lat > 90) {
    report(ctx, `${path}[1]`, `(latitude) ${lat} is outside -90 to 90${order}`);
    valid = false;
  }
  return valid ? [lon, lat] : undefined;
}

/** An incident's geometry: a Point, whose position is returned. */
export function checkPoint(ctx: Context, geometry: unknown): LonLat | undefined {
  if (geometry === undefined) {
    report(ctx, 'geometry', 'is missing; an incident needs a Point geometry');
    return undefined;
  }
  if (!isRecord(geometry)) {
    report(ctx, 'geometry', `must be a Point for an incident, not ${describe(geometry)}`);
    return undefined;
  }
  if (geometry.type !== 'Point') {
    const what = show(geometry.type);
    report(
      ctx,
      'geometry.type',
      `${what} is not allowed for an incident; incidents are "Point" features (a relation needs "from" and "to")`,
    );
    return undefined;
  }
  return checkPosition(ctx, 'geometry.coordinates', geometry.coordinates);
}

/** One line: at least two positions. */
function checkLine(ctx: Context, path: string, value: unknown): LonLat[] | undefined {
  if (!Array.isArray(value)) {
    report(ctx, path, `must be a list of [longitude, latitude] positions, not ${describe(value)}`);
    return undefined;
  }
  if (value.length < 2) {
    report(ctx, path, `has ${plural(value.length, 'position')}; a line needs at least 2`);
    return undefined;
  }
  return checkItems(path, value, (itemPath, item) => checkPosition(ctx, itemPath, item));
}

type RelationGeometry = RelationEvent['geometry'];
const RELATION_GEOMETRY_ADVICE =
  'use null (drawn between the two countries) or a "LineString" or "MultiLineString"';

/** A relation's geometry; `undefined` when it is wrong (`null` is a valid geometry). */
export function checkRelationGeometry(
  ctx: Context,
  geometry: unknown,
): RelationGeometry | undefined {
  if (geometry === null) return null;
  if (geometry === undefined) {
    report(ctx, 'geometry', `is missing; ${RELATION_GEOMETRY_ADVICE}`);
    return undefined;
  }
  if (!isRecord(geometry)) {
    report(ctx, 'geometry', `must be null or a line geometry, not ${describe(geometry)}`);
    return undefined;
  }
  if (geometry.type === 'LineString') {
    const line = checkLine(ctx, 'geometry.coordinates', geometry.coordinates);
    return line && { type: 'LineString', coordinates: line };
  }
  if (geometry.type === 'MultiLineString') {
    const coordinates = geometry.coordinates;
    if (!Array.isArray(coordinates) || coordinates.length === 0) {
      const what = Array.isArray(coordinates) ? 'an empty list' : describe(coordinates);
      report(ctx, 'geometry.coordinates', `must be a list of lines, not ${what}`);
      return undefined;
    }
    const lines = checkItems('geometry.coordinates', coordinates, (path, line) =>
      checkLine(ctx, path, line),
    );
    return { type: 'MultiLineString', coordinates: lines };
  }
  const what = show(geometry.type);
  report(
    ctx,
    'geometry.type',
    `${what} is not allowed for a relation event; ${RELATION_GEOMETRY_ADVICE}`,
  );
  return undefined;
}
