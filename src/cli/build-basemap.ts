/**
 * Builds the offline basemap from npm packages alone (`npm run basemap`, before dev and build):
 *
 * - `static/basemap/countries.json`: Natural Earth 50m countries (world-atlas), cut at the
 *   antimeridian, as TopoJSON with properties `iso3` and `name`;
 * - `static/basemap/labels.geojson`: one label point per country, names in en/ru/fa, `rank`;
 * - `static/basemap/fonts/`: the bundled fonts `src/core/style/fonts.ts` lists, shared by the
 *   labels, the page's text and exported images;
 * - `src/core/model/countries.json`: codes, names and arc anchors for every country in world-countries.
 *
 * The output is deterministic, so a rebuild changes no bytes unless a package changed.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { geoArea, geoEquirectangular } from 'd3-geo';
// @ts-expect-error d3-geo-projection ships no type declarations and DefinitelyTyped has none.
import { geoProject } from 'd3-geo-projection';
import polylabel from 'polylabel';
import { feature } from 'topojson-client';
import { topology } from 'topojson-server';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Countries, Country } from 'world-countries';
import { FONT_FILES, fontPackage } from '../core/style/fonts.ts';
import { woffFileOf } from '../core/export/textruns.ts';

type Position = [number, number];
type Ring = Position[];
type PolygonCoords = Ring[];
type CountryShape = GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon, { name: string }>;

/**
 * One row of `src/core/model/countries.json`. Russian and Persian names live only in the label
 * points: the app itself needs the English name, and the table ships in every page.
 */
export interface CountryRecord {
  iso3: string;
  iso2: string;
  name: string;
  anchor: Position;
}

/** What {@link buildBasemap} produced besides the files in `outDir`. */
export interface BasemapBuild {
  /** The exact text `src/core/model/countries.json` should contain. */
  countryList: string;
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const STATIC_OUT = join(ROOT, 'static/basemap');
const COUNTRY_LIST = join(ROOT, 'src/core/model/countries.json');
const require = createRequire(import.meta.url);

/** world-countries has no code for Kosovo and calls it UNK; XKX is the code in common use. */
const KOSOVO = 'XKX';

/** 1e5 steps over 360° is ~400 m at the equator, finer than 50m data needs. */
const QUANTIZATION = 1e5;

/** Polylabel precision in degrees (~1 km), enough for a label or an arc anchor. */
const LABEL_PRECISION = 0.01;

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function polygonsOf(geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon): PolygonCoords[] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons as PolygonCoords[];
}

function iso3Of(country: Country): string {
  return country.cca3 === 'UNK' ? KOSOVO : country.cca3;
}

/**
 * Short vowel marks (harakat) and the tatweel that world-countries writes into a few Persian
 * names (اِسلُواکی, لیبـِریا). Persian maps leave them out, and MapLibre draws the marks with
 * visible gaps.
 */
const HARAKAT = /[\u0640\u064B-\u0652]/g;

/** English, Russian and Persian names, falling back to English where a translation is missing. */
/**
 * Names that world-countries gives with an editorial stance; a news map uses the country's
 * plain name, as Natural Earth does (world-countries' Persian name for Israel means
 * "occupied Palestine").
 */
const NAME_OVERRIDES: Record<string, { ru?: string; fa?: string }> = {
  ISR: { fa: 'اسرائیل' },
};

function namesOf(country: Country): { en: string; ru: string; fa: string } {
  const en = country.name.common;
  const override = NAME_OVERRIDES[country.cca3] ?? {};
  return {
    en,
    ru: override.ru ?? country.translations.rus?.common ?? en,
    fa: override.fa ?? country.translations.per?.common.replace(HARAKAT, '') ?? en,
  };
}

function planarArea(ring: Ring): number {
  let twiceArea = 0;
  for (let i = 1; i < ring.length; i++) {
    const [x0, y0] = ring[i - 1]!;
    const [x1, y1] = ring[i]!;
    twiceArea += x0 * y1 - x1 * y0;
  }
  return Math.abs(twiceArea) / 2;
}

/**
 * Cuts polygons at ±180° so that no edge crosses the antimeridian, which MapLibre would draw
 * as a band across the whole map. The projection is equirectangular in degrees with adaptive
 * resampling off, so d3 only clips and adds no points. d3 assigns holes to polygons by planar
 * winding in screen space (y down), so we project with y down and flip afterwards: projecting
 * with `reflectY(true)` instead turns every hole (Lesotho in South Africa) into a polygon.
 */
function cutAtAntimeridian(shapes: CountryShape[]): CountryShape[] {
  const projection = geoEquirectangular()
    .scale(180 / Math.PI)
    .translate([0, 0])
    .precision(0);
  const cut = geoProject({ type: 'FeatureCollection', features: shapes }, projection) as {
    features: CountryShape[];
  };
  return cut.features.map((shape) => {
    const flipped = polygonsOf(shape.geometry).map((polygon) =>
      polygon.map((ring) => ring.map(([x, y]): Position => [x, -y])),
    );
    const geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon =
      flipped.length === 1
        ? { type: 'Polygon', coordinates: flipped[0]! }
        : { type: 'MultiPolygon', coordinates: flipped };
    return { ...shape, geometry };
  });
}

/** The point inside the largest polygon that lies farthest from its edges. */
function labelPoint(polygons: PolygonCoords[]): Position {
  let largest = polygons[0]!;
  for (const polygon of polygons) {
    if (planarArea(polygon[0]!) > planarArea(largest[0]!)) largest = polygon;
  }
  const [lon, lat] = polylabel(largest, LABEL_PRECISION);
  return [round3(lon), round3(lat)];
}

function readJson<T>(specifier: string): T {
  return JSON.parse(readFileSync(require.resolve(specifier), 'utf8')) as T;
}

/**
 * Writes `countries.json`, `labels.geojson` and `fonts/` into `outDir` (normally
 * `static/basemap/`) and returns the text of `src/core/model/countries.json`, which it does not
 * write, so a test can build into a temporary directory and compare.
 */
export function buildBasemap(outDir: string): BasemapBuild {
  const atlas = readJson<Topology<{ countries: GeometryCollection<{ name: string }> }>>(
    'world-atlas/countries-50m.json',
  );
  const countries = readJson<Countries>('world-countries/countries.json');
  const byNumeric = new Map(countries.map((country) => [country.ccn3, country]));
  const byIso3 = new Map(countries.map((country) => [iso3Of(country), country]));

  const spherical = feature(atlas, atlas.objects.countries).features as CountryShape[];
  const shapes = cutAtAntimeridian(spherical).map((shape) => {
    // Kosovo has a numeric code on neither side (world-countries gives it ccn3 ""), so it is
    // matched by name, and shapes without an id must not look up the empty code.
    const country = shape.id === undefined ? undefined : byNumeric.get(String(shape.id));
    const iso3 = country ? iso3Of(country) : shape.properties.name === 'Kosovo' ? KOSOVO : '';
    const name = byIso3.get(iso3)?.name.common ?? shape.properties.name;
    return { type: 'Feature' as const, properties: { iso3, name }, geometry: shape.geometry };
  });

  // Some codes cover several shapes (Australia and the Ashmore and Cartier Islands), so
  // labels and sizes are per code, not per shape.
  const polygonsByIso3 = new Map<string, PolygonCoords[]>();
  const areaByIso3 = new Map<string, number>();
  shapes.forEach((shape, i) => {
    const { iso3 } = shape.properties;
    if (!iso3) return;
    polygonsByIso3.set(iso3, [...(polygonsByIso3.get(iso3) ?? []), ...polygonsOf(shape.geometry)]);
    // The cut shapes are wound for GeoJSON, which d3 would read as the rest of the sphere,
    // so sizes come from the spherical originals.
    areaByIso3.set(iso3, (areaByIso3.get(iso3) ?? 0) + geoArea(spherical[i]!));
  });
  const bySize = [...areaByIso3.keys()].sort((a, b) => areaByIso3.get(b)! - areaByIso3.get(a)!);
  const anchors = new Map(
    [...polygonsByIso3].map(([iso3, polygons]) => [iso3, labelPoint(polygons)]),
  );

  const labels: GeoJSON.FeatureCollection<GeoJSON.Point> = {
    type: 'FeatureCollection',
    features: [...anchors.keys()].sort().map((iso3) => {
      const names = namesOf(byIso3.get(iso3)!);
      return {
        type: 'Feature',
        properties: {
          iso3,
          name_en: names.en,
          name_ru: names.ru,
          name_fa: names.fa,
          rank: bySize.indexOf(iso3) + 1,
        },
        geometry: { type: 'Point', coordinates: anchors.get(iso3)! },
      };
    }),
  };

  mkdirSync(join(outDir, 'fonts'), { recursive: true });
  const collection: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: shapes };
  const countriesTopology = topology({ countries: collection }, QUANTIZATION);
  writeFileSync(join(outDir, 'countries.json'), JSON.stringify(countriesTopology));
  writeFileSync(join(outDir, 'labels.geojson'), JSON.stringify(labels));
  // The WOFF copies are for the PDF export, whose font subsetting cannot read WOFF2.
  for (const file of FONT_FILES.flatMap((font) => [font, { ...font, file: woffFileOf(font) }])) {
    copyFileSync(
      require.resolve(`${fontPackage(file)}/files/${file.file}`),
      join(outDir, 'fonts', file.file),
    );
  }

  const records = countries
    .map((country): CountryRecord => {
      const iso3 = iso3Of(country);
      const names = namesOf(country);
      // world-countries stores [lat, lon].
      const [lat, lon] = country.latlng;
      return {
        iso3,
        iso2: country.cca2,
        name: names.en,
        anchor: anchors.get(iso3) ?? [round3(lon), round3(lat)],
      };
    })
    .sort((a, b) => (a.iso3 < b.iso3 ? -1 : 1));
  const countryList = `[\n${records.map((record) => JSON.stringify(record)).join(',\n')}\n]\n`;
  return { countryList };
}

function main(): void {
  const started = performance.now();
  const { countryList } = buildBasemap(STATIC_OUT);
  writeFileSync(COUNTRY_LIST, countryList);
  const ms = Math.round(performance.now() - started);
  console.log(`basemap: wrote ${STATIC_OUT} and ${COUNTRY_LIST} in ${ms} ms`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
