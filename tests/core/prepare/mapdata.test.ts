import { builtInDataset } from '../../builtin.ts';
import { describe, expect, it } from 'vitest';
import { dayFromIso, isoFromDay } from '../../../src/core/model/dates.ts';
import {
  buildMapData,
  MAX_LABELS,
  OPEN_END,
  shortLabel,
} from '../../../src/core/prepare/mapdata.ts';
import { syntheticDataset } from '../../../src/bench/synthetic.ts';
import { validateDataset } from '../../../src/core/validation/validate.ts';

const builtIn = builtInDataset;

describe('buildMapData on the built-in dataset', () => {
  const data = buildMapData(builtIn());

  it('labels every incident of a small dataset, with day numbers, colour and date label', () => {
    expect(data.labels.features).toHaveLength(data.incidents.count);
    const tehran = data.labels.features.find((f) => f.properties.id === 'tehran-embassy-attack')!;
    expect(tehran.properties.start).toBe(dayFromIso('2023-01-27'));
    expect(tehran.properties.end).toBe(dayFromIso('2023-01-27'));
    expect(tehran.properties.severity).toBe(1);
    expect(tehran.properties.color).toMatch(/^#[0-9A-F]{6}$/i);
    const drills = data.labels.features.find((f) => f.properties.id === 'irgc-border-drills')!;
    expect(isoFromDay(drills.properties.start)).toBe('2022-10-01');
    expect(isoFromDay(drills.properties.end)).toBe('2022-10-31');
    expect(drills.properties.dateLabel).toBe('Oct 2022');
  });

  it('splits the Azerbaijan–Israel arc at 18 Nov 2022', () => {
    const arcs = data.arcs.features.filter((f) => f.properties.pair === 'AZE-ISR');
    expect(arcs.map((f) => [isoFromDay(f.properties.start), f.properties.stance])).toEqual([
      ['2022-01-01', 'cooperation'],
      ['2022-11-18', 'alliance'],
    ]);
    expect(arcs[0]!.properties.end).toBe(dayFromIso('2022-11-18'));
    expect(arcs[1]!.properties.end).toBe(OPEN_END);
    expect(arcs[0]!.geometry.type).toBe('LineString');
  });

  it('spans the slider from a week before the first event to the last day', () => {
    expect(isoFromDay(data.range.start)).toBe('2021-12-25');
    expect(isoFromDay(data.range.end)).toBe('2023-01-31');
  });

  it("names the dataset's countries, and only those, for the page", () => {
    const dataset = builtIn();
    const codes = new Set([
      ...dataset.incidents.flatMap((i) => i.countries),
      ...dataset.relations.flatMap((r) => [r.from, r.to]),
    ]);
    expect(Object.keys(data.countries).sort()).toEqual([...codes].sort());
    expect(data.countries.AZE).toEqual({ name: 'Azerbaijan', iso2: 'AZ' });
    expect(data.countries.FRA).toBeUndefined();
  });

  it('frames every incident and arc', () => {
    const [west, south, east, north] = data.bounds!;
    for (const feature of data.labels.features) {
      const [lon, lat] = feature.geometry.coordinates as [number, number];
      expect(lon).toBeGreaterThanOrEqual(west);
      expect(lon).toBeLessThanOrEqual(east);
      expect(lat).toBeGreaterThanOrEqual(south);
      expect(lat).toBeLessThanOrEqual(north);
    }
  });
});

describe('shortLabel', () => {
  it('keeps short titles and cuts long ones at a word', () => {
    expect(shortLabel('Attack in London')).toBe('Attack in London');
    expect(shortLabel('Gunman attacks the Azerbaijani Embassy in Tehran')).toBe(
      'Gunman attacks the…',
    );
  });
});

describe('buildMapData on a large dataset', () => {
  it('packs every incident and leaves the labels to small datasets', () => {
    const result = validateDataset(
      syntheticDataset({ incidents: MAX_LABELS + 1, pairs: 5, seed: 7 }),
    );
    if (!result.ok) throw new Error('synthetic dataset invalid');
    const data = buildMapData(result.dataset);
    expect(data.incidents.count).toBe(MAX_LABELS + 1);
    expect(data.labels.features).toEqual([]);
  });
});
