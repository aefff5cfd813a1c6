/**
 * The reader's language in a map's state: what the dataset's own texts are shown in. It is
 * the locale's, so texts switch with the interface, once the language's messages have loaded.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSync } from '../../src/loading/loadsync.ts';
import { MapState } from '../../src/state/state.svelte.ts';

// Read from the repository root: this environment compiles `import.meta.url` as for a page.
const builtInText = readFileSync('geojson/caspian-2022-2023.geojson', 'utf8');

describe('MapState language', () => {
  it('is English until a command sets it, and resolves texts in it', async () => {
    const state = new MapState();
    loadSync(state, builtInText, { kind: 'built-in' });
    const incident = state.dataset!.incidents.find((i) => i.id === 'tehran-embassy-attack')!;
    expect(state.language).toBe('en');
    expect(state.text(incident.title)).toBe('Gunman attacks the Azerbaijani Embassy in Tehran');
    expect(state.toUrlState().lang).toBeUndefined();
    state.apply({ lang: 'fa' });
    await state.locale.ready();
    expect(state.language).toBe('fa');
    expect(state.locale.language).toBe('fa');
    expect(state.text(incident.title)).toBe('حمله فرد مسلح به سفارت جمهوری آذربایجان در تهران');
    expect(state.text(incident.summary)).toMatch(/^A gunman armed with a Kalashnikov/);
    expect(state.text(undefined)).toBeUndefined();
    expect(state.toUrlState().lang).toBe('fa');
  });

  it("names countries from the loaded data, in the reader's language", async () => {
    const state = new MapState();
    expect(state.locale.country('AZE')).toBe('AZE');
    loadSync(state, builtInText, { kind: 'built-in' });
    expect(state.locale.country('AZE')).toBe('Azerbaijan');
    state.apply({ lang: 'ru' });
    await state.locale.ready();
    expect(state.locale.country('AZE')).toBe('Азербайджан');
  });
});
