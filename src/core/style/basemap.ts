/**
 * The offline basemap: a MapLibre style drawn from files that `src/cli/build-basemap.ts` writes
 * into `static/basemap/` (Natural Earth countries, label points, fonts), so the map needs no tile
 * server, glyph server or third-party request.
 */
import type { FontFacesSpecification, StyleSpecification } from 'maplibre-gl';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

/** The language of the country labels; each has a `name_<lang>` property in `labels.geojson`. */
export type BasemapLang = 'en' | 'ru' | 'fa';

/** The font name every symbol layer should put in `text-font` to draw with the bundled fonts. */
export const BASEMAP_FONT = 'Tension Map Sans';

/** One bundled font file, as copied from its @fontsource package into `basemap/fonts/`. */
export interface BasemapFontFile {
  file: string;
  package: string;
  unicodeRange: string[];
}

/**
 * The files behind {@link BASEMAP_FONT}. MapLibre takes the first file whose range covers a
 * codepoint, so Vazirmatn comes first: otherwise Noto's Latin file, which also claims
 * U+2000–206F, would draw the Persian zero-width non-joiner and the direction marks. The Latin
 * and Cyrillic ranges are the ones @fontsource subsets each file to.
 */
export const BASEMAP_FONT_FILES: readonly BasemapFontFile[] = [
  {
    file: 'vazirmatn-arabic-400-normal.woff2',
    package: '@fontsource/vazirmatn',
    // MapLibre turns Arabic letters into presentation forms (U+FB50–FDFF, U+FE70–FEFF)
    // before it looks up a glyph, so those blocks must resolve to this file too.
    unicodeRange: [
      'U+0600-06FF',
      'U+0750-077F',
      'U+08A0-08FF',
      'U+FB50-FDFF',
      'U+FE70-FEFF',
      'U+200C-200F',
    ],
  },
  {
    file: 'noto-sans-latin-400-normal.woff2',
    package: '@fontsource/noto-sans',
    unicodeRange: [
      'U+0000-00FF',
      'U+0131',
      'U+0152-0153',
      'U+02BB-02BC',
      'U+02C6',
      'U+02DA',
      'U+02DC',
      'U+0304',
      'U+0308',
      'U+0329',
      'U+2000-206F',
      'U+20AC',
      'U+2122',
      'U+2191',
      'U+2193',
      'U+2212',
      'U+2215',
      'U+FEFF',
      'U+FFFD',
    ],
  },
  {
    file: 'noto-sans-latin-ext-400-normal.woff2',
    package: '@fontsource/noto-sans',
    unicodeRange: [
      'U+0100-02BA',
      'U+02BD-02C5',
      'U+02C7-02CC',
      'U+02CE-02D7',
      'U+02DD-02FF',
      'U+0304',
      'U+0308',
      'U+0329',
      'U+1D00-1DBF',
      'U+1E00-1E9F',
      'U+1EF2-1EFF',
      'U+2020',
      'U+20A0-20AB',
      'U+20AD-20C0',
      'U+2113',
      'U+2C60-2C7F',
      'U+A720-A7FF',
    ],
  },
  {
    file: 'noto-sans-cyrillic-400-normal.woff2',
    package: '@fontsource/noto-sans',
    unicodeRange: ['U+0301', 'U+0400-045F', 'U+0490-0491', 'U+04B0-04B1', 'U+2116'],
  },
];

/**
 * The `font-faces` entry that makes {@link BASEMAP_FONT} draw with the bundled files, for any
 * style: {@link basemapStyle} declares it, and a third-party style can be given it so overlay
 * labels still render offline. `origin` is where the app is served from: MapLibre fetches font
 * files itself and wants absolute URLs.
 */
export function basemapFontFaces(origin: string): FontFacesSpecification {
  const fonts = `${origin.replace(/\/$/, '')}/basemap/fonts`;
  return {
    [BASEMAP_FONT]: BASEMAP_FONT_FILES.map((font) => ({
      url: `${fonts}/${font.file}`,
      'unicode-range': [...font.unicodeRange],
    })),
  };
}

const OCEAN = '#dde6ec';
const LAND = '#f5f3ef';
const BORDER = '#b9b3a8';
const LABEL = '#6a6e75';

/**
 * A complete MapLibre style for a calm, light world basemap under a data overlay: ocean
 * background, land fill, borders and one label per country in `lang` (English by default).
 * `origin` is where the app is served from: MapLibre wants absolute URLs for fonts, so the
 * style cannot use relative paths. `countries` is the FeatureCollection from
 * {@link loadCountries}; it is passed in rather than fetched so the caller decodes the TopoJSON
 * once and can reuse the shapes.
 */
export function basemapStyle(options: {
  origin: string;
  lang?: BasemapLang;
  countries: GeoJSON.FeatureCollection;
}): StyleSpecification {
  const base = `${options.origin.replace(/\/$/, '')}/basemap`;
  const lang = options.lang ?? 'en';
  return {
    version: 8,
    name: 'Tension Map basemap',
    'font-faces': basemapFontFaces(options.origin),
    sources: {
      countries: { type: 'geojson', data: options.countries, attribution: 'Natural Earth' },
      'country-labels': { type: 'geojson', data: `${base}/labels.geojson` },
    },
    layers: [
      { id: 'basemap-ocean', type: 'background', paint: { 'background-color': OCEAN } },
      { id: 'basemap-land', type: 'fill', source: 'countries', paint: { 'fill-color': LAND } },
      {
        id: 'basemap-borders',
        type: 'line',
        source: 'countries',
        layout: { 'line-join': 'round' },
        paint: {
          'line-color': BORDER,
          'line-width': ['interpolate', ['linear'], ['zoom'], 1, 0.4, 6, 1.2],
        },
      },
      {
        id: 'basemap-labels',
        type: 'symbol',
        source: 'country-labels',
        layout: {
          'text-field': ['get', `name_${lang}`],
          'text-font': [BASEMAP_FONT],
          'text-size': ['interpolate', ['linear'], ['zoom'], 1, 10, 5, 14],
          'text-max-width': 7,
          'symbol-sort-key': ['get', 'rank'],
        },
        paint: {
          'text-color': LABEL,
          'text-halo-color': LAND,
          'text-halo-width': 1.2,
        },
      },
    ],
  };
}

/**
 * Fetches the basemap's countries (TopoJSON, about a sixth of the GeoJSON's size gzipped) and
 * decodes them to GeoJSON with properties `iso3` and `name`. Rejects when the file is missing,
 * which usually means `npm run basemap` has not run.
 */
export async function loadCountries(
  origin: string,
  fetchFn: typeof fetch = fetch,
): Promise<GeoJSON.FeatureCollection> {
  const url = `${origin.replace(/\/$/, '')}/basemap/countries.json`;
  const response = await fetchFn(url);
  if (!response.ok) throw new Error(`Could not load the basemap (${response.status} for ${url})`);
  const topology = (await response.json()) as Topology<{ countries: GeometryCollection }>;
  return feature(topology, topology.objects.countries);
}
