/**
 * The pure side of snapshot exports: file names, the date line, the sources line, frame
 * dates, the layout of an exported image and the canvas size limits.
 *
 * Sizes are in CSS pixels unless a name says `pixel`: an image is laid out once in CSS
 * pixels and drawn at `scale` device pixels per CSS pixel, so a 2× export is the 1× one with
 * finer detail, never a different arrangement. Text width is measured by a function the
 * caller passes in (Canvas 2D `measureText` in the browser, a stand-in in tests), which
 * keeps this module free of the DOM.
 */
import { addMonths, formatDay, isoFromDay, type Day } from '../model/dates.ts';
import type { LegendItem, LegendSection } from '../style/legend.ts';
import type { Source } from '../model/schema.ts';
import type { TimeFilter } from '../time/timeline.ts';
import { UI_FONT_FAMILY } from '../style/fonts.ts';

/** Measures the width of `text` drawn in a CSS `font`, in CSS pixels. */
export type MeasureText = (text: string, font: string) => number;

/**
 * The font family exported images draw text with: the page's own bundled Noto Sans and
 * Vazirmatn (`src/core/style/fonts.ts`), registered by the app before anything is drawn.
 */
export const SNAPSHOT_FONT_FAMILY = UI_FONT_FAMILY;

/** Canvas fonts of each kind of text in an exported image. */
export const SNAPSHOT_FONTS = {
  title: `600 20px "${SNAPSHOT_FONT_FAMILY}"`,
  date: `15px "${SNAPSHOT_FONT_FAMILY}"`,
  footer: `12px "${SNAPSHOT_FONT_FAMILY}"`,
  legendHeading: `600 11px "${SNAPSHOT_FONT_FAMILY}"`,
  legendLabel: `12px "${SNAPSHOT_FONT_FAMILY}"`,
} as const;

/** Margin around the header and footer text. */
export const SNAPSHOT_PADDING = 16;
/** Height of the header band: title and date line. */
export const HEADER_HEIGHT = 64;
/** Height of the footer band: attribution line and sources line. */
export const FOOTER_HEIGHT = 44;

/** Line height of one legend entry. */
export const LEGEND_LINE = 20;
/** Width of the mark drawn before each legend label. */
export const LEGEND_SWATCH = 28;
const LEGEND_GAP = 6;
const LEGEND_PADDING = 10;
const LEGEND_MARGIN = 10;
const LEGEND_COLUMN_GAP = 16;
/** Labels wider than this are shortened with an ellipsis rather than widening the legend. */
const LEGEND_MAX_LABEL = 230;

/** Smallest image that leaves room for the header, a map and the footer. */
export const MIN_SNAPSHOT_SIZE = { width: 240, height: HEADER_HEIGHT + FOOTER_HEIGHT + 80 };

/** A rectangle in CSS pixels from the image's top-left corner. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One thing to draw in the legend panel, positioned in CSS pixels within the image. */
export type LegendEntry =
  | { type: 'heading'; text: string; x: number; y: number }
  | { type: 'item'; item: LegendItem; x: number; y: number; labelWidth: number };

/** The legend panel: its rectangle and what is drawn in it. */
export interface LegendLayout extends Rect {
  entries: LegendEntry[];
}

/** Where everything goes in an exported image. */
export interface SnapshotLayout {
  /** Size of the whole image in CSS pixels. */
  width: number;
  height: number;
  /** Device pixels per CSS pixel. */
  scale: number;
  /** Size of the PNG in pixels. */
  pixelWidth: number;
  pixelHeight: number;
  header: Rect;
  map: Rect;
  footer: Rect;
  /** The legend panel over the map's top-left corner, or `null` when left out. */
  legend: LegendLayout | null;
}

/** A problem with the requested export that the user can fix (size, scale, dates). */
export class SnapshotError extends Error {
  override name = 'SnapshotError';
}

/* ---------------------------------------------------------------------------------------- */
/* Names and lines of text                                                                   */
/* ---------------------------------------------------------------------------------------- */

/**
 * A file-name-safe form of a title: lowercase letters and digits of any script joined by
 * hyphens, accents dropped (`Türkiye` → `turkiye`), at most 80 characters. Returns an empty
 * string when nothing usable is left.
 */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

/** The name of a data file or URL without folders, query or extension. */
function fileStem(pathOrUrl: string): string {
  const name = pathOrUrl.split(/[?#]/)[0]!.split(/[/\\]/).pop() ?? '';
  let decoded = name;
  try {
    decoded = decodeURIComponent(name);
  } catch {
    // A stray % in a local file name: keep the name as it is.
  }
  return decoded.replace(/\.(geo)?json$/i, '');
}

/**
 * The download name of an export: the slugified dataset title (or, when the title has no
 * usable characters, the data file's name or URL), the date or date range, and the extension, e.g.
 * `azerbaijan-iran-and-israel-2022-2023_2023-01-27.png`.
 */
export function snapshotFileName(
  dataset: { title?: string | null; dataFile?: string | null },
  days: Day | [Day, Day],
  extension: string,
): string {
  const base =
    slugify(dataset.title ?? '') || slugify(fileStem(dataset.dataFile ?? '')) || 'tension-map';
  const dates = Array.isArray(days) ? days.map(isoFromDay).join('_') : isoFromDay(days);
  return `${base}_${dates}.${extension}`;
}

/**
 * The date line of an image, as the map shows it: the day (`27 Jan 2023`) in cumulative
 * mode, and the window's first and last day (`29 Dec 2022 – 27 Jan 2023` for 30 days) in
 * window mode. The window's first day is the first one whose incidents are shown.
 */
export function dateLine(filter: TimeFilter): string {
  if (filter.mode === 'cumulative' || filter.windowDays <= 1) return formatDay(filter.day);
  return `${formatDay(filter.day - filter.windowDays + 1)} – ${formatDay(filter.day)}`;
}

/** How a source is cited: its publisher or title, else its address's host. */
function citation(source: Source): string {
  const named = source.publisher?.trim() || source.title?.trim();
  if (named) return named;
  try {
    return new URL(source.url).hostname.replace(/^www\./, '');
  } catch {
    return source.url;
  }
}

/**
 * The distinct sources cited by some features: each source's publisher, else its title, else
 * its web host. Most cited first; ties in order of first citation, so the line is stable.
 */
export function sourceLabels(features: readonly { sources: readonly Source[] }[]): string[] {
  const counts = new Map<string, number>();
  for (const feature of features) {
    for (const label of new Set(feature.sources.map(citation))) {
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([label]) => label);
}

/**
 * `text` shortened with an ellipsis so it measures at most `maxWidth` in `font`. Cuts at a
 * code point boundary, so no surrogate pair or letter is split.
 */
export function fitText(
  text: string,
  maxWidth: number,
  font: string,
  measure: MeasureText,
): string {
  if (measure(text, font) <= maxWidth) return text;
  const chars = [...text];
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (measure(`${chars.slice(0, mid).join('').trimEnd()}…`, font) <= maxWidth) low = mid;
    else high = mid - 1;
  }
  return low === 0 ? '' : `${chars.slice(0, low).join('').trimEnd()}…`;
}

/**
 * The sources line of the footer: `Source: Caspian Policy Center`, or `Sources: A; B; C`,
 * ending `and N more` when the labels do not all fit in `maxWidth`. Empty when there are no
 * sources.
 */
export function sourceLine(
  labels: readonly string[],
  maxWidth: number,
  measure: MeasureText,
  font: string = SNAPSHOT_FONTS.footer,
): string {
  if (labels.length === 0) return '';
  const prefix = labels.length === 1 ? 'Source: ' : 'Sources: ';
  const line = (count: number) => {
    const rest = labels.length - count;
    const shown = labels.slice(0, count).join('; ');
    return rest === 0 ? `${prefix}${shown}` : `${prefix}${shown} and ${rest} more`;
  };
  for (let count = labels.length; count >= 1; count--) {
    if (measure(line(count), font) <= maxWidth) return line(count);
  }
  const rest = labels.length - 1;
  const suffix = rest > 0 ? ` and ${rest} more` : '';
  const room = maxWidth - measure(`${prefix}${suffix}`, font);
  return `${prefix}${fitText(labels[0]!, room, font, measure)}${suffix}`;
}

/** Plain text of an attribution that a style may give as HTML (`<a href=…>© OSM</a>`). */
export function plainAttribution(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&copy;/g, '©')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The footer's credits: `Data: <dataset attribution>` (drawn on the left, shortened if it
 * must be) and `Basemap: Natural Earth` (drawn on the right, never shortened, since the
 * basemap's credit must survive any image width). Either is empty when there is none.
 */
export function attributionParts(
  dataAttribution: string | undefined | null,
  basemapAttributions: readonly string[],
): { data: string; basemap: string } {
  const basemap = [...new Set(basemapAttributions.map(plainAttribution).filter(Boolean))];
  return {
    data: dataAttribution?.trim() ? `Data: ${dataAttribution.trim()}` : '',
    basemap: basemap.length ? `Basemap: ${basemap.join(', ')}` : '',
  };
}

/* ---------------------------------------------------------------------------------------- */
/* Frames                                                                                    */
/* ---------------------------------------------------------------------------------------- */

/** A step between animation frames: a number of days or calendar months. */
export interface FrameStep {
  count: number;
  unit: 'day' | 'month';
}

/** Most frames one animation may have, so a typo such as `--every 1d` over decades is caught. */
export const MAX_FRAMES = 1000;

/**
 * Parses a frame step: `7d` (days), `2w` (weeks, as 14 days) or `1m` (calendar months).
 * Returns `null` for anything else, including zero.
 */
export function parseStep(text: string): FrameStep | null {
  const match = /^(\d{1,4})([dwm])$/.exec(text.trim());
  if (!match) return null;
  const count = Number(match[1]);
  if (count < 1) return null;
  if (match[2] === 'm') return { count, unit: 'month' };
  return { count: match[2] === 'w' ? count * 7 : count, unit: 'day' };
}

/**
 * The days of an animation's frames: one frame per period of `step` from `from`, dated on
 * the period's last day, so a cumulative map shows each week or month whole (`1m` from
 * 1 August gives 31 August, 30 September…). The last frame is always `to`, even when its
 * period is cut short. Months are counted from `from`, so the periods never drift. Throws a
 * `SnapshotError` when `to` is before `from` or there would be more than `MAX_FRAMES` frames.
 */
export function frameDays(from: Day, to: Day, step: FrameStep): Day[] {
  if (to < from) {
    throw new SnapshotError(
      `the last frame ${isoFromDay(to)} is before the first ${isoFromDay(from)}`,
    );
  }
  const periodStart = (k: number) =>
    step.unit === 'day' ? from + k * step.count : addMonths(from, k * step.count);
  const days: Day[] = [];
  for (let k = 0; periodStart(k) <= to; k++) {
    if (days.length === MAX_FRAMES) {
      throw new SnapshotError(
        `more than ${MAX_FRAMES} frames from ${isoFromDay(from)} to ${isoFromDay(to)}; use a longer step`,
      );
    }
    days.push(Math.min(periodStart(k + 1) - 1, to));
  }
  return days;
}

/* ---------------------------------------------------------------------------------------- */
/* Layout                                                                                    */
/* ---------------------------------------------------------------------------------------- */

/**
 * The device-pixel scale of an export: `scale` as given (1, 2, 3…), or the one that makes
 * the image `width` pixels wide when a width is asked for. Throws a `SnapshotError` for a
 * scale outside 0.25–8 or a width that is not a whole number of pixels.
 */
export function resolveScale(
  options: { scale?: number; width?: number },
  cssWidth: number,
): number {
  if (options.width !== undefined) {
    if (!Number.isInteger(options.width) || options.width < 1) {
      throw new SnapshotError(`the width must be a whole number of pixels, not ${options.width}`);
    }
    return resolveScale({ scale: options.width / cssWidth }, cssWidth);
  }
  const scale = options.scale ?? 1;
  if (!Number.isFinite(scale) || scale < 0.25 || scale > 8) {
    throw new SnapshotError(`the scale must be between 0.25 and 8, not ${scale}`);
  }
  return scale;
}

/** The image size that gives the map area `mapWidth` × `mapHeight`, as on screen. */
export function imageSizeForMap(
  mapWidth: number,
  mapHeight: number,
): { width: number; height: number } {
  return {
    width: Math.round(mapWidth),
    height: Math.round(mapHeight) + HEADER_HEIGHT + FOOTER_HEIGHT,
  };
}

/**
 * Lays the legend out in a panel at (`x`, `y`) no taller than `maxHeight`, flowing sections
 * into further columns when one column is too tall. A heading never ends a column. Returns
 * `null` when even the tallest section cannot fit.
 */
export function legendLayout(
  sections: readonly LegendSection[],
  x: number,
  y: number,
  maxHeight: number,
  measure: MeasureText,
): LegendLayout | null {
  const labelWidth = Math.min(
    LEGEND_MAX_LABEL,
    Math.ceil(
      Math.max(
        0,
        ...sections.flatMap((s) => [
          measure(s.title.toUpperCase(), SNAPSHOT_FONTS.legendHeading) - LEGEND_SWATCH - LEGEND_GAP,
          ...s.items.map((i) => measure(i.label, SNAPSHOT_FONTS.legendLabel)),
        ]),
      ),
    ),
  );
  const columnWidth = LEGEND_SWATCH + LEGEND_GAP + labelWidth;
  const rows = Math.floor((maxHeight - 2 * LEGEND_PADDING) / LEGEND_LINE);
  if (rows < 2) return null;
  const entries: LegendEntry[] = [];
  let column = 0;
  let row = 0;
  let usedRows = 0;
  const left = () => x + LEGEND_PADDING + column * (columnWidth + LEGEND_COLUMN_GAP);
  const top = () => y + LEGEND_PADDING + row * LEGEND_LINE;
  for (const section of sections) {
    if (row > 0 && row + 2 > rows) {
      column++;
      row = 0;
    }
    entries.push({ type: 'heading', text: section.title.toUpperCase(), x: left(), y: top() });
    row++;
    for (const item of section.items) {
      if (row + 1 > rows) {
        column++;
        row = 0;
      }
      entries.push({ type: 'item', item, x: left(), y: top(), labelWidth });
      row++;
      usedRows = Math.max(usedRows, row);
    }
  }
  return {
    x,
    y,
    width: 2 * LEGEND_PADDING + (column + 1) * columnWidth + column * LEGEND_COLUMN_GAP,
    height: 2 * LEGEND_PADDING + usedRows * LEGEND_LINE,
    entries,
  };
}

/**
 * Where the header, map, legend and footer go in an image of `width` × `height` CSS pixels
 * drawn at `scale`. The legend sits over the map's top-left corner, as on screen. Throws a
 * `SnapshotError` when the image is too small for a map, or for the legend (which can then
 * be left out).
 */
export function snapshotLayout(options: {
  width: number;
  height: number;
  scale: number;
  legend: readonly LegendSection[] | null;
  measure: MeasureText;
}): SnapshotLayout {
  const { width, height, scale } = options;
  if (
    !Number.isInteger(width) ||
    !Number.isInteger(height) ||
    width < MIN_SNAPSHOT_SIZE.width ||
    height < MIN_SNAPSHOT_SIZE.height
  ) {
    throw new SnapshotError(
      `the image must be at least ${MIN_SNAPSHOT_SIZE.width} × ${MIN_SNAPSHOT_SIZE.height} whole pixels, not ${width} × ${height}`,
    );
  }
  const header: Rect = { x: 0, y: 0, width, height: HEADER_HEIGHT };
  const map: Rect = {
    x: 0,
    y: HEADER_HEIGHT,
    width,
    height: height - HEADER_HEIGHT - FOOTER_HEIGHT,
  };
  const footer: Rect = { x: 0, y: height - FOOTER_HEIGHT, width, height: FOOTER_HEIGHT };
  let legend: LegendLayout | null = null;
  if (options.legend && options.legend.length > 0) {
    legend = legendLayout(
      options.legend,
      map.x + LEGEND_MARGIN,
      map.y + LEGEND_MARGIN,
      map.height - 2 * LEGEND_MARGIN,
      options.measure,
    );
    if (!legend || legend.width > map.width - 2 * LEGEND_MARGIN) {
      throw new SnapshotError(
        `the legend does not fit in a ${width} × ${height} image; make it larger or leave the legend out`,
      );
    }
  }
  return {
    width,
    height,
    scale,
    pixelWidth: Math.round(width * scale),
    pixelHeight: Math.round(height * scale),
    header,
    map,
    footer,
    legend,
  };
}

/** The largest sizes a browser can draw, read from its WebGL context. */
export interface CanvasLimits {
  /** MapLibre's `maxCanvasSize` (default 4096 × 4096). */
  maxCanvasSize: [number, number];
  /** WebGL `MAX_TEXTURE_SIZE`. */
  maxTextureSize: number;
  /** WebGL `MAX_RENDERBUFFER_SIZE`. */
  maxRenderbufferSize: number;
}

/** Chromium's limits on a 2D canvas: a side and the area, in pixels. */
const MAX_2D_SIDE = 32_767;
const MAX_2D_AREA = 268_435_456;

/** The map's size in device pixels, as MapLibre sizes its canvas. */
export function mapPixelSize(layout: SnapshotLayout): { width: number; height: number } {
  return {
    width: Math.floor(layout.map.width * layout.scale),
    height: Math.floor(layout.map.height * layout.scale),
  };
}

/**
 * Why the browser cannot draw this export at full resolution, or `null` when it can.
 * MapLibre would silently lower the pixel ratio of a map larger than its limits, which
 * would give a blurry image of the requested size, so an export that large is refused
 * with a message that says what the limit is.
 */
export function canvasLimitProblem(layout: SnapshotLayout, limits: CanvasLimits): string | null {
  const map = mapPixelSize(layout);
  const maxWidth = Math.min(
    limits.maxCanvasSize[0],
    limits.maxTextureSize,
    limits.maxRenderbufferSize,
  );
  const maxHeight = Math.min(
    limits.maxCanvasSize[1],
    limits.maxTextureSize,
    limits.maxRenderbufferSize,
  );
  if (map.width > maxWidth || map.height > maxHeight) {
    return (
      `a ${layout.pixelWidth} × ${layout.pixelHeight} px image needs a ${map.width} × ${map.height} px map, ` +
      `but this browser draws maps of at most ${maxWidth} × ${maxHeight} px; choose a smaller scale or size`
    );
  }
  const { pixelWidth: w, pixelHeight: h } = layout;
  if (w > MAX_2D_SIDE || h > MAX_2D_SIDE || w * h > MAX_2D_AREA) {
    return `a ${w} × ${h} px image is larger than a browser canvas can hold; choose a smaller scale or size`;
  }
  return null;
}
