import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { anchorOf } from '../../../src/core/prepare/mapdata.ts';
import { validateDataset } from '../../../src/core/validation/validate.ts';

const MINIMAL = readFileSync(
  new URL('../../fixtures/valid/minimal.geojson', import.meta.url),
  'utf8',
);

describe('former states in a dataset', () => {
  it('are valid country codes and get an anchor at their capital of the time', () => {
    const dataset = JSON.parse(MINIMAL);
    // Feature 2 is the relation AZE–IRN; make it the United States and the Soviet Union.
    Object.assign(dataset.features[2].properties, { from: 'USA', to: 'SUN', date: '1962-10-22' });
    dataset.features[0].properties.countries = ['DDR', 'CSK'];
    const result = validateDataset(dataset);
    expect(result.ok ? [] : result.problems).toEqual([]);
    if (!result.ok) return;
    expect(anchorOf(result.dataset, 'SUN')).toEqual([37.618, 55.756]);
    expect(anchorOf(result.dataset, 'RVN')).toEqual([106.7, 10.776]);
  });
});
