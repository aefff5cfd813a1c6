/**
 * Web Mercator as MapLibre draws it: the world 1 unit wide, latitudes clamped to ±85.0511°.
 * Both the incident layer's positions and the arcs' vertex placement use it, so both agree
 * with the map.
 */

/** Latitude in degrees beyond which Web Mercator is clamped (y 0 or 1). */
export const MERCATOR_LIMIT = 85.0511;

/**
 * Web Mercator x and y in 0..1 for a longitude and latitude in degrees (y down). Longitudes
 * past ±180 give x past 0..1, continuing across the antimeridian.
 */
export function mercator(lon: number, lat: number): [number, number] {
  const sin = Math.sin((Math.max(Math.min(lat, MERCATOR_LIMIT), -MERCATOR_LIMIT) * Math.PI) / 180);
  return [(180 + lon) / 360, 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI];
}
