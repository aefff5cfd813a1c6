import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NO_INCIDENTS, STRIDE } from '../../../src/render/incidents/buffers.ts';
import { packIncidents } from '../../../src/render/incidents/pack.ts';
import {
  HALO_RADIUS,
  incidentRadius,
  severityOf,
  STATUS_CENTRE,
} from '../../../src/core/style/marks.ts';
import { mercator } from '../../../src/core/geometry/mercator.ts';
import { CATEGORY_COLORS } from '../../../src/core/style/palette.ts';
import { validateDataset } from '../../../src/core/validation/validate.ts';

const result = validateDataset(
  readFileSync(new URL('../../../geojson/caspian-2022-2023.geojson', import.meta.url), 'utf8'),
);
if (!result.ok) throw new Error('built-in dataset invalid');
const incidents = result.dataset.incidents;
const colorOf = (category: string) => CATEGORY_COLORS[category]!;

describe('packIncidents', () => {
  const buffers = packIncidents(incidents, colorOf);
  const positionOf = (id: string) => [...buffers.order].findIndex((i) => incidents[i]!.id === id);

  it('packs every incident once, latest and most severe last so they draw on top', () => {
    expect(buffers.count).toBe(incidents.length);
    expect([...buffers.order].sort((a, b) => a - b)).toEqual([...incidents.keys()]);
    const starts = [...buffers.order].map((i) => incidents[i]!.date.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    const atTehran = [...buffers.order].filter((i) => {
      const [lon, lat] = incidents[i]!.coordinates;
      return lon === 51.389 && lat === 35.6892;
    });
    expect(incidents[atTehran.at(-1)!]!.id).toBe('tehran-embassy-attack');
  });

  it('stores place, days, size, halo, status and colour as the shader reads them', () => {
    const position = positionOf('irgc-border-drills');
    const incident = incidents[buffers.order[position]!]!;
    const a = buffers.attributes.subarray(position * STRIDE, (position + 1) * STRIDE);
    const [x, y] = mercator(...incident.coordinates);
    expect(a[0]).toBeCloseTo(x, 6);
    expect(a[1]).toBeCloseTo(y, 6);
    expect([a[2], a[3]]).toEqual([incident.date.start, incident.date.end]);
    expect(a[4]).toBeCloseTo(incidentRadius(severityOf(incident)), 5);
    expect(a[5]).toBe(HALO_RADIUS.region);
    expect(a[6]).toBeCloseTo(STATUS_CENTRE.confirmed!, 5);
    expect([...buffers.colors.subarray(position * 4, position * 4 + 4)]).toEqual([
      0x00, 0x72, 0xb2, 255,
    ]);
    const disputed = positionOf('iran-personal-dispute-claim');
    expect(buffers.attributes[disputed * STRIDE + 7]).toBe(1);
    expect(buffers.attributes[disputed * STRIDE + 6]).toBeCloseTo(STATUS_CENTRE.disputed!, 5);
  });
});

describe('mercator', () => {
  it('maps the corners and centre of the world', () => {
    expect(mercator(-180, 85.0511)[0]).toBe(0);
    expect(mercator(0, 0)).toEqual([0.5, 0.5]);
    expect(mercator(180, -85.0511)[1]).toBeCloseTo(1, 4);
  });
});

describe('NO_INCIDENTS', () => {
  it('is what packing no incidents gives', () => {
    expect(NO_INCIDENTS).toEqual(packIncidents([], () => '#000000'));
  });
});
