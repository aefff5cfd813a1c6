/**
 * The picture of an export as vector shapes: the same layout as the PNG (`snapshot.ts`), with
 * the countries, borders, arcs, incidents and labels projected in Web Mercator from the live
 * map's view, and the header, legend and footer as text. The SVG writer (`svgwriter.ts`) and
 * the PDF writer (`src/export/pdf.ts`) turn one scene into a file, so both files show the
 * same things in the same places.
 *
 * Coordinates are CSS pixels from the image's top-left corner, rounded to hundredths so the
 * same inputs give the same file. The map's shapes are culled to the map frame and clipped
 * to it by the writers; the marks follow the GPU layers' rules (`marks.ts`, `palette.ts`,
 * `timeline.ts`).
 */
import type { Day } from '../model/dates.ts';
import { localText } from '../i18n/localtext.ts';
import type { StyleSpecification } from 'maplibre-gl';
import type { Dataset, Incident } from '../model/schema.ts';
import type { Dyad } from '../model/relations.ts';
import { buildDyads } from '../model/relations.ts';
import { arcFeatures, MAX_LABELS, shortLabel } from '../prepare/mapdata.ts';
import { mercator } from '../geometry/mercator.ts';
import { worldCopies } from '../geometry/worldcopies.ts';
import { incidentOpacity, isIncidentShown, type TimeFilter } from '../time/timeline.ts';
import {
  categoryColors,
  DISPUTED_DOT,
  HALO_OPACITY,
  HALO_RADIUS,
  incidentRadius,
  OUTLINE_WIDTH,
  SELECTED_OUTLINE_WIDTH,
  severityOf,
  STATUS_CENTRE,
} from '../style/marks.ts';
import { STANCE_STYLES, THEME_COLORS, type Theme, type ThemeColors } from '../style/palette.ts';
import type { LegendItem } from '../style/legend.ts';
import { featuresInEffect } from './exportdata.ts';
import {
  attributionParts,
  dateLine,
  fitText,
  LEGEND_LINE,
  LEGEND_SWATCH,
  legendMarkCentre,
  SNAPSHOT_FONTS,
  SNAPSHOT_PADDING,
  sourceLabels,
  sourceLine,
  type MeasureText,
  type Rect,
  type SnapshotLayout,
} from './snapshot.ts';

/** How a shape is filled and stroked; absent members are not painted. */
export interface Paint {
  fill?: string;
  stroke?: string;
  strokeWidth?: number;
  /** Dash and gap lengths in CSS pixels. */
  dash?: readonly number[];
  cap?: 'butt' | 'round';
  join?: 'miter' | 'round';
  /** Opacity of the whole shape, 0..1. */
  opacity?: number;
}

/** Text as the writers set it: one line, in the bundled family at a size and weight. */
export interface TextNode {
  type: 'text';
  className: string;
  text: string;
  x: number;
  /** The alphabetic baseline. */
  y: number;
  size: number;
  weight: 400 | 600;
  fill: string;
  /** Which edge of the text is at `x`: `start` its left edge, `end` its right edge. */
  anchor: 'start' | 'end';
  /** Laid out right to left (the base direction of a right-to-left language's line). */
  rtl?: boolean;
  opacity?: number;
  /** A stroke of the background colour under the letters, as MapLibre draws label halos. */
  halo?: { color: string; width: number };
}

/** One thing in a scene; groups carry the ids and classes an editor selects by. */
export type VectorNode =
  | {
      type: 'group';
      id?: string;
      className: string;
      /** Clip the children to this rectangle. */
      clip?: Rect;
      opacity?: number;
      /** The feature's own id, for an incident or arc drawn from the dataset. */
      dataId?: string;
      children: VectorNode[];
    }
  | {
      type: 'rect';
      x: number;
      y: number;
      width: number;
      height: number;
      radius?: number;
      paint: Paint;
    }
  | { type: 'path'; id?: string; className?: string; dataId?: string; d: string; paint: Paint }
  | { type: 'circle'; cx: number; cy: number; r: number; paint: Paint }
  | TextNode;

/** A whole exported picture. */
export interface VectorScene {
  width: number;
  height: number;
  title: string;
  /** Drawn first, over the whole image; `null` for a transparent export. */
  background: string | null;
  nodes: VectorNode[];
}

/** The map's view as MapLibre holds it: centre, zoom and whether the world repeats. */
export interface MapView {
  center: [number, number];
  zoom: number;
  repeat: boolean;
}

/** The basemap's colours and sizes, read from its style (`basemapPaint`). */
export interface BasemapPaint {
  ocean: string;
  land: string;
  border: string;
  borderWidth: number;
  label: string;
  labelSize: number;
  labelHalo: string;
  labelHaloWidth: number;
  /** The property of `labels.geojson` the labels show: `name_en`, `name_fa`… */
  labelField: string;
}

/** Everything a scene is made from. */
export interface VectorSceneInput {
  layout: SnapshotLayout;
  view: MapView;
  dataset: Dataset | null;
  filter: TimeFilter;
  /** Writes the date line's days in the reader's language and calendar; English by default. */
  day?: (day: Day) => string;
  /** The dataset's country pairs when already built (the app has them). */
  dyads?: readonly Dyad[];
  selectedId?: string | null;
  /** The basemap's countries (iso3 and name properties); `null` to leave the basemap out. */
  countries: GeoJSON.FeatureCollection | null;
  /** Country label points with `rank` and name properties; `null` for none. */
  countryLabels: GeoJSON.FeatureCollection | null;
  basemap: BasemapPaint | null;
  /** Plain-text credits of the basemap's sources. */
  basemapAttributions: readonly string[];
  measure: MeasureText;
  /** The reader's language (a BCP 47 tag) the dataset's titles are shown in; English when absent. */
  language?: string;
  /** The colours of the page, text, outlines and casings; light unless given. */
  theme?: Theme;
}

/** The colours of the input's theme. */
function colorsOf(input: VectorSceneInput): ThemeColors {
  return THEME_COLORS[input.theme ?? 'light'];
}

/** MapLibre's tile size: the world is 512 × 2^zoom CSS pixels wide. */
const TILE_SIZE = 512;
/** Pixels the arc layer adds to an arc's width for its casing (`render/arcs/layer.ts`). */
const ARC_CASING_WIDTH = 3;
/** The incident labels' style (`render/labels/layer.ts`): size, offset in ems, halo width. */
const LABEL_SIZE = 11;
const LABEL_OFFSET = 1.1;
const LABEL_HALO_WIDTH = 1.5;
/** Discs that stand for a halo's soft edge, and the opacity of each. */
const HALO_STEPS = 4;
const HALO_STEP_OPACITY = 1 - Math.pow(1 - HALO_OPACITY, 1 / HALO_STEPS);
/** How far below the middle of an em box the alphabetic baseline lies, in ems (Noto Sans). */
const MIDDLE_TO_BASELINE = 0.36;

/** Points per CSS pixel: 72 points and 96 CSS pixels to the inch. */
export const POINTS_PER_PIXEL = 0.75;

/** Print page sizes in points, portrait: ISO A4 and US Letter. */
export const PAGE_SIZES = {
  a4: { width: 595.28, height: 841.89 },
  letter: { width: 612, height: 792 },
} as const;

/** A number as the writers print it: at most two decimals, no `-0`. */
export function round(value: number): number {
  return Math.round(value * 100) / 100 + 0;
}

/** Size in pixels and weight of a canvas font such as `600 20px "Family"`. */
export function fontMetrics(font: string): { size: number; weight: 400 | 600 } {
  const match = /(?:(\d{3})\s+)?(\d+(?:\.\d+)?)px/.exec(font);
  return { size: Number(match?.[2] ?? 12), weight: match?.[1] === '600' ? 600 : 400 };
}

/** A value of a style property at `zoom`: a constant, or a linear `interpolate` on the zoom. */
function styleValue(value: unknown, zoom: number): unknown {
  if (!Array.isArray(value) || value[0] !== 'interpolate') return value;
  const stops = value.slice(3) as number[];
  if (zoom <= stops[0]!) return stops[1];
  for (let i = 2; i < stops.length; i += 2) {
    if (zoom <= stops[i]!) {
      const [z0, v0, z1, v1] = [stops[i - 2]!, stops[i - 1]!, stops[i]!, stops[i + 1]!];
      return v0 + ((v1 - v0) * (zoom - z0)) / (z1 - z0);
    }
  }
  return stops.at(-1);
}

/**
 * The basemap's colours and sizes at `zoom`, read from a style made by `basemapStyle`, so the
 * vector files follow the map's look wherever it is defined. `null` when the style is not
 * the built-in basemap (a third-party style's layers cannot be redrawn as vectors).
 */
export function basemapPaint(style: StyleSpecification, zoom: number): BasemapPaint | null {
  const layer = (id: string) =>
    style.layers.find((l) => l.id === id) as
      { paint?: Record<string, unknown>; layout?: Record<string, unknown> } | undefined;
  const ocean = layer('basemap-ocean')?.paint?.['background-color'];
  const land = layer('basemap-land')?.paint?.['fill-color'];
  const borders = layer('basemap-borders')?.paint;
  const labels = layer('basemap-labels');
  if (typeof ocean !== 'string' || typeof land !== 'string' || !borders || !labels) return null;
  const field = labels.layout?.['text-field'];
  return {
    ocean,
    land,
    border: String(borders['line-color']),
    borderWidth: Number(styleValue(borders['line-width'], zoom)),
    label: String(labels.paint?.['text-color']),
    labelSize: Number(styleValue(labels.layout?.['text-size'], zoom)),
    labelHalo: String(labels.paint?.['text-halo-color']),
    labelHaloWidth: Number(labels.paint?.['text-halo-width'] ?? 0),
    labelField: Array.isArray(field) && typeof field[1] === 'string' ? field[1] : 'name_en',
  };
}

/** Web Mercator to image pixels for a view shown in the map frame `frame`. */
class Projection {
  readonly world: number;
  readonly centre: [number, number];
  readonly frame: Rect;
  /** The frame's west and east edges in Web Mercator x (0..1 a world). */
  readonly west: number;
  readonly east: number;
  readonly north: number;
  readonly south: number;

  constructor(view: MapView, frame: Rect) {
    this.world = TILE_SIZE * Math.pow(2, view.zoom);
    this.centre = mercator(view.center[0], view.center[1]);
    this.frame = frame;
    this.west = this.centre[0] - frame.width / 2 / this.world;
    this.east = this.centre[0] + frame.width / 2 / this.world;
    this.north = this.centre[1] - frame.height / 2 / this.world;
    this.south = this.centre[1] + frame.height / 2 / this.world;
  }

  /** Image pixels of a Web Mercator point in world copy `copy`. */
  point(x: number, y: number, copy = 0): [number, number] {
    return [
      this.frame.x + this.frame.width / 2 + (x + copy - this.centre[0]) * this.world,
      this.frame.y + this.frame.height / 2 + (y - this.centre[1]) * this.world,
    ];
  }

  /** Whether a pixel box (with `margin` around it) reaches into the frame. */
  meets(box: readonly [number, number, number, number], margin = 0): boolean {
    const f = this.frame;
    return (
      box[2] >= f.x - margin &&
      box[0] <= f.x + f.width + margin &&
      box[3] >= f.y - margin &&
      box[1] <= f.y + f.height + margin
    );
  }
}

/** SVG path data of lines of Web Mercator points, in one world copy; repeated points dropped. */
function pathData(
  lines: readonly (readonly [number, number][])[],
  projection: Projection,
  copy: number,
  close: boolean,
): string {
  const parts: string[] = [];
  for (const line of lines) {
    let previous = '';
    const points: string[] = [];
    for (const [x, y] of line) {
      const [px, py] = projection.point(x, y, copy);
      const text = `${Math.round(px * 10) / 10 + 0} ${Math.round(py * 10) / 10 + 0}`;
      if (text !== previous) points.push(text);
      previous = text;
    }
    if (points.length < 2) continue;
    parts.push(`M${points.join('L')}${close ? 'Z' : ''}`);
  }
  return parts.join('');
}

/** Least and greatest x and y of lines of Web Mercator points. */
function extentOf(
  lines: readonly (readonly [number, number][])[],
): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const line of lines) {
    for (const [x, y] of line) {
      box[0] = Math.min(box[0], x);
      box[1] = Math.min(box[1], y);
      box[2] = Math.max(box[2], x);
      box[3] = Math.max(box[3], y);
    }
  }
  return box;
}

/** The copies of something spanning `box` (Web Mercator) that reach into the frame. */
function copiesInFrame(
  box: readonly [number, number, number, number],
  projection: Projection,
  repeat: boolean,
  margin = 0,
): number[] {
  if (box[3] < projection.north - margin || box[1] > projection.south + margin) return [];
  return worldCopies([box[0], box[2]], projection.west - margin, projection.east + margin, repeat);
}

function projectLine(line: readonly GeoJSON.Position[]): [number, number][] {
  return line.map((p) => mercator(p[0]!, p[1]!));
}

/** A name safe in an XML id: letters, digits, `-`, `_` and `.`, everything else as `_`. */
function idPart(id: string): string {
  return id.replace(/[^A-Za-z0-9_.-]/g, '_');
}

/** The countries' land and borders that reach into the frame. */
function countryNodes(input: VectorSceneInput, projection: Projection): VectorNode[] {
  const { countries, basemap } = input;
  if (!countries || !basemap) return [];
  const land: VectorNode[] = [];
  const borders: VectorNode[] = [];
  // The frame's size in Web Mercator: a margin so no border's stroke ends inside it.
  const margin = 4 / projection.world;
  for (const feature of countries.features) {
    const geometry = feature.geometry;
    if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) continue;
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    const iso3 = String(feature.properties?.iso3 ?? feature.id ?? '');
    let d = '';
    for (const polygon of polygons) {
      const rings = polygon.map(projectLine);
      for (const copy of copiesInFrame(extentOf(rings), projection, input.view.repeat, margin)) {
        d += pathData(rings, projection, copy, true);
      }
    }
    if (!d) continue;
    const id = iso3 ? idPart(iso3) : undefined;
    land.push({
      type: 'path',
      ...(id ? { id: `country-${id}` } : {}),
      className: 'country',
      d,
      paint: { fill: basemap.land },
    });
    borders.push({
      type: 'path',
      ...(id ? { id: `border-${id}` } : {}),
      className: 'border',
      d,
      paint: { stroke: basemap.border, strokeWidth: round(basemap.borderWidth), join: 'round' },
    });
  }
  return [
    { type: 'group', id: 'countries', className: 'countries', children: land },
    { type: 'group', id: 'borders', className: 'borders', children: borders },
  ];
}

/** The arc stretches in effect on the filter's day, casings under strokes. */
function arcNodes(input: VectorSceneInput, dyads: readonly Dyad[], projection: Projection) {
  const day = input.filter.day;
  const casings: VectorNode[] = [];
  const strokes: VectorNode[] = [];
  if (!input.dataset) return [];
  const selectedPair = dyads.find((d) => d.events.some((e) => e.id === input.selectedId))?.key;
  for (const arc of arcFeatures(input.dataset, dyads)) {
    const { start, end, stance, key, id, pair } = arc.properties;
    if (!(start <= day && day < end)) continue;
    const geometry = arc.geometry;
    const lines = (
      geometry.type === 'LineString' ? [geometry.coordinates] : geometry.coordinates
    ).map(projectLine);
    const margin = 8 / projection.world;
    let d = '';
    for (const copy of copiesInFrame(extentOf(lines), projection, input.view.repeat, margin)) {
      d += pathData(lines, projection, copy, false);
    }
    if (!d) continue;
    const style = STANCE_STYLES[stance];
    const width = style.width + (pair === selectedPair ? 2.5 : 0);
    casings.push({
      type: 'path',
      className: 'arc-casing',
      d,
      paint: {
        stroke: colorsOf(input).arcCasing,
        strokeWidth: width + ARC_CASING_WIDTH,
        cap: 'round',
        join: 'round',
      },
    });
    strokes.push({
      type: 'path',
      id: `arc-${idPart(key)}`,
      className: `arc stance-${stance}`,
      dataId: id,
      d,
      paint: {
        stroke: style.color,
        strokeWidth: width,
        cap: style.dash ? 'butt' : 'round',
        join: 'round',
        ...(style.dash ? { dash: style.dash.map((n) => n * style.width) } : {}),
      },
    });
  }
  return [
    { type: 'group', id: 'arc-casings', className: 'arc-casings', children: casings } as VectorNode,
    { type: 'group', id: 'arcs', className: 'arcs', children: strokes } as VectorNode,
  ];
}

/** A mark's shapes at (`x`, `y`), as the incident shader and the legend draw it. */
function markShapes(
  x: number,
  y: number,
  mark: { color: string; radius: number; halo: number; centre: number; disputed: boolean },
  outline: number,
  colors: ThemeColors,
): VectorNode[] {
  const shapes: VectorNode[] = [];
  for (let k = 0; k < (mark.halo > 0 ? HALO_STEPS : 0); k++) {
    shapes.push({
      type: 'circle',
      cx: round(x),
      cy: round(y),
      r: round(mark.halo * (1 - (0.7 * k) / HALO_STEPS)),
      paint: { fill: mark.color, opacity: round(HALO_STEP_OPACITY * 1000) / 1000 },
    });
  }
  shapes.push({
    type: 'circle',
    cx: round(x),
    cy: round(y),
    r: round(mark.radius + outline / 2),
    paint: { fill: mark.color, stroke: colors.markOutline, strokeWidth: outline },
  });
  if (mark.centre > 0) {
    shapes.push({
      type: 'circle',
      cx: round(x),
      cy: round(y),
      r: round(mark.radius * mark.centre),
      paint: { fill: colors.markCentre },
    });
  }
  if (mark.disputed) {
    shapes.push({
      type: 'circle',
      cx: round(x),
      cy: round(y),
      r: round(mark.radius * DISPUTED_DOT),
      paint: { fill: colors.markOutline },
    });
  }
  return shapes;
}

/** An incident's position in image pixels in each world copy that shows it. */
function incidentPlaces(incident: Incident, projection: Projection, repeat: boolean) {
  const [x, y] = mercator(incident.coordinates[0], incident.coordinates[1]);
  const reach = (MAX_HALO + 2) / projection.world;
  return copiesInFrame([x - reach, y - reach, x + reach, y + reach], projection, repeat).map(
    (copy) => ({ copy, point: projection.point(x, y, copy) }),
  );
}

const MAX_HALO = Math.max(...Object.values(HALO_RADIUS));

/** The incidents shown on the filter's day, oldest and least severe first, as on the map. */
function shownIncidents(input: VectorSceneInput): Incident[] {
  const incidents = input.dataset?.incidents ?? [];
  return incidents
    .filter((i) => isIncidentShown(input.filter, i.first, i.last))
    .map((incident, index) => ({ incident, index, severity: severityOf(incident) }))
    .sort(
      (a, b) => a.incident.first - b.incident.first || a.severity - b.severity || a.index - b.index,
    )
    .map(({ incident }) => incident);
}

function incidentNodes(
  input: VectorSceneInput,
  incidents: readonly Incident[],
  projection: Projection,
) {
  const colorOf = categoryColors(input.dataset?.categories ?? []);
  const nodes: VectorNode[] = [];
  for (const incident of incidents) {
    const opacity = incidentOpacity(input.filter, incident.last);
    const mark = {
      color: colorOf(incident.category),
      radius: incidentRadius(severityOf(incident)),
      halo: HALO_RADIUS[incident.precision] ?? 0,
      centre: STATUS_CENTRE[incident.status] ?? 0,
      disputed: incident.status === 'disputed',
    };
    const outline = incident.id === input.selectedId ? SELECTED_OUTLINE_WIDTH : OUTLINE_WIDTH;
    for (const { copy, point } of incidentPlaces(incident, projection, input.view.repeat)) {
      nodes.push({
        type: 'group',
        id: `incident-${idPart(incident.id)}${copy === 0 ? '' : `-copy${copy}`}`,
        className: `incident status-${incident.status} precision-${incident.precision}`,
        dataId: incident.id,
        ...(opacity < 1 ? { opacity: round(opacity * 1000) / 1000 } : {}),
        children: markShapes(point[0], point[1], mark, outline, colorsOf(input)),
      });
    }
  }
  return nodes;
}

/** A placed label's box, for collisions. */
type Box = [number, number, number, number];

function overlaps(a: Box, b: Box): boolean {
  return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}

/**
 * Lines of a country label no wider than `maxWidth` where its words allow, as MapLibre's
 * `text-max-width` breaks them.
 */
function wrap(text: string, font: string, maxWidth: number, measure: MeasureText): string[] {
  const words = text.split(' ');
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const next = line ? `${line} ${word}` : word;
    if (line && measure(next, font) > maxWidth) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * The incident labels (first, most severe first) and then the country labels (by rank) that
 * fit without overlapping one another or leaving the frame: the priorities MapLibre gives
 * them, the overlay's labels being the upper layer.
 */
function labelNodes(
  input: VectorSceneInput,
  incidents: readonly Incident[],
  projection: Projection,
): VectorNode[] {
  const placed: Box[] = [];
  const frame = projection.frame;
  const fits = (box: Box) =>
    box[0] >= frame.x &&
    box[2] <= frame.x + frame.width &&
    box[1] >= frame.y &&
    box[3] <= frame.y + frame.height &&
    !placed.some((other) => overlaps(box, other));
  const incidentLabels: VectorNode[] = [];
  const labelFont = `${LABEL_SIZE}px "x"`;
  const language = input.language ?? 'en';
  const labelled = (input.dataset?.incidents.length ?? 0) <= MAX_LABELS ? incidents : [];
  const bySeverity = [...labelled].sort((a, b) => severityOf(b) - severityOf(a));
  for (const incident of bySeverity) {
    const text = shortLabel(localText(incident.title, language, input.dataset?.language));
    const width = input.measure(text, labelFont);
    for (const { point } of incidentPlaces(incident, projection, input.view.repeat)) {
      const left = point[0] + LABEL_OFFSET * LABEL_SIZE;
      const box: Box = [
        left - 2,
        point[1] - LABEL_SIZE / 2 - 2,
        left + width + 2,
        point[1] + LABEL_SIZE / 2 + 2,
      ];
      if (!fits(box)) continue;
      placed.push(box);
      const opacity = incidentOpacity(input.filter, incident.last);
      incidentLabels.push({
        type: 'text',
        className: 'incident-label',
        text,
        x: round(left),
        y: round(point[1] + MIDDLE_TO_BASELINE * LABEL_SIZE),
        size: LABEL_SIZE,
        weight: 400,
        fill: colorsOf(input).labelText,
        anchor: 'start',
        halo: { color: colorsOf(input).labelHalo, width: LABEL_HALO_WIDTH },
        ...(opacity < 1 ? { opacity: round(opacity * 1000) / 1000 } : {}),
      });
    }
  }
  const countryLabels: VectorNode[] = [];
  const basemap = input.basemap;
  if (basemap && input.countryLabels) {
    const size = round(basemap.labelSize);
    const font = `${size}px "x"`;
    const features = [...input.countryLabels.features].sort(
      (a, b) => Number(a.properties?.rank ?? 0) - Number(b.properties?.rank ?? 0),
    );
    for (const feature of features) {
      if (feature.geometry?.type !== 'Point') continue;
      const name = feature.properties?.[basemap.labelField];
      if (typeof name !== 'string' || !name) continue;
      const lines = wrap(name, font, 7 * size, input.measure);
      const width = Math.max(...lines.map((line) => input.measure(line, font)));
      const height = lines.length * size * 1.2;
      const [mx, my] = mercator(feature.geometry.coordinates[0]!, feature.geometry.coordinates[1]!);
      for (const copy of copiesInFrame([mx, my, mx, my], projection, input.view.repeat)) {
        const [x, y] = projection.point(mx, my, copy);
        const box: Box = [
          x - width / 2 - 2,
          y - height / 2 - 2,
          x + width / 2 + 2,
          y + height / 2 + 2,
        ];
        if (!fits(box)) continue;
        placed.push(box);
        lines.forEach((line, i) => {
          const middle = y - height / 2 + (i + 0.5) * size * 1.2;
          countryLabels.push({
            type: 'text',
            className: 'country-label',
            text: line,
            x: round(x - input.measure(line, font) / 2),
            y: round(middle + MIDDLE_TO_BASELINE * size),
            size,
            weight: 400,
            fill: basemap.label,
            anchor: 'start',
            halo: { color: basemap.labelHalo, width: basemap.labelHaloWidth },
          });
        });
      }
    }
  }
  return [
    { type: 'group', id: 'country-labels', className: 'country-labels', children: countryLabels },
    {
      type: 'group',
      id: 'incident-labels',
      className: 'incident-labels',
      children: incidentLabels,
    },
  ];
}

function text(
  className: string,
  value: string,
  font: string,
  fill: string,
  x: number,
  y: number,
  anchor: 'start' | 'end' = 'start',
  rtl = false,
): TextNode {
  return {
    type: 'text',
    className,
    text: value,
    x: round(x),
    y: round(y),
    ...fontMetrics(font),
    fill,
    anchor,
    ...(rtl ? { rtl } : {}),
  };
}

/**
 * A legend item's mark in the swatch whose left edge is at `left`, a round mark centred on
 * `cx`, both on `middle`.
 */
function legendMark(
  item: LegendItem,
  left: number,
  cx: number,
  middle: number,
  colors: ThemeColors,
): VectorNode {
  if (item.kind === 'line') {
    return {
      type: 'path',
      className: 'legend-line',
      d: `M${round(left + 1)} ${round(middle)}L${round(left + LEGEND_SWATCH - 1)} ${round(middle)}`,
      paint: {
        stroke: item.color,
        strokeWidth: item.width,
        cap: 'butt',
        ...(item.dash ? { dash: item.dash.map((d) => d * item.width) } : {}),
      },
    };
  }
  return {
    type: 'group',
    className: 'legend-mark',
    ...(item.opacity < 1 ? { opacity: item.opacity } : {}),
    children: markShapes(cx, middle, item, OUTLINE_WIDTH, colors),
  };
}

function legendNodes(input: VectorSceneInput): VectorNode[] {
  const colors = colorsOf(input);
  const legend = input.layout.legend;
  if (!legend) return [];
  const rtl = input.layout.direction === 'rtl';
  const children: VectorNode[] = [
    {
      type: 'rect',
      x: legend.x + 0.5,
      y: legend.y + 0.5,
      width: legend.width - 1,
      height: legend.height - 1,
      radius: 6,
      paint: { fill: colors.paper, stroke: colors.legendBorder, strokeWidth: 1, opacity: 0.95 },
    },
  ];
  for (const entry of legend.entries) {
    const middle = entry.y + LEGEND_LINE / 2;
    if (entry.type === 'heading') {
      const { size } = fontMetrics(SNAPSHOT_FONTS.legendHeading);
      children.push(
        text(
          'legend-heading',
          entry.text,
          SNAPSHOT_FONTS.legendHeading,
          colors.muted,
          entry.x,
          middle + MIDDLE_TO_BASELINE * size,
          entry.align === 'right' ? 'end' : 'start',
          rtl,
        ),
      );
      continue;
    }
    children.push(legendMark(entry.item, entry.x, legendMarkCentre(entry), middle, colors));
    const font = SNAPSHOT_FONTS.legendLabel;
    const label = fitText(entry.item.label, entry.labelWidth, font, input.measure);
    const { size } = fontMetrics(font);
    children.push(
      text(
        'legend-label',
        label,
        font,
        colors.text,
        entry.labelX,
        middle + MIDDLE_TO_BASELINE * size,
        entry.align === 'right' ? 'end' : 'start',
        rtl,
      ),
    );
  }
  return [{ type: 'group', id: 'legend', className: 'legend', children }];
}

/**
 * The scene of an export: background, the map frame (ocean, countries, borders, arcs,
 * incidents, labels, clipped to the frame), the legend, the title and date line above and
 * the credits and sources below, placed as the PNG places them.
 */
export function buildVectorScene(input: VectorSceneInput): VectorScene {
  const colors = colorsOf(input);
  const { layout, dataset, filter, measure } = input;
  const projection = new Projection(input.view, layout.map);
  const dyads = input.dyads ?? buildDyads(dataset?.relations ?? []);
  const incidents = shownIncidents(input);
  const { map, header, footer } = layout;
  const mapChildren: VectorNode[] = [];
  if (input.basemap && input.countries) {
    mapChildren.push({ type: 'rect', ...map, paint: { fill: input.basemap.ocean } });
  }
  mapChildren.push(
    ...countryNodes(input, projection),
    ...arcNodes(input, dyads, projection),
    {
      type: 'group',
      id: 'incidents',
      className: 'incidents',
      children: incidentNodes(input, incidents, projection),
    },
    ...labelNodes(input, incidents, projection),
  );

  const inner = layout.width - 2 * SNAPSHOT_PADDING;
  // Right to left, the header's lines and the sources start at the image's right edge.
  const rtl = layout.direction === 'rtl';
  const start = rtl ? layout.width - SNAPSHOT_PADDING : SNAPSHOT_PADDING;
  const startAnchor = rtl ? 'end' : 'start';
  const title = dataset
    ? localText(dataset.title, input.language ?? 'en', dataset.language)
    : 'Tension Map';
  const nodes: VectorNode[] = [
    { type: 'group', id: 'map', className: 'map', clip: map, children: mapChildren },
    ...legendNodes(input),
    {
      type: 'group',
      id: 'header',
      className: 'header',
      children: [
        text(
          'title',
          fitText(title, inner, SNAPSHOT_FONTS.title, measure),
          SNAPSHOT_FONTS.title,
          colors.text,
          start,
          header.y + 30,
          startAnchor,
          rtl,
        ),
        text(
          'date',
          fitText(dateLine(filter, input.day), inner, SNAPSHOT_FONTS.date, measure),
          SNAPSHOT_FONTS.date,
          colors.muted,
          start,
          header.y + 52,
          startAnchor,
          rtl,
        ),
      ],
    },
  ];

  const inEffect = dataset ? featuresInEffect(dataset, filter, dyads) : null;
  const sources = inEffect ? sourceLabels([...inEffect.incidents, ...inEffect.relations]) : [];
  const credits = attributionParts(dataset?.attribution, input.basemapAttributions);
  const font = SNAPSHOT_FONTS.footer;
  const footerNodes: VectorNode[] = [];
  const basemapWidth = credits.basemap ? measure(credits.basemap, font) : 0;
  if (credits.basemap) {
    footerNodes.push(
      text(
        'credit-basemap',
        credits.basemap,
        font,
        colors.muted,
        layout.width - SNAPSHOT_PADDING,
        footer.y + 18,
        'end',
      ),
    );
  }
  const dataCredit = fitText(
    credits.data,
    inner - (basemapWidth ? basemapWidth + 16 : 0),
    font,
    measure,
  );
  if (dataCredit)
    footerNodes.push(
      text('credit-data', dataCredit, font, colors.muted, SNAPSHOT_PADDING, footer.y + 18),
    );
  const sourcesText = fitText(sourceLine(sources, inner, measure), inner, font, measure);
  if (sourcesText)
    footerNodes.push(
      text('sources', sourcesText, font, colors.muted, start, footer.y + 35, startAnchor, rtl),
    );
  nodes.push({ type: 'group', id: 'footer', className: 'footer', children: footerNodes });

  return {
    width: layout.width,
    height: layout.height,
    title,
    background: input.basemap && input.countries ? colors.paper : null,
    nodes,
  };
}
