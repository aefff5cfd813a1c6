/**
 * The filters' Node benchmark: what the loading worker computes for one filter change on the
 * synthetic million, timed on the same code (`filterSummary`):
 *
 *   node --import tsx --expose-gc src/bench/filters.ts [incidents] [runs]
 *
 * Times the mask for a category, for a text search (two words over every title, folded for
 * case and accents) and for both with a country, as the worker computes it from the columns
 * built once per dataset (`columnMask`, checked byte for byte against `filterMask`), and the
 * histogram following a mask, each the median of `runs` after one warm-up run. Then what the timeline waits for: the histogram
 * of the whole dataset (no filter, as it first appears) by bucket size, and each filter change
 * whole (`filterSummary`: the mask, then the histogram at the bucket a 900-pixel timeline
 * chooses). Prints one line of JSON on stdout.
 */
import { performance } from 'node:perf_hooks';
import { syntheticDataset } from './synthetic.ts';
import { validateDataset } from '../core/validation/validate.ts';
import { filterMask, type Filters } from '../core/filter/filters.ts';
import { columnMask, filterSummary, incidentColumns } from '../core/filter/summary.ts';
import { chooseBucketSize, histogram } from '../core/time/histogram.ts';
import { datasetDays } from '../core/time/extent.ts';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The median time of `work` over `runs`, after one run that is not counted. */
function timed(runs: number, work: () => unknown): number {
  work();
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  return Math.round(median(times) * 10) / 10;
}

const incidents = Number(process.argv[2] ?? 1_000_000);
const runs = Number(process.argv[3] ?? 5);
const result = validateDataset(syntheticDataset({ incidents, pairs: 5_000, seed: 1 }));
if (!result.ok) throw new Error('the synthetic dataset did not validate');
const dataset = result.dataset;
const cases: Record<string, Filters> = {
  category: { category: ['attack'] },
  search: { q: 'attack iran' },
  searchMissing: { q: 'zzzz' },
  combined: { category: ['attack', 'military'], country: ['IRN'], q: 'iran' },
};
// The worker builds the columns and folds the search texts once, while idle after loading.
const columns = incidentColumns(dataset.incidents);
const maskMs: Record<string, number> = {};
const matched: Record<string, number> = {};
for (const [name, filters] of Object.entries(cases)) {
  maskMs[name] = timed(runs, () => columnMask(columns, filters));
  const mask = columnMask(columns, filters);
  // The columns must answer what the reference answers, byte for byte.
  const reference = filterMask(dataset.incidents, filters);
  if (mask.some((b, i) => b !== reference[i])) throw new Error(`columnMask differs: ${name}`);
  matched[name] = mask.reduce((s, b) => s + b, 0);
}
const mask = filterMask(dataset.incidents, cases.category!);
const days = datasetDays(dataset)!;
const range = { start: days.first, end: days.last };
const categories = dataset.categories.map((c) => c.id);
const histogramMs = Object.fromEntries(
  (['day', 'week', 'month'] as const).map((size) => [
    size,
    timed(runs, () => histogram({ ...columns, mask }, range, size, categories)),
  ]),
);
const unfilteredMs = Object.fromEntries(
  (['day', 'week', 'month', 'year'] as const).map((size) => [
    size,
    timed(runs, () => histogram(columns, range, size, categories)),
  ]),
);
const request = { range, size: chooseBucketSize(range, 900), categories };
const changeMs: Record<string, number> = {};
for (const [name, filters] of Object.entries({ none: {}, ...cases })) {
  changeMs[name] = timed(runs, () => filterSummary(columns, filters, request));
}
const columnsMs = timed(runs, () => incidentColumns(dataset.incidents));
console.log(
  JSON.stringify({
    incidents: dataset.incidents.length,
    runs,
    maskMs,
    matched,
    histogramMs,
    bucketAt900px: chooseBucketSize(range, 900),
    unfilteredMs,
    changeMs,
    columnsOnceMs: columnsMs,
  }),
);
