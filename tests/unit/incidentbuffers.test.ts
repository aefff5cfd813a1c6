import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HALO_RADIUS, incidentRadius, mercator, packIncidents, STRIDE } from '../../src/lib/incidentbuffers.ts';
import { buildMapData } from '../../src/lib/mapdata.ts';
import { STATUS_CENTRE } from '../../src/lib/palette.ts';
import { validateDataset } from '../../src/lib/validate.ts';

const result = validateDataset(readFileSync(new URL('../../geojson/caspian-2022-2023.geojson', import.meta.url), 'utf8'));
if (!result.ok) throw new Error('built-in dataset invalid');
const data = buildMapData(result.dataset);

describe('packIncidents', () => {
  const buffers = packIncidents(data.incidents);

  it('packs every incident once, latest and most severe last so they draw on top', () => {
    expect(buffers.count).toBe(data.incidents.features.length);
    expect([...buffers.order].sort((a, b) => a - b)).toEqual([...data.incidents.features.keys()]);
    const starts = [...buffers.order].map((i) => data.incidents.features[i]!.properties.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    const tehran = data.incidents.features.findIndex((f) => f.properties.id === 'tehran-embassy-attack');
    const atTehran = [...buffers.order].filter((i) => {
      const [lon, lat] = data.incidents.features[i]!.geometry.coordinates;
      return lon === 51.389 && lat === 35.6892;
    });
    expect(atTehran.at(-1)).toBe(tehran);
  });

  it('stores place, days, size, halo, status and colour as the shader reads them', () => {
    const position = [...buffers.order].findIndex((i) => data.incidents.features[i]!.properties.id === 'irgc-border-drills');
    const feature = data.incidents.features[buffers.order[position]!]!;
    const a = buffers.attributes.subarray(position * STRIDE, (position + 1) * STRIDE);
    const [x, y] = mercator(...(feature.geometry.coordinates as [number, number]));
    expect(a[0]).toBeCloseTo(x, 6);
    expect(a[1]).toBeCloseTo(y, 6);
    expect([a[2], a[3]]).toEqual([feature.properties.start, feature.properties.end]);
    expect(a[4]).toBeCloseTo(incidentRadius(0), 5);
    expect(a[5]).toBe(HALO_RADIUS.region);
    expect(a[6]).toBeCloseTo(STATUS_CENTRE.confirmed!, 5);
    expect([...buffers.colors.subarray(position * 4, position * 4 + 4)]).toEqual([0x00, 0x72, 0xb2, 255]);
  });
});

describe('mercator', () => {
  it('maps the corners and centre of the world', () => {
    expect(mercator(-180, 85.0511)[0]).toBe(0);
    expect(mercator(0, 0)).toEqual([0.5, 0.5]);
    expect(mercator(180, -85.0511)[1]).toBeCloseTo(1, 4);
  });
});
