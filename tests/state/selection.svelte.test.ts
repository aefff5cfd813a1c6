/**
 * The selection as the map component sees it: inside an effect, where Svelte caches derived
 * values (outside one, every read recomputes them).
 */
import { readFileSync } from 'node:fs';
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { dayFromIso } from '../../src/core/model/dates.ts';
import { loadSync } from '../../src/loading/loadsync.ts';
import { MapState } from '../../src/state/state.svelte.ts';

// Read from the repository root: this environment compiles `import.meta.url` as for a page.
const builtInText = readFileSync('geojson/caspian-2022-2023.geojson', 'utf8');

describe('MapState selection', () => {
  it('is looked up when the id changes, not on slider steps; only the history follows the day', () => {
    const state = new MapState();
    loadSync(state, builtInText, { kind: 'built-in' });
    let lookups = 0;
    const relations = state.dataset!.relations;
    const find = relations.find.bind(relations);
    relations.find = ((...args: Parameters<typeof find>) => {
      lookups++;
      return find(...args);
    }) as typeof relations.find;

    let selectionRuns = 0;
    let history: string[] = [];
    const stop = $effect.root(() => {
      $effect(() => {
        void state.selection;
        selectionRuns++;
      });
      $effect(() => {
        history = state.selectedHistory.map((event) => event.id);
      });
    });
    state.setDay(dayFromIso('2022-09-01')!);
    state.select('aze-isr-2022-11-18');
    flushSync();
    expect(history).toEqual(['aze-isr-2022']);
    const [runs, found] = [selectionRuns, lookups];

    for (const date of ['2022-10-01', '2022-11-18', '2022-12-01']) {
      state.setDay(dayFromIso(date)!);
      flushSync();
    }
    expect(selectionRuns).toBe(runs);
    expect(lookups).toBe(found);
    expect(history).toEqual(['aze-isr-2022', 'aze-isr-2022-11-18']);

    state.select('tehran-embassy-attack');
    flushSync();
    expect(selectionRuns).toBe(runs + 1);
    expect(state.selection?.kind).toBe('incident');
    expect(history).toEqual([]);
    stop();
  });
});
