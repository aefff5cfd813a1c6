import { describe, expect, it } from 'vitest';
import { filterMask, type Filters } from '../../../src/core/filter/filters.ts';
import { columnMask, incidentColumns } from '../../../src/core/filter/summary.ts';
import {
  buildSearchIndex,
  estimateMatches,
  keepMatching,
} from '../../../src/core/filter/searchindex.ts';
import { syntheticDataset } from '../../../src/bench/synthetic.ts';
import { validateDataset } from '../../../src/core/validation/validate.ts';
import { builtInDataset } from '../../builtin.ts';

const builtIn = builtInDataset();
const result = validateDataset(syntheticDataset({ incidents: 4_000, pairs: 20, seed: 5 }));
if (!result.ok) throw new Error('the synthetic dataset did not validate');
const synthetic = result.dataset;

/** Filters from one field to every field at once, common and rare values, words found and not. */
const CASES: Filters[] = [
  { category: ['attack'] },
  { category: ['attack', 'military'], country: ['IRN'] },
  { category: ['no-such-category'] },
  { country: ['AZE', 'ISR'] },
  { country: ['XXX'] },
  { status: ['disputed'] },
  { precision: ['exact', 'city'], status: ['confirmed', 'reported'] },
  { q: 'attack iran' },
  { q: 'IRAN' },
  { q: '12' },
  { q: 'zzzz' },
  { q: '   ' },
  { category: ['attack'], q: ' ' },
  { q: 'embassy tehran' },
  { q: 'سفارت تهران' },
  { q: 'Tehrandakı SƏFIRLIYINƏ' },
  { q: 'turkiye' },
  { category: ['attack'], country: ['IRN'], q: 'iran 1' },
  { category: ['statement'], q: 'turkiye' },
  {
    category: ['attack', 'protest', 'statement'],
    country: ['IRN', 'AZE', 'TUR'],
    status: ['confirmed', 'reported', 'claimed'],
    precision: ['exact', 'city', 'region'],
    q: 'a 3',
  },
];

describe('columnMask', () => {
  for (const [name, dataset] of [
    ['the built-in dataset', builtIn],
    ['4,000 synthetic incidents', synthetic],
  ] as const) {
    it(`answers what filterMask answers, byte for byte, on ${name}`, () => {
      const columns = incidentColumns(dataset.incidents);
      let matched = 0;
      for (const filters of CASES) {
        const mask = columnMask(columns, filters);
        expect(mask, JSON.stringify(filters)).toEqual(filterMask(dataset.incidents, filters));
        matched += mask.reduce((s, b) => s + b, 0);
      }
      expect(matched).toBeGreaterThan(0);
      expect(columnMask(columns, {})).toEqual(filterMask(dataset.incidents, {}));
    });
  }

  it('finds words in every chunk, checked one by one or scanned', () => {
    // Chunks of a few incidents each, so words sit at chunks' starts and ends.
    const index = buildSearchIndex(synthetic.incidents, 200);
    expect(index.chunks.length).toBeGreaterThan(100);
    for (const word of ['iran', 'attack', '9', 'zzzz', 'a,']) {
      const expected = filterMask(synthetic.incidents, { q: word });
      // Every incident passing: a scan. One in twenty: each checked alone.
      const all = new Uint8Array(synthetic.incidents.length).fill(1);
      const matches = expected.reduce((s, b) => s + b, 0);
      expect(keepMatching(index, word, all, all.length, 0)).toBe(matches);
      expect(all).toEqual(expected);
      const few = all.map((_, i) => (i % 20 === 0 ? 1 : 0));
      const kept = keepMatching(
        index,
        word,
        few,
        few.reduce((s, b) => s + b, 0),
      );
      expect(few).toEqual(expected.map((b, i) => (i % 20 === 0 ? b : 0)));
      expect(kept).toBe(few.reduce((s, b) => s + b, 0));
    }
  });

  it('estimates how many incidents hold a word from a sample', () => {
    const index = buildSearchIndex(synthetic.incidents, 200);
    const count = (q: string) => filterMask(synthetic.incidents, { q }).reduce((s, b) => s + b, 0);
    expect(estimateMatches(index, 'zzzz')).toBe(0);
    for (const word of ['iran', 'attack', 'a']) {
      expect(Math.abs(estimateMatches(index, word) - count(word))).toBeLessThan(
        0.05 * synthetic.incidents.length,
      );
    }
  });
});
