import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSync } from '../../src/loading/loadsync.ts';
import { MAX_LISTED, MapState } from '../../src/state/state.svelte.ts';
import { syntheticDataset } from '../../src/bench/synthetic.ts';
import { dayFromIso, isoFromDay } from '../../src/core/model/dates.ts';
import { groupPlaces, MAX_PLACE_LEVEL, type PlaceGroups } from '../../src/core/prepare/places.ts';

const builtIn = readFileSync(
  new URL('../../geojson/caspian-2022-2023.geojson', import.meta.url),
  'utf8',
);
const invalid = readFileSync(
  new URL('../fixtures/browser/invalid.geojson', import.meta.url),
  'utf8',
);

const twoCenturies = readFileSync(
  new URL('../fixtures/browser/two-centuries.geojson', import.meta.url),
  'utf8',
);

describe('MapState', () => {
  it('opens a dataset from 1816 on its last day, not on 1 January 1970', () => {
    const state = new MapState();
    loadSync(state, twoCenturies, { kind: 'built-in' });
    expect(isoFromDay(state.day)).toBe('2014-02-20');
    expect(state.speeds.map((s) => s.label)).toEqual(['1 year/s', '5 years/s', '10 years/s']);
    expect(state.speed).toBe(1826);
  });

  it('keeps a date chosen before the dataset arrived, before 1900 too', () => {
    for (const date of ['2005-06-01', '1870-12-25', '1970-01-01']) {
      const state = new MapState();
      state.apply({ date });
      loadSync(state, twoCenturies, { kind: 'built-in' });
      expect(isoFromDay(state.day)).toBe(date);
    }
    const state = new MapState();
    state.apply({ date: '1870-12-25' });
    loadSync(state, twoCenturies, { kind: 'built-in' });
    expect(state.listedIncidents.map((i) => i.id)).toEqual(['paris-1870-siege']);
    expect(state.toUrlState().date).toBe('1870-12-25');
  });

  it('keeps the dataset shown when a new one is invalid, and lists the problems', () => {
    const state = new MapState();
    expect(loadSync(state, builtIn, { kind: 'built-in' })).toBe(true);
    const shown = state.dataset;
    expect(loadSync(state, invalid, { kind: 'file', name: 'invalid.geojson' })).toBe(false);
    expect(state.dataset).toBe(shown);
    expect(state.loadProblems?.source).toBe('invalid.geojson');
    expect(state.loadProblems?.problems).toHaveLength(3);
  });

  it('starts on the last day and keeps the slider inside the range', () => {
    const state = new MapState();
    loadSync(state, builtIn, { kind: 'built-in' });
    expect(isoFromDay(state.day)).toBe('2023-01-31');
    state.setDay(dayFromIso('2030-01-01')!);
    expect(isoFromDay(state.day)).toBe('2023-01-31');
    state.step('month', -2);
    expect(isoFromDay(state.day)).toBe('2022-11-30');
    state.jump('start');
    expect(state.shownCount).toBe(0);
    expect(state.listedIncidents).toEqual([]);
  });

  it('counts what is in effect on a day and describes a selected pair', () => {
    const state = new MapState();
    loadSync(state, builtIn, { kind: 'built-in' });
    state.setDay(dayFromIso('2022-11-18')!);
    expect(state.shownRelations.find((r) => r.dyad.key === 'AZE-ISR')?.event.stance).toBe(
      'alliance',
    );
    state.select('aze-isr-2022-11-18');
    const selection = state.selection;
    expect(selection?.kind).toBe('relation');
    expect(state.selectedHistory.map((e) => e.id)).toEqual(['aze-isr-2022', 'aze-isr-2022-11-18']);
  });

  it('writes and reads the link state', () => {
    const state = new MapState();
    loadSync(state, builtIn, { kind: 'built-in' });
    state.apply({
      date: '2022-10-15',
      mode: 'window',
      window: 45,
      select: 'irgc-border-drills',
    });
    // The old form of a window reads; a link writes it as its first and last day.
    expect(state.toUrlState()).toMatchObject({
      from: '2022-09-01',
      to: '2022-10-15',
      select: 'irgc-border-drills',
    });
    expect(state.toUrlState()).not.toHaveProperty('date', expect.anything());
    expect(state.toUrlState()).not.toHaveProperty('window', expect.anything());
    expect(state.fitToData).toBe(true);

    const again = new MapState();
    loadSync(again, builtIn, { kind: 'built-in' });
    again.apply({ date: '2023-01-01', from: '2022-09-01', to: '2022-10-15' });
    expect([again.mode, again.windowDays, again.day]).toEqual(['window', 45, state.day]);
    again.apply({ mode: 'cumulative' });
    expect(again.toUrlState()).toMatchObject({
      date: '2022-10-15',
      from: undefined,
      to: undefined,
    });
  });

  it('lists the latest relationship changes first, at most MAX_LISTED of them', () => {
    const state = new MapState();
    const dataset = syntheticDataset({ incidents: 10, pairs: 1000, seed: 7 });
    expect(loadSync(state, dataset, { kind: 'file', name: 'pairs.geojson' })).toBe(true);
    expect(state.shownRelations.length).toBeGreaterThan(MAX_LISTED);
    const listed = state.listedRelations;
    expect(listed).toHaveLength(MAX_LISTED);
    const starts = listed.map(({ event }) => event.date.start);
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
    const earliestListed = starts[starts.length - 1]!;
    const listedPairs = new Set(listed.map(({ dyad }) => dyad.key));
    const unlisted = state.shownRelations.filter(({ dyad }) => !listedPairs.has(dyad.key));
    expect(unlisted.length).toBe(state.shownRelations.length - MAX_LISTED);
    for (const { event } of unlisted) expect(event.date.start).toBeLessThanOrEqual(earliestListed);
  });

  it('shows a dataset before its crowded places arrive, and only its own places after', async () => {
    const state = new MapState();
    loadSync(state, builtIn, { kind: 'built-in' });
    // Loaded in place, the places come with the dataset.
    expect(state.places?.levels).toHaveLength(MAX_PLACE_LEVEL + 1);
    const { dataset, data } = state;
    const grouped = groupPlaces(dataset!.incidents, data!.timeOrder);
    let send!: (places: PlaceGroups | null) => void;
    state.accept(dataset!, data!, { kind: 'built-in' }, undefined, new Promise((s) => (send = s)));
    expect(state.places).toBeNull();
    let settled = false;
    const waiting = state.placesSettled().then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    send(grouped);
    await waiting;
    expect(state.places).toBe(grouped);

    // Places still on their way when the next dataset is shown are dropped, and waiting for
    // the places waits for the next dataset's, not for those that may never come.
    let late!: (places: PlaceGroups | null) => void;
    state.accept(dataset!, data!, { kind: 'built-in' }, undefined, new Promise((s) => (late = s)));
    const replaced = state.placesSettled();
    const next = { ...data! };
    state.accept(dataset!, next, { kind: 'built-in' }, undefined, Promise.resolve(null));
    await replaced;
    late(grouped);
    await Promise.resolve();
    expect(state.places).toBeNull();
  });
});
