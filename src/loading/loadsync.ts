/**
 * Loading a dataset on the main thread: for tests, and for pages where the loading worker
 * cannot start. The app otherwise loads through the worker, so the validator stays out of the
 * page's first download. Filter changes are then computed in place too.
 */
import { buildMapData, toPageData } from '../core/prepare/mapdata.ts';
import { groupPlaces } from '../core/prepare/places.ts';
import { inPlaceFilterer } from '../core/filter/summary.ts';
import { validateDataset, type ValidationResult } from '../core/validation/validate.ts';
import { sourceLabel, type DataSource, type MapState } from '../state/state.svelte.ts';

/**
 * Validates and shows a dataset given as JSON text or a parsed value. On failure the
 * problems are listed and the dataset already shown stays. Returns whether it loaded.
 */
export function loadSync(state: MapState, input: string | unknown, source: DataSource): boolean {
  return showResult(state, validateDataset(input), source);
}

/**
 * Shows a validated dataset, or lists its problems and keeps the dataset already shown (a
 * Parquet file is validated before it gets here). Returns whether it loaded.
 */
export function showResult(state: MapState, result: ValidationResult, source: DataSource): boolean {
  if (!result.ok) {
    state.loadProblems = {
      source: sourceLabel(source),
      problems: result.problems,
    };
    return false;
  }
  const { incidents } = result.dataset;
  const data = toPageData(buildMapData(result.dataset));
  const places = groupPlaces(incidents, data.timeOrder);
  state.accept(result.dataset, data, source, inPlaceFilterer(incidents), places);
  return true;
}
