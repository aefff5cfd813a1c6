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
import { localText } from '../i18n/localtext.ts';
import { addMonths, formatDay, isoFromDay, type Day } from '../model/dates.ts';
import type { LegendItem, LegendSection } from '../style/legend.ts';
import type { Dataset, LonLat, Source } from '../model/schema.ts';
import { HALO_RADIUS, incidentRadius, OUTLINE_WIDTH, severityOf } from '../style/marks.ts';
import { MAX_LABELS, shortLabel } from '../prepare/mapdata.ts';
import { mercator } from '../geometry/mercator.ts';
import { isIncidentShown, type TimeFilter } from '../time/timeline.ts';
import { UI_FONT_FAMILY } from '../style/fonts.ts';

/** Measures the width of `text` drawn in a CSS `font`, in CSS pixels. */
export type MeasureText = (text: string, font: string) => number;

/**
 * The font family exported images draw text with: the page's own bundled Noto Sans,
 * Vazirmatn and Noto Sans Hebrew (`src/core/style/fonts.ts`), registered by the app before
 * anything is drawn.
 */
export const SNAPSHOT_FONT_FAMILY = UI_FONT_FAMILY;

/** Canvas fonts of each kind of text in an exported image. */
export const SNAPSHOT_FONTS = {
  title: `600 20px "${SNAPSHOT_FONT_FAMILY}"`,
  subtitle: `15px "${SNAPSHOT_FONT_FAMILY}"`,
  date: `15px "${SNAPSHOT_FONT_FAMILY}"`,
  footer: `12px "${SNAPSHOT_FONT_FAMILY}"`,
  legendHeading: `600 11px "${SNAPSHOT_FONT_FAMILY}"`,
  legendLabel: `12px "${SNAPSHOT_FONT_FAMILY}"`,
} as const;

/** Margin around the header and footer text. */
export const SNAPSHOT_PADDING = 16;
/** Height of the header band: title and date line (`headerHeight` adds a subtitle). */
export const HEADER_HEIGHT = 64;
/** Height of the footer band: attribution line and sources line (`footerHeight` adds more). */
export const FOOTER_HEIGHT = 44;

/** Line height of one legend entry. */
export const LEGEND_LINE = 20;
/** Width of the mark drawn before each legend label. */
export const LEGEND_SWATCH = 28;
/** How far a round mark's centre is from the swatch's outer edge (the one away from the label). */
export const LEGEND_MARK_INSET = 8;
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

/** Which way the words of an image run: the reader's language's direction. */
export type TextDirection = 'ltr' | 'rtl';

/**
 * One thing to draw in the legend panel, positioned in CSS pixels within the image. A text's
 * `x` (a heading's, an item's `labelX`) is its left edge when `align` is `left` and its right
 * edge when `right`; an item's `x` is always its swatch's left edge. Right to left, the swatch
 * is to the right of its label and the label ends at the swatch.
 */
export type LegendEntry =
  | { type: 'heading'; text: string; x: number; y: number; align: 'left' | 'right' }
  | {
      type: 'item';
      item: LegendItem;
      x: number;
      y: number;
      labelX: number;
      labelWidth: number;
      align: 'left' | 'right';
    };

/** The legend panel: its rectangle and what is drawn in it. */
export interface LegendLayout extends Rect {
  entries: LegendEntry[];
}

/**
 * The x of a legend item's round mark: `LEGEND_MARK_INSET` in from the swatch's outer edge,
 * the left one left to right and the right one right to left, as a mirror would put it.
 */
export function legendMarkCentre(entry: Extract<LegendEntry, { type: 'item' }>): number {
  return entry.align === 'right'
    ? entry.x + LEGEND_SWATCH - LEGEND_MARK_INSET
    : entry.x + LEGEND_MARK_INSET;
}

/**
 * A legend laid out left to right, mirrored for a right-to-left language inside its own
 * rectangle: columns run from the right, each swatch sits right of its label, and the texts
 * are anchored at their right edges.
 */
export function mirrorLegend(legend: LegendLayout): LegendLayout {
  const mirror = (x: number) => 2 * legend.x + legend.width - x;
  return {
    ...legend,
    entries: legend.entries.map((entry): LegendEntry => {
      const align = entry.align === 'left' ? 'right' : 'left';
      if (entry.type === 'heading') return { ...entry, x: mirror(entry.x), align };
      return { ...entry, x: mirror(entry.x) - LEGEND_SWATCH, labelX: mirror(entry.labelX), align };
    }),
  };
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
  /** The legend panel: in a free corner of the map, beside or below it; `null` when left out. */
  legend: LegendLayout | null;
  /** Which way the words run: right to left, the header and legend start at the right. */
  direction: TextDirection;
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
 * window mode. The window's first day is the first one whose incidents are shown. `day`
 * writes a day in the reader's language and calendar (a map's `Locale.day`); English by default.
 */
export function dateLine(filter: TimeFilter, day: (day: Day) => string = formatDay): string {
  if (filter.mode === 'cumulative' || filter.windowDays <= 1) return day(filter.day);
  return `${day(filter.day - filter.windowDays + 1)} – ${day(filter.day)}`;
}

/** How a source is cited: its publisher or title, else its address's host. */
function citation(source: Source): string {
  const named = source.publisher?.trim() || source.title?.trim();
  if (named) return named;
  if (source.url === undefined) return '';
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
  text: SnapshotText = {},
): { width: number; height: number } {
  return {
    width: Math.round(mapWidth),
    height: Math.round(mapHeight) + headerHeight(text) + footerHeight(text),
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
    entries.push({
      type: 'heading',
      text: section.title.toUpperCase(),
      x: left(),
      y: top(),
      align: 'left',
    });
    row++;
    for (const item of section.items) {
      if (row + 1 > rows) {
        column++;
        row = 0;
      }
      const x = left();
      entries.push({
        type: 'item',
        item,
        x,
        y: top(),
        labelX: x + LEGEND_SWATCH + LEGEND_GAP,
        labelWidth,
        align: 'left',
      });
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

/** A view of the map: its centre and zoom, as MapLibre takes them. */
export interface MapView {
  lon: number;
  lat: number;
  zoom: number;
}

/** Something drawn on the map, in CSS pixels from the map's centre (y down). */
export type DrawnShape =
  | { kind: 'disc'; x: number; y: number; radius: number }
  | { kind: 'line'; points: readonly (readonly [number, number])[]; width: number }
  | { kind: 'box'; x: number; y: number; width: number; height: number };

/** What the map draws, in longitude and latitude: what `drawnShapes` projects. */
export interface DrawnOnMap {
  /** Incident marks: position, radius of the mark with its halo, and label (if labelled). */
  incidents: readonly { coordinates: LonLat; radius: number; label?: string | undefined }[];
  /** Arc lines, each a run of positions. */
  arcs: readonly (readonly LonLat[])[];
}

/** Map labels' font and placement, as the label layer sets them (`src/render/labels/layer.ts`). */
const LABEL_FONT = `11px "${SNAPSHOT_FONT_FAMILY}"`;
const LABEL_OFFSET = 1.1 * 11;
const LABEL_MAX_WIDTH = 12 * 11;
const LABEL_LINE = 11 * 1.2;
/** Widest arc line in CSS pixels, with room for its outline. */
const ARC_WIDTH = 5;

/**
 * Where `position` is drawn in a map showing `view`, in CSS pixels from the map's centre,
 * on the world copy nearest the centre (MapLibre's 512-pixel world tiles, Web Mercator).
 */
export function projectFromCentre(position: LonLat, view: MapView): [number, number] {
  const world = 512 * 2 ** view.zoom;
  const [cx, cy] = mercator(view.lon, view.lat);
  const [x, y] = mercator(position[0], position[1]);
  const dx = x - cx - Math.round(x - cx);
  return [dx * world, (y - cy) * world];
}

/**
 * The shapes of what the map draws in `view`: a disc per incident mark, a box per label
 * (set to the right of its mark, wrapped as the label layer wraps it), a line per arc.
 * Labels are counted even where MapLibre may drop one for a collision, so the legend never
 * lands on one that is drawn.
 */
export function drawnShapes(drawn: DrawnOnMap, view: MapView, measure: MeasureText): DrawnShape[] {
  const shapes: DrawnShape[] = [];
  for (const incident of drawn.incidents) {
    const [x, y] = projectFromCentre(incident.coordinates, view);
    shapes.push({ kind: 'disc', x, y, radius: incident.radius });
    if (incident.label) {
      const width = measure(incident.label, LABEL_FONT);
      const lines = Math.max(1, Math.ceil(width / LABEL_MAX_WIDTH));
      const height = lines * LABEL_LINE + 4;
      shapes.push({
        kind: 'box',
        x: x + LABEL_OFFSET - 2,
        y: y - height / 2,
        width: Math.min(width, LABEL_MAX_WIDTH) + 4,
        height,
      });
    }
  }
  for (const arc of drawn.arcs) {
    const points = arc.map((position) => projectFromCentre(position, view));
    // A line that crosses the antimeridian jumps a world: split it there.
    let run: [number, number][] = [];
    for (const point of points) {
      const last = run.at(-1);
      if (last && Math.abs(point[0] - last[0]) > 256 * 2 ** view.zoom) {
        shapes.push({ kind: 'line', points: run, width: ARC_WIDTH });
        run = [];
      }
      run.push(point);
    }
    if (run.length > 0) shapes.push({ kind: 'line', points: run, width: ARC_WIDTH });
  }
  return shapes;
}

/**
 * What the map draws at any of `filters` (one for an image, one per frame for an animation):
 * the incidents shown, with the radius of their mark or halo and, in datasets small enough to
 * be labelled, their label in `language`; and the arc stretches in effect. `arcs` are
 * `arcFeatures`.
 */
export function drawnOnMap(
  dataset: Dataset,
  arcs: readonly {
    geometry: GeoJSON.LineString | GeoJSON.MultiLineString;
    properties: { start: Day; end: Day };
  }[],
  filters: readonly TimeFilter[],
  language = 'en',
): DrawnOnMap {
  const labelled = dataset.incidents.length <= MAX_LABELS;
  const incidents = dataset.incidents
    .filter((incident) =>
      filters.some((filter) => isIncidentShown(filter, incident.first, incident.last)),
    )
    .map((incident) => ({
      coordinates: incident.coordinates,
      radius: Math.max(
        incidentRadius(severityOf(incident)) + OUTLINE_WIDTH,
        HALO_RADIUS[incident.precision] ?? 0,
      ),
      label: labelled
        ? shortLabel(localText(incident.title, language, dataset.language))
        : undefined,
    }));
  const lines = new Set<readonly LonLat[]>();
  for (const arc of arcs) {
    const { start, end } = arc.properties;
    if (!filters.some((filter) => start <= filter.day && filter.day < end)) continue;
    if (arc.geometry.type === 'LineString') lines.add(arc.geometry.coordinates as LonLat[]);
    else for (const line of arc.geometry.coordinates) lines.add(line as LonLat[]);
  }
  return { incidents, arcs: [...lines] };
}

/** Whether a segment from `a` to `b` passes through `rect` (Liang–Barsky clipping). */
function segmentHitsRect(
  a: readonly [number, number],
  b: readonly [number, number],
  rect: Rect,
): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const checks: [number, number][] = [
    [-dx, a[0] - rect.x],
    [dx, rect.x + rect.width - a[0]],
    [-dy, a[1] - rect.y],
    [dy, rect.y + rect.height - a[1]],
  ];
  for (const [p, q] of checks) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return false;
  }
  return true;
}

/** Whether `shape` (in the same coordinates as `rect`) overlaps `rect`. */
export function shapeHitsRect(shape: DrawnShape, rect: Rect): boolean {
  switch (shape.kind) {
    case 'disc': {
      const nx = Math.max(rect.x, Math.min(shape.x, rect.x + rect.width));
      const ny = Math.max(rect.y, Math.min(shape.y, rect.y + rect.height));
      return (nx - shape.x) ** 2 + (ny - shape.y) ** 2 < shape.radius ** 2;
    }
    case 'box':
      return (
        shape.x < rect.x + rect.width &&
        shape.x + shape.width > rect.x &&
        shape.y < rect.y + rect.height &&
        shape.y + shape.height > rect.y
      );
    case 'line': {
      const half = shape.width / 2;
      const grown = {
        x: rect.x - half,
        y: rect.y - half,
        width: rect.width + 2 * half,
        height: rect.height + 2 * half,
      };
      const [first] = shape.points;
      if (shape.points.length === 1 && first) {
        return shapeHitsRect({ kind: 'disc', x: first[0], y: first[1], radius: half }, rect);
      }
      for (let i = 1; i < shape.points.length; i++) {
        if (segmentHitsRect(shape.points[i - 1]!, shape.points[i]!, grown)) return true;
      }
      return false;
    }
  }
}

/**
 * The legend as one compact run of items without headings, wrapped onto further rows only
 * when `maxWidth` is too narrow for one: for a band below the map or a short corner.
 */
export function compactLegendLayout(
  sections: readonly LegendSection[],
  x: number,
  y: number,
  maxWidth: number,
  measure: MeasureText,
): LegendLayout | null {
  const inner = maxWidth - 2 * LEGEND_PADDING;
  const items = sections.flatMap((s) => s.items);
  const entries: LegendEntry[] = [];
  let column = 0;
  let row = 0;
  let widest = 0;
  for (const item of items) {
    const labelWidth = Math.ceil(
      Math.min(LEGEND_MAX_LABEL, measure(item.label, SNAPSHOT_FONTS.legendLabel)),
    );
    const width = LEGEND_SWATCH + LEGEND_GAP + labelWidth;
    if (width > inner) return null;
    if (column > 0 && column + width > inner) {
      row++;
      column = 0;
    }
    entries.push({
      type: 'item',
      item,
      x: x + LEGEND_PADDING + column,
      y: y + LEGEND_PADDING + row * LEGEND_LINE,
      labelX: x + LEGEND_PADDING + column + LEGEND_SWATCH + LEGEND_GAP,
      labelWidth,
      align: 'left',
    });
    column += width;
    widest = Math.max(widest, column);
    column += LEGEND_COLUMN_GAP;
  }
  return {
    x,
    y,
    width: 2 * LEGEND_PADDING + widest,
    height: 2 * LEGEND_PADDING + (row + 1) * LEGEND_LINE,
    entries,
  };
}

/** A legend laid out at `x`, `y` moved to another place, entries and all. */
function moveLegend(legend: LegendLayout, x: number, y: number): LegendLayout {
  const dx = x - legend.x;
  const dy = y - legend.y;
  return {
    ...legend,
    x,
    y,
    entries: legend.entries.map((entry) =>
      entry.type === 'item'
        ? { ...entry, x: entry.x + dx, y: entry.y + dy, labelX: entry.labelX + dx }
        : { ...entry, x: entry.x + dx, y: entry.y + dy },
    ),
  };
}

/** Title, subtitle, note and byline of an image; the empty ones take no room. */
export interface SnapshotText {
  title?: string | undefined;
  subtitle?: string | undefined;
  note?: string | undefined;
  byline?: string | undefined;
}

/** Height of the header: title and date line, plus a line for a subtitle. */
export function headerHeight(text: SnapshotText = {}): number {
  return HEADER_HEIGHT + (text.subtitle?.trim() ? SUBTITLE_LINE : 0);
}

/** Height of the footer: credits and sources, plus a line each for a note and a byline. */
export function footerHeight(text: SnapshotText = {}): number {
  return (
    FOOTER_HEIGHT + (text.note?.trim() ? FOOTER_LINE : 0) + (text.byline?.trim() ? FOOTER_LINE : 0)
  );
}

/** Height the subtitle adds to the header. */
export const SUBTITLE_LINE = 20;
/** Height a note or byline adds to the footer. */
export const FOOTER_LINE = 17;

/** A preset image size: social formats, and paper pages with margins for print. */
export interface SizePreset {
  id: string;
  label: string;
  width: number;
  height: number;
  /** Blank margin around everything, in CSS pixels. */
  margin: number;
}

/**
 * The size presets of the export dialog and the CLI's `--size`. Paper sizes are CSS pixels at
 * 96 per inch (A4 is 210 × 297 mm), with half-inch margins.
 */
export const SIZE_PRESETS: readonly SizePreset[] = [
  { id: '16:9', label: '16:9 (1200 × 675)', width: 1200, height: 675, margin: 0 },
  { id: '1:1', label: '1:1 square (1080 × 1080)', width: 1080, height: 1080, margin: 0 },
  { id: '4:5', label: '4:5 social (1080 × 1350)', width: 1080, height: 1350, margin: 0 },
  { id: 'a4', label: 'A4 portrait, print', width: 794, height: 1123, margin: 48 },
  { id: 'letter', label: 'Letter portrait, print', width: 816, height: 1056, margin: 48 },
];

/** Smallest share of the map's width or height a legend beside or below it may leave. */
const MIN_MAP_SHARE = 0.45;

/**
 * Where the header, map, legend and footer go in an image of `width` × `height` CSS pixels
 * drawn at `scale`, inside `margin`. The legend never covers what the map draws (`drawn`,
 * in CSS pixels from the map's centre): it goes in a corner of the map where nothing is
 * drawn (top left first, as on screen; top right first right to left), else as a compact row
 * in such a corner, else beside the map (wide images; on its left right to left) or below it
 * (narrow ones), the map giving up that room (or, with `keepMapSize`, the image growing by
 * it). Right to left (`direction`), the legend is mirrored (`mirrorLegend`). Throws a
 * `SnapshotError` when the image is too small for a map, or for the legend (which can then
 * be left out).
 */
export function snapshotLayout(options: {
  width: number;
  height: number;
  scale: number;
  legend: readonly LegendSection[] | null;
  measure: MeasureText;
  drawn?: readonly DrawnShape[];
  text?: SnapshotText;
  margin?: number;
  /** Grow the image for a legend beside or below the map rather than shrink the map. */
  keepMapSize?: boolean;
  /** Which way the words run (default left to right). */
  direction?: TextDirection;
}): SnapshotLayout {
  const { width, height, scale, measure } = options;
  const direction = options.direction ?? 'ltr';
  const margin = options.margin ?? 0;
  const headerSize = headerHeight(options.text);
  const footerSize = footerHeight(options.text);
  if (
    !Number.isInteger(width) ||
    !Number.isInteger(height) ||
    width < MIN_SNAPSHOT_SIZE.width ||
    height < MIN_SNAPSHOT_SIZE.height ||
    height - 2 * margin - headerSize - footerSize < 80 ||
    width - 2 * margin < MIN_SNAPSHOT_SIZE.width / 2
  ) {
    throw new SnapshotError(
      `the image must be at least ${MIN_SNAPSHOT_SIZE.width} × ${MIN_SNAPSHOT_SIZE.height} whole pixels, not ${width} × ${height}`,
    );
  }
  const inner = { x: margin, y: margin, width: width - 2 * margin, height: height - 2 * margin };
  const header: Rect = { x: inner.x, y: inner.y, width: inner.width, height: headerSize };
  const footer: Rect = {
    x: inner.x,
    y: inner.y + inner.height - footerSize,
    width: inner.width,
    height: footerSize,
  };
  let map: Rect = {
    x: inner.x,
    y: inner.y + headerSize,
    width: inner.width,
    height: inner.height - headerSize - footerSize,
  };
  let legend: LegendLayout | null = null;
  if (options.legend && options.legend.length > 0) {
    const placed = placeLegend(
      options.legend,
      map,
      options.drawn ?? [],
      measure,
      width > height,
      direction === 'rtl',
    );
    if (!placed) {
      throw new SnapshotError(
        `the legend does not fit in a ${width} × ${height} image; make it larger or leave the legend out`,
      );
    }
    legend = placed.legend;
    const dw = map.width - placed.map.width;
    const dh = map.height - placed.map.height;
    if (options.keepMapSize && (dw > 0 || dh > 0)) {
      // The image grows by the legend's room instead of the map shrinking: an export of
      // what is on screen keeps the screen's map. Right to left, a legend beside the map is
      // on its left, so the map moves right rather than the legend.
      const rtl = direction === 'rtl';
      legend = moveLegend(legend, legend.x + (rtl ? 0 : dw), legend.y + dh);
      return {
        width: width + dw,
        height: height + dh,
        scale,
        pixelWidth: Math.round((width + dw) * scale),
        pixelHeight: Math.round((height + dh) * scale),
        header: { ...header, width: header.width + dw },
        map: rtl ? { ...map, x: map.x + dw } : map,
        footer: { ...footer, y: footer.y + dh, width: footer.width + dw },
        legend,
        direction,
      };
    }
    map = placed.map;
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
    direction,
  };
}

/**
 * The corners of `map` a `width` × `height` panel may take: top left first, or top right
 * first when `rtl`, where the reading starts.
 */
function corners(
  map: Rect,
  width: number,
  height: number,
  rtl: boolean,
): { x: number; y: number }[] {
  const left = map.x + LEGEND_MARGIN;
  const top = map.y + LEGEND_MARGIN;
  const right = map.x + map.width - LEGEND_MARGIN - width;
  const bottom = map.y + map.height - LEGEND_MARGIN - height;
  const [near, far] = rtl ? [right, left] : [left, right];
  return [
    { x: near, y: top },
    { x: far, y: top },
    { x: near, y: bottom },
    { x: far, y: bottom },
  ];
}

/** Where the legend goes and the map that leaves (see `snapshotLayout`); `null` if nowhere. */
function placeLegend(
  sections: readonly LegendSection[],
  map: Rect,
  drawn: readonly DrawnShape[],
  measure: MeasureText,
  wide: boolean,
  rtl: boolean,
): { map: Rect; legend: LegendLayout } | null {
  const mirrored = (panel: LegendLayout | null) => (panel && rtl ? mirrorLegend(panel) : panel);
  const centre = { x: map.x + map.width / 2, y: map.y + map.height / 2 };
  const clear = (panel: Rect) => {
    // The panel in the shapes' coordinates, with a little air around it.
    const rect = {
      x: panel.x - centre.x - 4,
      y: panel.y - centre.y - 4,
      width: panel.width + 8,
      height: panel.height + 8,
    };
    return !drawn.some((shape) => shapeHitsRect(shape, rect));
  };
  const full = mirrored(legendLayout(sections, 0, 0, map.height - 2 * LEGEND_MARGIN, measure));
  const compact = mirrored(
    compactLegendLayout(sections, 0, 0, map.width - 2 * LEGEND_MARGIN, measure),
  );
  for (const panel of [full, compact]) {
    if (!panel || panel.width > map.width - 2 * LEGEND_MARGIN) continue;
    for (const corner of corners(map, panel.width, panel.height, rtl)) {
      const moved = moveLegend(panel, corner.x, corner.y);
      if (clear(moved)) return { map, legend: moved };
    }
  }
  const beside = () => {
    if (!full || map.width - full.width - LEGEND_MARGIN < map.width * MIN_MAP_SHARE) return null;
    const room = full.width + LEGEND_MARGIN;
    if (rtl) {
      return {
        map: { ...map, x: map.x + room, width: map.width - room },
        legend: moveLegend(full, map.x + LEGEND_MARGIN / 2, map.y + LEGEND_MARGIN),
      };
    }
    const rest = { ...map, width: map.width - room };
    return {
      map: rest,
      legend: moveLegend(full, rest.x + rest.width + LEGEND_MARGIN / 2, map.y + LEGEND_MARGIN),
    };
  };
  const below = () => {
    const flowed = mirrored(
      legendLayout(sections, 0, 0, map.height * (1 - MIN_MAP_SHARE), measure),
    );
    const panel =
      flowed &&
      flowed.width <= map.width - 2 * LEGEND_MARGIN &&
      (!compact || flowed.height < compact.height * 2)
        ? flowed
        : compact;
    if (!panel || map.height - panel.height - LEGEND_MARGIN < map.height * MIN_MAP_SHARE)
      return null;
    const rest = { ...map, height: map.height - panel.height - LEGEND_MARGIN };
    const x = rtl ? map.x + map.width - LEGEND_MARGIN - panel.width : map.x + LEGEND_MARGIN;
    return {
      map: rest,
      legend: moveLegend(panel, x, rest.y + rest.height + LEGEND_MARGIN / 2),
    };
  };
  return wide ? (beside() ?? below()) : (below() ?? beside());
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
