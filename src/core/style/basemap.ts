/**
 * The offline basemap: a MapLibre style drawn from files that `src/cli/build-basemap.ts` writes
 * into `static/basemap/` (Natural Earth countries, label points, fonts), so the map needs no tile
 * server, glyph server or third-party request.
 */
import type { FontFacesSpecification, StyleSpecification } from 'maplibre-gl';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { FONT_DIRECTORY, FONT_FILES, type FontFile } from './fonts.ts';
import type { Language } from '../i18n/locale.ts';
import { THEME_COLORS, type Theme } from './palette.ts';

/**
 * The language of the country labels; each has a `name_<lang>` property in `labels.geojson`.
 * `local` is each country's own name, for languages the basemap's data does not translate into.
 */
export type BasemapLang = 'en' | 'ru' | 'fa' | 'ar' | 'tr' | 'local';

/**
 * The labels a map in `language` shows: the language's own names where the basemap has them
 * (English, Russian, Persian, Arabic, Turkish), else each country's local name (Hebrew,
 * Azerbaijani).
 */
export function basemapLang(language: Language): BasemapLang {
  return language === 'he' || language === 'az' ? 'local' : language;
}

/** The expression a label layer's `text-field` takes to show names in `lang`. */
export function labelField(lang: BasemapLang): ['get', string] {
  return ['get', `name_${lang}`];
}

/** The font name every symbol layer should put in `text-font` to draw with the bundled fonts. */
export const BASEMAP_FONT = 'Tension Map Sans';

/** One bundled font file, as copied from its @fontsource package into `basemap/fonts/`. */
export type BasemapFontFile = FontFile;

/**
 * The files behind {@link BASEMAP_FONT}: the regular weight of the bundled fonts, in the
 * scripts the labels are written in (Latin, Cyrillic, Arabic, and Hebrew for local names),
 * so Greek is left out.
 */
export const BASEMAP_FONT_FILES: readonly BasemapFontFile[] = FONT_FILES.filter(
  (font) => font.weight === 400 && font.subset !== 'greek',
);

/**
 * The `font-faces` entry that makes {@link BASEMAP_FONT} draw with the bundled files, for any
 * style: {@link basemapStyle} declares it, and a third-party style can be given it so overlay
 * labels still render offline. `origin` is where the app is served from: MapLibre fetches font
 * files itself and wants absolute URLs.
 */
export function basemapFontFaces(origin: string): FontFacesSpecification {
  const fonts = `${origin.replace(/\/$/, '')}/${FONT_DIRECTORY}`;
  return {
    [BASEMAP_FONT]: BASEMAP_FONT_FILES.map((font) => ({
      url: `${fonts}/${font.file}`,
      'unicode-range': [...font.unicodeRange],
    })),
  };
}

/** The basemap's country fill: a click on it opens that country's profile. */
export const COUNTRY_LAYER = 'basemap-land';

/**
 * A complete MapLibre style for a calm world basemap under a data overlay: ocean background,
 * land fill, borders and one label per country in `lang` (English by default), in the colours
 * of `theme` (light by default; `THEME_COLORS` in `palette.ts`).
 * `origin` is where the app is served from: MapLibre wants absolute URLs for fonts, so the
 * style cannot use relative paths. `countries` is the FeatureCollection from
 * {@link loadCountries}; it is passed in rather than fetched so the caller decodes the TopoJSON
 * once and can reuse the shapes.
 */
export function basemapStyle(options: {
  origin: string;
  lang?: BasemapLang;
  theme?: Theme;
  countries: GeoJSON.FeatureCollection;
}): StyleSpecification {
  const { ocean, land, border, countryLabel } = THEME_COLORS[options.theme ?? 'light'];
  const base = `${options.origin.replace(/\/$/, '')}/basemap`;
  const lang = options.lang ?? 'en';
  return {
    version: 8,
    name: options.theme === 'dark' ? 'Tension Map basemap (dark)' : 'Tension Map basemap',
    'font-faces': basemapFontFaces(options.origin),
    sources: {
      countries: { type: 'geojson', data: options.countries, attribution: 'Natural Earth' },
      'country-labels': { type: 'geojson', data: `${base}/labels.geojson` },
    },
    layers: [
      { id: 'basemap-ocean', type: 'background', paint: { 'background-color': ocean } },
      { id: COUNTRY_LAYER, type: 'fill', source: 'countries', paint: { 'fill-color': land } },
      {
        id: 'basemap-borders',
        type: 'line',
        source: 'countries',
        layout: { 'line-join': 'round' },
        paint: {
          'line-color': border,
          'line-width': ['interpolate', ['linear'], ['zoom'], 1, 0.4, 6, 1.2],
        },
      },
      {
        id: 'basemap-labels',
        type: 'symbol',
        source: 'country-labels',
        layout: {
          'text-field': labelField(lang),
          'text-font': [BASEMAP_FONT],
          'text-size': ['interpolate', ['linear'], ['zoom'], 1, 10, 5, 14],
          'text-max-width': 7,
          'symbol-sort-key': ['get', 'rank'],
        },
        paint: {
          'text-color': countryLabel,
          'text-halo-color': land,
          'text-halo-width': 1.2,
        },
      },
    ],
  };
}

/** The paint properties a theme sets. */
export type ThemedPaint =
  'background-color' | 'fill-color' | 'line-color' | 'text-color' | 'text-halo-color';

/**
 * The paints of {@link basemapStyle}'s layers that differ between themes, as `[layer,
 * property, value]`: a live map changes theme by setting these, since loading a new style
 * would drop the overlay's sources and layers.
 */
export function basemapThemePaint(
  theme: Theme,
): [layer: string, property: ThemedPaint, value: string][] {
  const { ocean, land, border, countryLabel } = THEME_COLORS[theme];
  return [
    ['basemap-ocean', 'background-color', ocean],
    [COUNTRY_LAYER, 'fill-color', land],
    ['basemap-borders', 'line-color', border],
    ['basemap-labels', 'text-color', countryLabel],
    ['basemap-labels', 'text-halo-color', land],
  ];
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
