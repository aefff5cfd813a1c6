/**
 * The count badges' cost at scale, in Node:
 *
 *   node --import tsx --expose-gc src/bench/places.ts [100000,1000000]
 *
 * For each size, a synthetic dataset (`synthetic.ts`, seed 1, 5,000 pairs) is validated, then
 * timed: what the loading worker does before its `head` message (`buildMapData` and
 * `toPageData`), grouping every level (`groupPlaces`, done once in the loading worker after
 * it has sent the dataset), the typed arrays it sends, and at zoom levels 2, 5 and 8 a level or filter change (`PlaceCounts`,
 * with no filter and with `category=attack`, the mask from `filterMask`) and a slider step
 * (`placeBadges` over the whole world, at 30 days spread over the range, in cumulative and
 * 30-day window mode): median and slowest. Prints a Markdown table.
 */
import { performance } from 'node:perf_hooks';
import { filterMask } from '../core/filter/filters.ts';
import { buildMapData, toPageData } from '../core/prepare/mapdata.ts';
import { groupPlaces, PlaceCounts, placeBadges } from '../core/prepare/places.ts';
import { timeOrder } from '../core/time/incidentindex.ts';
import { datasetDays } from '../core/time/extent.ts';
import type { TimeFilter } from '../core/time/timeline.ts';
import { validateDataset } from '../core/validation/validate.ts';
import { syntheticDataset } from './synthetic.ts';

function time<T>(work: () => T): [T, number] {
  const start = performance.now();
  const result = work();
  return [result, performance.now() - start];
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const ms = (value: number) => value.toFixed(value < 10 ? 2 : 0);

function main(): void {
  const sizes = (process.argv[2] ?? '100000,1000000').split(',').map(Number);
  console.log(
    '| incidents | level | groups | change, no filter | change, attacks | step cumulative (median / max) | step window (median / max) | badges |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const size of sizes) {
    const result = validateDataset(syntheticDataset({ incidents: size, pairs: 5000, seed: 1 }));
    if (!result.ok) throw new Error('invalid synthetic dataset');
    const { incidents } = result.dataset;
    const [, headMs] = time(() => toPageData(buildMapData(result.dataset)));
    const order = timeOrder(incidents);
    const [groups, groupMs] = time(() => groupPlaces(incidents, order));
    const bytes = groups.levels.reduce(
      (sum, l) => sum + l.offsets.byteLength + l.members.byteLength + l.lonLat.byteLength,
      0,
    );
    const [mask, maskMs] = time(() => filterMask(incidents, { category: ['attack'] }));
    console.error(
      `${size}: before the worker's head ${ms(headMs)} ms; then grouping every level ${ms(groupMs)} ms, ${(bytes / 1e6).toFixed(1)} MB; filterMask ${ms(maskMs)} ms`,
    );
    const days = datasetDays(result.dataset)!;
    const steps = Array.from(
      { length: 30 },
      (_, i) => days.first + Math.round(((days.last - days.first) * (i + 1)) / 30),
    );
    for (const level of [2, 5, 8]) {
      const [counts, plainMs] = time(() => new PlaceCounts(groups.levels[level]!, incidents, null));
      const [, maskedMs] = time(() => new PlaceCounts(groups.levels[level]!, incidents, mask));
      const stepTimes = (mode: TimeFilter['mode']) => {
        const times = steps.map(
          (day) => time(() => placeBadges(counts, { day, mode, windowDays: 30 }))[1],
        );
        return `${ms(median(times))} / ${ms(Math.max(...times))} ms`;
      };
      const badges = placeBadges(counts, { day: days.last, mode: 'cumulative', windowDays: 30 });
      console.log(
        `| ${size.toLocaleString('en')} | ${level} | ${counts.size.toLocaleString('en')} | ${ms(plainMs)} ms | ${ms(maskedMs)} ms | ${stepTimes('cumulative')} | ${stepTimes('window')} | ${badges.length} |`,
      );
    }
  }
}

main();
