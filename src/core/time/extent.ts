/**
 * The days a dataset covers, from its features' first and last days. One function, so the
 * slider, the summary and the snapshot CLI can never disagree about a dataset's range.
 */
import type { Day } from '../model/dates.ts';
import type { Dataset } from '../model/schema.ts';

/**
 * The first day any incident or relation event of `dataset` begins and the last day any of
 * them covers (end dates included), inclusive; `null` when the dataset has no features.
 */
export function datasetDays(dataset: Dataset): { first: Day; last: Day } | null {
  let first = Infinity;
  let last = -Infinity;
  for (const list of [dataset.incidents, dataset.relations]) {
    for (const feature of list) {
      if (feature.first < first) first = feature.first;
      if (feature.last > last) last = feature.last;
    }
  }
  return Number.isFinite(first) ? { first, last } : null;
}
