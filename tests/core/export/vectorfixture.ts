/**
 * The built-in dataset as a vector scene on an A4 page, as the app exports it on 27 January
 * 2023 over the Caspian: the input of the SVG and PDF tests.
 */
import { readFileSync } from 'node:fs';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { dayFromIso } from '../../../src/core/model/dates.ts';
import { basemapStyle } from '../../../src/core/style/basemap.ts';
import { legendModel, legendShown } from '../../../src/core/style/legend.ts';
import { buildDyads } from '../../../src/core/model/relations.ts';
import { snapshotLayout, type MeasureText } from '../../../src/core/export/snapshot.ts';
import {
  basemapPaint,
  buildVectorScene,
  fontMetrics,
  type VectorScene,
} from '../../../src/core/export/vectorscene.ts';
import { builtInDataset } from '../../builtin.ts';
import { ENGLISH_MESSAGES } from '../../../src/i18n/catalogues.ts';
import { speakerFor } from '../../../src/i18n/speaker.ts';
import { direction } from '../../../src/core/i18n/locale.ts';
import type { Speaker } from '../../../src/core/i18n/locale.ts';

const english = speakerFor(ENGLISH_MESSAGES);

/** Text width as a fixed share of the font size per character: enough for layout tests. */
export const measure: MeasureText = (text, font) =>
  [...text].length * fontMetrics(font).size * 0.55;

const basemapDir = new URL('../../../static/basemap/', import.meta.url);

/** The basemap's countries as the app decodes them. */
export function countries(): GeoJSON.FeatureCollection {
  const topology = JSON.parse(
    readFileSync(new URL('countries.json', basemapDir), 'utf8'),
  ) as Topology<{
    countries: GeometryCollection;
  }>;
  return feature(topology, topology.objects.countries);
}

/** A bundled font file's bytes. */
export function fontBytes(file: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`fonts/${file}`, basemapDir)));
}

/** The built-in dataset's scene at `date` on an A4 page (794 × 1123 CSS pixels). */
export function builtInScene(
  options: {
    date?: string;
    title?: string;
    lang?: 'en' | 'fa';
    /** The language of the legend and the direction of the words (English, left to right). */
    speaker?: Speaker;
  } = {},
): VectorScene {
  const speaker = options.speaker ?? english;
  const dataset = builtInDataset();
  if (options.title) dataset.title = options.title;
  const shapes = countries();
  const zoom = 4;
  const filter = {
    day: dayFromIso(options.date ?? '2023-01-27')!,
    mode: 'cumulative' as const,
    windowDays: 30,
  };
  const style = basemapStyle({ origin: 'http://localhost', countries: shapes, lang: options.lang });
  const layout = snapshotLayout({
    width: 794,
    height: 1123,
    scale: 1,
    legend: legendModel(
      dataset.categories,
      legendShown(dataset.incidents, buildDyads(dataset.relations), filter),
      speaker,
    ),
    measure,
    direction: direction(speaker.language),
  });
  return buildVectorScene({
    layout,
    view: { center: [47, 38], zoom, repeat: true },
    dataset,
    filter,
    countries: shapes,
    countryLabels: JSON.parse(readFileSync(new URL('labels.geojson', basemapDir), 'utf8')),
    basemap: basemapPaint(style, zoom),
    basemapAttributions: ['Natural Earth'],
    measure,
    ...(options.speaker ? { language: options.speaker.language, day: options.speaker.day } : {}),
  });
}
