import { FONT_FILES, fontPackage } from '../../../src/core/style/fonts.ts';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBasemap, type BasemapBuild } from '../../../src/cli/build-basemap.ts';
import { THEME_COLORS, THEMES } from '../../../src/core/style/palette.ts';
import {
  BASEMAP_FONT,
  BASEMAP_FONT_FILES,
  basemapLang,
  basemapStyle,
  basemapThemePaint,
  loadCountries,
} from '../../../src/core/style/basemap.ts';

type Countries = GeoJSON.FeatureCollection<
  GeoJSON.Polygon | GeoJSON.MultiPolygon,
  { iso3: string; name: string }
>;
type Labels = GeoJSON.FeatureCollection<
  GeoJSON.Point,
  {
    iso3: string;
    name_en: string;
    name_ru: string;
    name_fa: string;
    name_ar: string;
    name_tr: string;
    name_local: string;
    rank: number;
  }
>;

const ORIGIN = 'http://localhost:5173';

let outDir: string;
let build: BasemapBuild;
let countries: Countries;
let labels: Labels;

/** Serves the built files as the app would, under `${ORIGIN}/basemap/`. */
async function serveBuilt(url: string | URL | Request): Promise<Response> {
  const path = String(url).replace(`${ORIGIN}/basemap/`, '');
  const file = join(outDir, path);
  return existsSync(file) ? new Response(readFileSync(file)) : new Response(null, { status: 404 });
}

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'basemap-'));
  build = buildBasemap(outDir);
  countries = (await loadCountries(ORIGIN, serveBuilt)) as Countries;
  labels = JSON.parse(readFileSync(join(outDir, 'labels.geojson'), 'utf8')) as Labels;
});

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

function polygons(shape: Countries['features'][number]): GeoJSON.Position[][][] {
  const { geometry } = shape;
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

describe('buildBasemap', () => {
  it('cuts every ring at the antimeridian', () => {
    const jumps: string[] = [];
    for (const shape of countries.features) {
      for (const ring of polygons(shape).flat()) {
        for (let i = 1; i < ring.length; i++) {
          if (Math.abs(ring[i]![0]! - ring[i - 1]![0]!) > 180) jumps.push(shape.properties.name);
        }
      }
    }
    expect(jumps).toEqual([]);
  });

  it('keeps holes as holes', () => {
    // Lesotho is a hole in South Africa; a cut that loses holes would paint over it.
    const southAfrica = countries.features.find((shape) => shape.properties.iso3 === 'ZAF')!;
    expect(polygons(southAfrica).some((polygon) => polygon.length > 1)).toBe(true);
  });

  it('codes the countries that straddle the antimeridian', () => {
    const codes = countries.features.map((shape) => shape.properties.iso3);
    expect(codes).toContain('FJI');
    expect(codes).toContain('RUS');
    const antarctica = countries.features.find((shape) => shape.properties.name === 'Antarctica');
    expect(antarctica?.properties.iso3).toBe('ATA');
  });

  it('labels countries in Persian and Russian', () => {
    for (const iso3 of ['IRN', 'AZE', 'ISR', 'TUR']) {
      const label = labels.features.find((point) => point.properties.iso3 === iso3);
      expect(label, iso3).toBeDefined();
      expect(label!.properties.name_fa).toMatch(/\p{Script=Arabic}/u);
      expect(label!.properties.name_ru).toMatch(/\p{Script=Cyrillic}/u);
      expect(label!.properties.rank).toBeGreaterThan(0);
    }
  });

  it('labels countries in Arabic and Turkish, and by their local name for Hebrew and Azerbaijani', () => {
    const label = (iso3: string) =>
      labels.features.find((point) => point.properties.iso3 === iso3)!.properties;
    expect(label('IRN').name_ar).toMatch(/\p{Script=Arabic}/u);
    expect(label('DEU').name_tr).toBe('Almanya');
    expect(label('ISR').name_local).toMatch(/\p{Script=Hebrew}|\p{Script=Arabic}/u);
    expect(label('AZE').name_local).toBe('Azərbaycan');
    expect(basemapLang('he')).toBe('local');
    expect(basemapLang('az')).toBe('local');
    expect(basemapLang('ar')).toBe('ar');
  });

  it('writes Persian names without harakat, which render with gaps', () => {
    const marked = labels.features.filter((point) =>
      /[\u0640\u064B-\u0652]/.test(point.properties.name_fa),
    );
    expect(marked.map((point) => point.properties.name_fa)).toEqual([]);
  });

  it('ranks larger countries first', () => {
    const rank = (iso3: string) =>
      labels.features.find((point) => point.properties.iso3 === iso3)!.properties.rank;
    expect(rank('RUS')).toBe(1);
    expect(rank('IRN')).toBeLessThan(rank('AZE'));
  });

  it('keeps the countries under 250 KB gzipped', () => {
    const bytes = readFileSync(join(outDir, 'countries.json'));
    expect(gzipSync(bytes).length).toBeLessThanOrEqual(250 * 1024);
  });

  it('matches the committed src/core/model/countries.json', () => {
    expect(build.countryList).toBe(readFileSync('src/core/model/countries.json', 'utf8'));
  });
});

describe('basemapStyle', () => {
  const style = () => basemapStyle({ origin: ORIGIN, lang: 'fa', countries });

  it('requests nothing outside the origin', () => {
    const urls = JSON.stringify(style()).match(/https?:\/\/[^"\s]*/g) ?? [];
    expect(urls.length).toBeGreaterThan(0);
    expect(urls.filter((url) => !url.startsWith(`${ORIGIN}/`))).toEqual([]);
  });

  it('points every font face and the labels at a built file', () => {
    const built = (url: string) => join(outDir, url.slice(`${ORIGIN}/basemap/`.length));
    const faces = style()['font-faces']?.[BASEMAP_FONT] as { url: string }[];
    expect(faces).toHaveLength(BASEMAP_FONT_FILES.length);
    for (const face of faces) expect(existsSync(built(face.url)), face.url).toBe(true);
    const labelSource = style().sources['country-labels'] as { data: string };
    expect(existsSync(built(labelSource.data))).toBe(true);
  });

  it('labels in the requested language with the declared font', () => {
    const layer = style().layers.find((candidate) => candidate.id === 'basemap-labels');
    expect(JSON.stringify(layer)).toContain('"name_fa"');
    expect(layer?.type === 'symbol' && layer.layout?.['text-font']).toEqual([BASEMAP_FONT]);
  });

  it('draws land, sea, borders and labels in the dark colours with theme dark', () => {
    const dark = basemapStyle({ origin: ORIGIN, theme: 'dark', countries });
    const paint = (id: string) =>
      (dark.layers.find((layer) => layer.id === id) as { paint: Record<string, unknown> }).paint;
    expect(paint('basemap-ocean')['background-color']).toBe(THEME_COLORS.dark.ocean);
    expect(paint('basemap-land')['fill-color']).toBe(THEME_COLORS.dark.land);
    expect(paint('basemap-borders')['line-color']).toBe(THEME_COLORS.dark.border);
    expect(paint('basemap-labels')['text-color']).toBe(THEME_COLORS.dark.countryLabel);
    expect(paint('basemap-labels')['text-halo-color']).toBe(THEME_COLORS.dark.land);
    // A live map switching themes sets exactly these paints.
    for (const theme of THEMES) {
      const themed = basemapStyle({ origin: ORIGIN, theme, countries });
      for (const [id, property, value] of basemapThemePaint(theme)) {
        const layer = themed.layers.find((l) => l.id === id) as { paint: Record<string, unknown> };
        expect(layer.paint[property], `${theme} ${id} ${property}`).toBe(value);
      }
    }
    expect(paint('basemap-land')['fill-color']).not.toBe(THEME_COLORS.light.land);
  });

  it('bundles Noto Sans Hebrew for Hebrew letters, within the range @fontsource cut it to', () => {
    const subsets = JSON.parse(
      readFileSync('node_modules/@fontsource/noto-sans-hebrew/unicode.json', 'utf8'),
    ) as Record<string, string>;
    const inFile = subsets.hebrew!.split(',').map((range) => {
      const [first, last] = range.slice(2).split('-');
      return [parseInt(first!, 16), parseInt(last ?? first!, 16)] as const;
    });
    const hebrew = FONT_FILES.filter((f) => fontPackage(f) === '@fontsource/noto-sans-hebrew');
    expect(hebrew.map((f) => f.weight)).toEqual([400, 600]);
    for (const font of hebrew) {
      for (const range of font.unicodeRange) {
        const [first, last] = range
          .slice(2)
          .split('-')
          .map((n) => parseInt(n, 16));
        const within = inFile.some(([a, b]) => a <= first! && (last ?? first!) <= b);
        expect(within, `${font.file} ${range}`).toBe(true);
      }
      expect(font.unicodeRange).toContain('U+0590-05FF');
    }
    // The basemap's labels draw Hebrew local names with it too.
    expect(BASEMAP_FONT_FILES.map((f) => f.file)).toContain(
      'noto-sans-hebrew-hebrew-400-normal.woff2',
    );
  });

  it('gives the Noto files the ranges @fontsource subset them to', () => {
    const subsets = JSON.parse(
      readFileSync('node_modules/@fontsource/noto-sans/unicode.json', 'utf8'),
    ) as Record<string, string>;
    const noto = FONT_FILES.filter((f) => fontPackage(f) === '@fontsource/noto-sans');
    expect(noto.length).toBeGreaterThan(0);
    for (const font of noto) {
      expect(font.unicodeRange, font.file).toEqual(subsets[font.subset]!.split(','));
    }
  });
});
