/**
 * Vector exports of the live map, SVG and PDF: the same layout as the PNG (`planSnapshot`),
 * with the map redrawn as shapes from the dataset, the basemap's countries and the live
 * map's view (`src/core/export/vectorscene.ts`) instead of a rendered canvas. The PDF writer
 * and its font library load only when a PDF is asked for.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { plainAttribution, type MeasureText } from '../core/export/snapshot.ts';
import {
  basemapPaint,
  buildVectorScene,
  PAGE_SIZES,
  POINTS_PER_PIXEL,
  type VectorScene,
} from '../core/export/vectorscene.ts';
import { fontFilesFor, sceneToSvg } from '../core/export/svgwriter.ts';
import { woffFileOf } from '../core/export/textruns.ts';
import { FONT_DIRECTORY } from '../core/style/fonts.ts';
import { planSnapshot, type ExportSource, type ImageOptions } from './image.ts';

/** What a vector export looks like: the PNG's options, a format and, for print, a page. */
export interface VectorOptions extends Pick<ImageOptions, 'size' | 'legend' | 'transparent'> {
  format: 'svg' | 'pdf';
  /**
   * A print page for the PDF (or the SVG's size): A4 (595.28 × 841.89 pt) or US Letter,
   * laid out at 96 CSS pixels to the inch. Without it, the image is `size` (or the live
   * map's size with header and footer) at 0.75 points per CSS pixel.
   */
  page?: 'a4' | 'letter';
}

function canvasMeasure(): MeasureText {
  const context = document.createElement('canvas').getContext('2d')!;
  return (text, font) => {
    context.font = font;
    return context.measureText(text).width;
  };
}

/**
 * Where the app's basemap folder is served: read from the style's bundled font faces (which
 * `basemapFontFaces` gives as absolute addresses), else beside the page.
 */
function basemapBase(map: MapLibreMap): string {
  const faces = map.getStyle()['font-faces'] as
    Record<string, { url: string }[] | string> | undefined;
  const first = Object.values(faces ?? {})[0];
  const url = typeof first === 'string' ? first : first?.[0]?.url;
  if (url?.includes(`/${FONT_DIRECTORY}/`)) return url.slice(0, url.lastIndexOf('/fonts/'));
  return new URL('basemap', document.baseURI).href;
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${url} (${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/**
 * The scene of the live map as it is now, in the PNG's layout. The basemap is redrawn only
 * when the map shows the built-in one (its `countries` source), and left out when
 * `transparent` is set.
 */
export async function vectorScene(
  source: ExportSource,
  options: VectorOptions,
): Promise<VectorScene> {
  const { map, state } = source;
  const page = options.page ? PAGE_SIZES[options.page] : undefined;
  const size = page
    ? {
        width: Math.round(page.width / POINTS_PER_PIXEL),
        height: Math.round(page.height / POINTS_PER_PIXEL),
      }
    : options.size;
  const layout = await planSnapshot(source, {
    ...(size ? { size } : {}),
    scale: 1,
    ...(options.legend === false ? { legend: false } : {}),
  });
  const style = map.getStyle();
  const center = map.getCenter();
  const zoom = map.getZoom();
  const countriesSource = style.sources.countries;
  const countries =
    !options.transparent &&
    countriesSource &&
    'data' in countriesSource &&
    typeof countriesSource.data === 'object'
      ? (countriesSource.data as GeoJSON.FeatureCollection)
      : null;
  const basemap = countries ? basemapPaint(style, zoom) : null;
  const countryLabels = basemap
    ? (JSON.parse(
        new TextDecoder().decode(await fetchBytes(`${basemapBase(map)}/labels.geojson`)),
      ) as GeoJSON.FeatureCollection)
    : null;
  const dataset = state.dataset;
  const dyads = state.data?.dyads;
  return buildVectorScene({
    layout,
    view: { center: [center.lng, center.lat], zoom, repeat: map.getRenderWorldCopies() },
    dataset,
    filter: state.filter,
    day: state.locale.day,
    ...(dyads ? { dyads } : {}),
    selectedId: state.selectedId ?? null,
    countries: basemap ? countries : null,
    countryLabels,
    basemap,
    basemapAttributions:
      basemap && typeof countriesSource === 'object' && 'attribution' in countriesSource
        ? [plainAttribution(String(countriesSource.attribution))]
        : [],
    measure: canvasMeasure(),
    language: state.language,
    theme: state.theme,
  });
}

/**
 * Exports the live map as an SVG or a PDF with the PNG's layout: shapes for the map, text
 * for the words, the bundled fonts embedded (`@font-face` data URLs in the SVG, subsets in
 * the PDF). Throws a `SnapshotError` when the size cannot hold the layout.
 */
export async function exportVector(source: ExportSource, options: VectorOptions): Promise<Blob> {
  const scene = await vectorScene(source, options);
  const base = basemapBase(source.map);
  const fontUrl = (file: string) => `${base}/fonts/${file}`;
  if (options.format === 'svg') {
    const fonts = await Promise.all(
      fontFilesFor(scene).map(async (file) => ({
        file,
        url: `data:font/woff2;base64,${base64(await fetchBytes(fontUrl(file.file)))}`,
      })),
    );
    return new Blob([sceneToSvg(scene, fonts)], { type: 'image/svg+xml' });
  }
  const { sceneToPdf } = await import('./pdf.ts');
  const page = options.page ? PAGE_SIZES[options.page] : undefined;
  const bytes = await sceneToPdf(scene, {
    ...(page ? { page } : {}),
    loadFont: (file) => fetchBytes(fontUrl(woffFileOf(file))),
  });
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' });
}
