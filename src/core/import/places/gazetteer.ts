/**
 * Places by name: an offline gazetteer of the world's populated places (GeoNames, 500 or more
 * inhabitants), looked up by name within a country. It never guesses silently: a name shared
 * by places of comparable size, or a name it does not know, is a problem with suggestions.
 *
 * The data (`gazetteer.json`, several megabytes) loads only through {@link loadGazetteer},
 * a dynamic import that bundlers split into a chunk of its own, so the first view never pays
 * for it. Each country's rows are read into an index the first time that country is asked for.
 */
import { countryByCode } from '../../model/countries.ts';
import type { PlaceLookup } from '../apply.ts';
import type { LonLat } from '../../model/schema.ts';
import { editDistance, foldPlaceName } from './names.ts';

/** The gazetteer's data: rows of `name|other names|region|lat|lon|population` by alpha-2 code. */
export interface GazetteerData {
  countries: Record<string, string>;
}

/** A populated place of the gazetteer. */
export interface Place {
  name: string;
  /** The first-level region's GeoNames code (`MO` for Missouri, `26` for Tehran province). */
  region: string;
  /** ISO alpha-2 code of the place's country today. */
  country: string;
  coordinates: LonLat;
  population: number;
}

/** What a lookup answers: a position and how precise it is, or why none and what was meant. */
export type PlaceResult =
  | { ok: true; coordinates: LonLat; precision: 'city' | 'country'; matched: string }
  | { ok: false; reason: string; suggestions: Place[] };

/**
 * A name is taken for its largest place only when that place has at least this many times the
 * inhabitants of the next one of the same name: "Tehran" is the capital, not a village named
 * after it; "Springfield" is five cities of 60,000–170,000 and needs a region or coordinates.
 */
export const DOMINANCE = 10;
const MAX_SUGGESTIONS = 5;

/**
 * Today's countries on the territory of each former state of `formercountries.ts`: a place
 * "in the Soviet Union" is searched for in all fifteen. Kept here, not in the country table,
 * because only name lookups need it and that table ships in the first view.
 */
export const SUCCESSORS: ReadonlyMap<string, readonly string[]> = new Map([
  [
    'SUN',
    [
      'RUS',
      'UKR',
      'BLR',
      'MDA',
      'EST',
      'LVA',
      'LTU',
      'GEO',
      'ARM',
      'AZE',
      'KAZ',
      'UZB',
      'TKM',
      'KGZ',
      'TJK',
    ],
  ],
  ['YUG', ['SRB', 'MNE', 'HRV', 'SVN', 'BIH', 'MKD', 'XKX']],
  ['CSK', ['CZE', 'SVK']],
  ['DDR', ['DEU']],
  ['YMD', ['YEM']],
  ['VDR', ['VNM']],
  ['RVN', ['VNM']],
]);

interface CountryIndex {
  byName: Map<string, Place[]>;
}

/** The most edits between a name and a known one for the known one to be suggested. */
function typoLimit(name: string): number {
  return name.length <= 4 ? 1 : name.length <= 8 ? 2 : 3;
}

function byPopulation(a: Place, b: Place): number {
  return b.population - a.population || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** The places of a country's rows, indexed by every folded name. */
function indexRows(country: string, rows: string): CountryIndex {
  const byName = new Map<string, Place[]>();
  for (const row of rows.split('\n')) {
    const [name = '', others = '', region = '', lat = '0', lon = '0', population = '0'] =
      row.split('|');
    const place: Place = {
      name,
      region,
      country,
      coordinates: [Number(lon), Number(lat)],
      population: Number(population),
    };
    const keys = new Set([name, ...(others === '' ? [] : others.split(','))].map(foldPlaceName));
    for (const key of keys) {
      const list = byName.get(key);
      if (list === undefined) byName.set(key, [place]);
      else list.push(place);
    }
  }
  return { byName };
}

/** Looks places up by name within a country; build one with {@link loadGazetteer}. */
export class Gazetteer {
  readonly #data: GazetteerData;
  readonly #indexes = new Map<string, CountryIndex>();

  constructor(data: GazetteerData) {
    this.#data = data;
  }

  /** The index of one country (alpha-2), built on first use; `undefined` without places. */
  #index(iso2: string): CountryIndex | undefined {
    let index = this.#indexes.get(iso2);
    if (index === undefined) {
      const rows = this.#data.countries[iso2];
      if (rows === undefined) return undefined;
      index = indexRows(iso2, rows);
      this.#indexes.set(iso2, index);
    }
    return index;
  }

  /**
   * Where a place is, by its name within a country given as an alpha-3 code. The name is
   * compared without case or accents, against the place's name, its ASCII spelling and, for
   * places of 15,000 or more, its names in other languages and scripts (`تهران`). A former
   * state (`SUN`, `YUG`) searches the countries on its former territory.
   *
   * - No name (`undefined` or blank): the country's anchor, precision `country`.
   * - One place of that name, or one at least {@link DOMINANCE} times as populous as the next:
   *   its position, precision `city`, and its name in `matched`.
   * - Several places of comparable size: a problem listing them, largest first.
   * - No place of that name: a problem suggesting names a few letters away, closest first.
   */
  findPlace(name: string | undefined, countryIso3: string): PlaceResult {
    const country = countryByCode(countryIso3);
    if (country === undefined) {
      return { ok: false, reason: `"${countryIso3}" is not a country code`, suggestions: [] };
    }
    const text = name?.trim() ?? '';
    if (text === '') {
      return { ok: true, coordinates: country.anchor, precision: 'country', matched: country.name };
    }
    const indexes = this.#indexesOf(countryIso3, country.iso2);
    const key = foldPlaceName(text);
    const places = [...new Set(indexes.flatMap((index) => index.byName.get(key) ?? []))].sort(
      byPopulation,
    );
    const [first, second] = places;
    if (
      first !== undefined &&
      (second === undefined || first.population >= DOMINANCE * second.population)
    ) {
      return { ok: true, coordinates: first.coordinates, precision: 'city', matched: first.name };
    }
    if (first !== undefined) {
      return {
        ok: false,
        reason: `"${text}" names ${places.length} places in ${country.name} of comparable size; give the coordinates, or the name of a larger place nearby`,
        suggestions: places.slice(0, MAX_SUGGESTIONS),
      };
    }
    const suggestions = nearNames(indexes, key);
    return {
      ok: false,
      reason:
        suggestions.length === 0
          ? `no place called "${text}" is known in ${country.name}`
          : `no place called "${text}" is known in ${country.name}; did you mean ${suggestions
              .map((place) => `"${place.name}"`)
              .join(', ')}?`,
      suggestions,
    };
  }

  /** The indexes to search for a country: its own, or its successors' for a former state. */
  #indexesOf(iso3: string, iso2: string): CountryIndex[] {
    const successors = SUCCESSORS.get(iso3);
    const codes = successors ? successors.map((code) => countryByCode(code)?.iso2 ?? '') : [iso2];
    return codes.flatMap((code) => this.#index(code) ?? []);
  }
}

/** Places whose names are a few edits from the key: fewest edits, then largest, first. */
function nearNames(indexes: CountryIndex[], key: string): Place[] {
  const limit = typoLimit(key);
  const scored = new Map<Place, number>();
  for (const index of indexes) {
    for (const [name, places] of index.byName) {
      const distance = editDistance(key, name, limit);
      if (distance > limit) continue;
      for (const place of places) {
        const known = scored.get(place);
        if (known === undefined || distance < known) scored.set(place, distance);
      }
    }
  }
  return [...scored]
    .sort(([a, da], [b, db]) => da - db || byPopulation(a, b))
    .slice(0, MAX_SUGGESTIONS)
    .map(([place]) => place);
}

/**
 * Loads the gazetteer's data (a dynamic import, split from the app's main chunk) and returns
 * a {@link Gazetteer} over it. Call it once per import run and keep the result: the data is
 * parsed once per call.
 */
export async function loadGazetteer(): Promise<Gazetteer> {
  const data = await import('./gazetteer.json');
  return new Gazetteer((data.default ?? data) as GazetteerData);
}

/**
 * A place finder for `applyMapping`: the row's place in the first of its countries that knows
 * it, with precision `city`; otherwise the first country's reason (ambiguous, or unknown with
 * names a few letters away), so a row is never placed by a guess.
 */
export function placeLocator(
  gazetteer: Gazetteer,
): (place: string, countries: readonly string[]) => PlaceLookup {
  return (place, countries) => {
    if (countries.length === 0) return { error: 'names a place but no country to look it up in' };
    let first: string | undefined;
    for (const country of countries) {
      const found = gazetteer.findPlace(place, country);
      if (found.ok) return { coordinates: found.coordinates, precision: found.precision };
      first ??= found.reason;
    }
    return { error: first! };
  };
}
