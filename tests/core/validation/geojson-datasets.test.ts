import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatProblem, validateDataset } from '../../../src/core/validation/validate.ts';

const FOLDER = new URL('../../../geojson/', import.meta.url);
const DATASETS = readdirSync(FOLDER)
  .filter((name) => name.endsWith('.geojson'))
  .sort();

describe('the datasets shipped in geojson/', () => {
  it('include at least one dataset', () => {
    expect(DATASETS.length).toBeGreaterThan(0);
  });

  // An empty `it.each` list would pass silently, hence the separate check above.
  it.each(DATASETS)('%s validates with no problems', (name) => {
    const result = validateDataset(readFileSync(new URL(name, FOLDER), 'utf8'));
    expect(result.problems.map(formatProblem)).toEqual([]);
    expect(result.ok).toBe(true);
  });
});
