import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSync } from '../../src/app/loadsync.ts';
import { MapState } from '../../src/app/state.svelte.ts';
import { dayFromIso, isoFromDay } from '../../src/lib/dates.ts';

const builtIn = readFileSync(
  new URL('../../geojson/caspian-2022-2023.geojson', import.meta.url),
  'utf8',
);
const invalid = readFileSync(
  new URL('../fixtures/browser/invalid.geojson', import.meta.url),
  'utf8',
);

describe('MapState', () => {
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
    expect(selection?.kind === 'relation' && selection.history.map((e) => e.id)).toEqual([
      'aze-isr-2022',
      'aze-isr-2022-11-18',
    ]);
  });

  it('writes and reads the link state', () => {
    const state = new MapState();
    loadSync(state, builtIn, { kind: 'built-in' });
    state.applyUrlState({
      date: '2022-10-15',
      mode: 'window',
      window: 45,
      select: 'irgc-border-drills',
    });
    expect(state.toUrlState()).toMatchObject({
      date: '2022-10-15',
      mode: 'window',
      window: 45,
      select: 'irgc-border-drills',
    });
    expect(state.fitToData).toBe(true);
  });
});
