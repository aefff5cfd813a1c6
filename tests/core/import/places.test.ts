import { beforeAll, describe, expect, it } from 'vitest';
import {
  DOMINANCE,
  Gazetteer,
  loadGazetteer,
  SUCCESSORS,
  type PlaceResult,
} from '../../../src/core/import/places/gazetteer.ts';
import { countryByCode, formerCountryCodes } from '../../../src/core/model/countries.ts';
import { editDistance, foldPlaceName } from '../../../src/core/import/places/names.ts';

let gazetteer: Gazetteer;
beforeAll(async () => {
  gazetteer = await loadGazetteer();
}, 60_000);

function found(result: PlaceResult): { matched: string; lon: number; lat: number } {
  if (!result.ok) throw new Error(result.reason);
  return { matched: result.matched, lon: result.coordinates[0], lat: result.coordinates[1] };
}

describe('findPlace', () => {
  it('finds a capital by its name, its ASCII spelling and its name in another script', () => {
    for (const name of ['Tehran', 'tehran', 'Tehrān', 'Teheran', 'تهران', 'Тегеран']) {
      const place = found(gazetteer.findPlace(name, 'IRN'));
      expect(place.matched, name).toBe('Tehran');
      expect(place.lon).toBeCloseTo(51.42, 1);
      expect(place.lat).toBeCloseTo(35.69, 1);
    }
    expect(gazetteer.findPlace('Tehran', 'IRN')).toMatchObject({ precision: 'city' });
  });

  it('finds Baku, and Shusha with or without its diacritics', () => {
    expect(found(gazetteer.findPlace('Baku', 'AZE'))).toMatchObject({ matched: 'Baku' });
    for (const name of ['Şuşa', 'Susa', 'SUSA', 'Shusha']) {
      const place = found(gazetteer.findPlace(name, 'AZE'));
      expect(place.matched, name).toBe('Şuşa');
      expect(place.lon).toBeCloseTo(46.75, 1);
    }
  });

  it('does not pick one of several Springfields of comparable size', () => {
    const result = gazetteer.findPlace('Springfield', 'USA');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toMatch(/^"Springfield" names \d+ places in United States/);
    expect(result.suggestions.length).toBe(5);
    expect(result.suggestions.every((place) => place.name === 'Springfield')).toBe(true);
    const [first, second] = result.suggestions;
    expect(first!.population).toBeLessThan(DOMINANCE * second!.population);
    expect(new Set(result.suggestions.map((place) => place.region)).size).toBeGreaterThan(1);
  });

  it('suggests close names for a misspelling, and says when nothing is close', () => {
    const result = gazetteer.findPlace('Tehrn', 'IRN');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.suggestions[0]!.name).toBe('Tehran');
    expect(result.reason).toContain(
      'no place called "Tehrn" is known in Iran; did you mean "Tehran"',
    );
    const nothing = gazetteer.findPlace('Qqqqqqqqqqqq', 'IRN');
    expect(nothing).toEqual({
      ok: false,
      reason: 'no place called "Qqqqqqqqqqqq" is known in Iran',
      suggestions: [],
    });
  });

  it('looks only in the country given', () => {
    expect(gazetteer.findPlace('Baku', 'IRN').ok).toBe(false);
  });

  it("gives the country's anchor when there is no place name", () => {
    expect(gazetteer.findPlace(undefined, 'AZE')).toEqual({
      ok: true,
      coordinates: [48.459, 40.493],
      precision: 'country',
      matched: 'Azerbaijan',
    });
    expect(gazetteer.findPlace('  ', 'SUN')).toMatchObject({
      precision: 'country',
      matched: 'Soviet Union',
    });
  });

  it("searches a former state's successors, and rejects an unknown country code", () => {
    for (const [former, successors] of SUCCESSORS) {
      expect(countryByCode(former), former).toBeDefined();
      for (const code of successors) expect(countryByCode(code)?.iso2, code).toBeTruthy();
    }
    expect(new Set(SUCCESSORS.keys())).toEqual(new Set(formerCountryCodes()));
    expect(found(gazetteer.findPlace('Baku', 'SUN')).matched).toBe('Baku');
    expect(found(gazetteer.findPlace('Sarajevo', 'YUG')).matched).toBe('Sarajevo');
    expect(gazetteer.findPlace('Baku', 'ZZZ')).toEqual({
      ok: false,
      reason: '"ZZZ" is not a country code',
      suggestions: [],
    });
  });
});

describe('place names', () => {
  it('fold case, accents, apostrophes and dashes', () => {
    expect(foldPlaceName('Şuşa')).toBe('susa');
    expect(foldPlaceName('Ba’qubah')).toBe(foldPlaceName("Ba'qubah"));
    expect(foldPlaceName('Saint-Denis')).toBe('saint denis');
    expect(foldPlaceName('Diyarbakır')).toBe('diyarbakir');
  });

  it('count edits, and stop counting past the limit', () => {
    expect(editDistance('tehrn', 'tehran')).toBe(1);
    expect(editDistance('baku', 'baki')).toBe(1);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
  });
});
