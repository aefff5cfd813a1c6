/**
 * The benchmark's hooks in the page, present only in the bench build (`vite build --mode
 * bench`, into `dist-bench/`): `src/main.ts` imports this module behind
 * `import.meta.env.MODE === 'bench'`, a condition Vite makes constant, so the production
 * build contains none of it (`tests/cli/nobench.test.ts` checks `dist/`).
 *
 * It adds to `window.tensionMap` what the harness (`browser.ts`) times besides `setDate`:
 * the floor, a repaint with nothing changed, a filter change until drawn, and the naive way
 * (`naive.ts`). It reaches the
 * map only through `MapController`: the map itself, `rendered()` and `hideGpuLayers()`.
 */
import { tick } from 'svelte';
import { parseCommand } from '../core/commands/command.ts';
import type { Filters } from '../core/filter/filters.ts';
import { dayFromIso } from '../core/model/dates.ts';
import type { MapController, TensionMapApi } from '../embed/automation.ts';
import type { MapState } from '../state/state.svelte.ts';
import { showNaively } from './naive.ts';

/** What the bench build adds to `window.tensionMap`. */
export interface BenchHooks {
  /** Redraws the map with nothing changed; resolves when drawn (the benchmark's floor). */
  repaint(): Promise<void>;
  /**
   * A slider step as the reader sees it: resolves when the new date's marks, arcs and labels
   * are drawn, not waiting for the count badges that follow it a moment later (`setDate`
   * waits for those too).
   */
  stepDate(isoDate: string): Promise<void>;
  /**
   * A slider step done the naive way: the day's incidents and arc stretches handed to
   * MapLibre layers with `setData` while the GPU layers draw nothing; resolves when drawn.
   * The slider itself does not move.
   */
  naiveSetDate(isoDate: string): Promise<void>;
  /**
   * A filter change as the reader sees it: resolves when the loading worker's mask and
   * histogram have arrived and the map is drawn with them, not waiting for the count badges
   * (`setFilters` waits for those too).
   */
  filterStep(filters: Filters): Promise<void>;
}

/** `window.tensionMap` in the bench build. */
export type BenchApi = TensionMapApi & BenchHooks;

/** Adds the benchmark's hooks to `api`, the automation interface of the map of `state`. */
export function addBenchHooks(
  api: TensionMapApi,
  state: MapState,
  controller: Promise<MapController>,
): BenchApi {
  // The controller comes with the app's first frame; the probe of `browser.ts` notes when.
  const probe = (window as { __bench?: { markFirstFrame?: () => void } }).__bench;
  void controller.then(() => probe?.markFirstFrame?.());
  const hooks: BenchHooks = {
    async repaint() {
      await (await controller).rendered();
    },
    async stepDate(isoDate) {
      if (dayFromIso(isoDate) === null)
        throw new Error(`stepDate: "${isoDate}" is not a date in YYYY-MM-DD form`);
      state.apply({ date: isoDate });
      await tick();
      await (await controller).rendered();
    },
    async filterStep(filters) {
      const parsed = parseCommand(filters);
      if (!parsed.ok) throw new Error(`filterStep: ${parsed.reason}`);
      state.apply(parsed.value);
      await state.filtersSettled();
      await tick();
      await (await controller).rendered();
    },
    async naiveSetDate(isoDate) {
      const day = dayFromIso(isoDate);
      if (day === null)
        throw new Error(`naiveSetDate: "${isoDate}" is not a date in YYYY-MM-DD form`);
      const map = await controller;
      if (!state.dataset) throw new Error('naiveSetDate: no dataset is loaded');
      showNaively(map.map, state.dataset, { ...state.filter, day });
      map.hideGpuLayers();
      await map.rendered();
    },
  };
  return Object.assign(api, hooks);
}
