import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { distance } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { arcSegments, greatCircle } from '../../src/lib/arcs.ts';
import type { LonLat } from '../../src/lib/schema.ts';

const input = new URL('../fixtures/in/arcs.geojson', import.meta.url);
const output = new URL('../fixtures/out/arcs.geojson', import.meta.url);

function arcs(): GeoJSON.FeatureCollection<GeoJSON.LineString> {
  const fixture = JSON.parse(
    readFileSync(input, 'utf8'),
  ) as GeoJSON.FeatureCollection<GeoJSON.LineString>;
  return {
    type: 'FeatureCollection',
    features: fixture.features.map((feature) => {
      const [from, to] = feature.geometry.coordinates as [LonLat, LonLat];
      return { ...feature, geometry: { type: 'LineString', coordinates: greatCircle(from, to) } };
    }),
  };
}

/** JSON with one position per line, so a diff of the golden file is readable. */
function toReadableJson(value: unknown): string {
  return (
    JSON.stringify(value, null, 1).replace(/\[\s+(-?[\d.e-]+),\s+(-?[\d.e-]+)\s+\]/g, '[$1, $2]') +
    '\n'
  );
}

describe('greatCircle', () => {
  it('matches the golden arcs (REGEN=1 rewrites them)', () => {
    const actual = arcs();
    if (process.env.REGEN) writeFileSync(output, toReadableJson(actual));
    expect(existsSync(output), 'golden missing: run with REGEN=1').toBe(true);
    expect(actual).toEqual(JSON.parse(readFileSync(output, 'utf8')));
  });

  it('never jumps across the antimeridian: consecutive longitudes stay within 180°', () => {
    for (const feature of arcs().features) {
      const positions = feature.geometry.coordinates;
      for (let i = 1; i < positions.length; i++) {
        expect(
          Math.abs(positions[i]![0]! - positions[i - 1]![0]!),
          feature.properties?.name,
        ).toBeLessThan(180);
      }
    }
  });

  it('starts and ends at the given places (modulo whole turns of longitude)', () => {
    const tokyo: LonLat = [139.6917, 35.6895];
    const losAngeles: LonLat = [-118.2437, 34.0522];
    const line = greatCircle(tokyo, losAngeles);
    expect(line[0]).toEqual(tokyo);
    const [lon, lat] = line.at(-1)!;
    expect(lon - 360).toBeCloseTo(losAngeles[0], 4);
    expect(lat).toBeCloseTo(losAngeles[1], 4);
    expect(lon).toBeGreaterThan(180);
  });

  it('follows the great circle: every vertex splits the distance consistently', () => {
    const from: LonLat = [-0.1276, 51.5072];
    const to: LonLat = [51.389, 35.6892];
    const total = distance(from, to);
    for (const position of greatCircle(from, to)) {
      expect(distance(from, position) + distance(position, to)).toBeCloseTo(total, 3);
    }
  });

  it('uses more vertices for longer arcs, within bounds', () => {
    expect(arcSegments(10)).toBe(16);
    expect(arcSegments(5000)).toBe(50);
    expect(arcSegments(20000)).toBe(128);
  });
});
