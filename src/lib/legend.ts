/**
 * What the legend explains, as data: one model drawn twice, as SVG on screen
 * (`Legend.svelte`) and with Canvas 2D in exported images (`exportimage.ts`), so the two
 * can never drift apart. Every colour, radius and dash here is the one the map's layers use
 * (`layers.ts`, `palette.ts`).
 */
import { CATEGORY_COLORS, STANCE_STYLES } from './palette.ts';
import { STANCES, type Dataset } from './schema.ts';

/** Grey used for marks that explain a shape rather than a category. */
export const LEGEND_GREY = '#555555';

/**
 * One line of the legend: a mark and its label.
 *
 * - `dot`: a filled circle of `radius` with a `stroke` outline (categories, status, size).
 * - `ring`: a hollow circle (claimed).
 * - `disputed`: a hollow circle with a `?` inside.
 * - `halo`: a soft disc around a dot (places known only to a city, region or country).
 * - `line`: a relationship arc of `width` pixels, dashed with `dash` (in line widths).
 */
export type LegendItem =
  | {
      kind: 'dot';
      color: string;
      label: string;
      /** Radius in CSS pixels. */
      radius: number;
      /** Outline colour, or `null` for none. */
      stroke: string | null;
      /** Opacity of the whole mark, for faded older incidents. */
      opacity: number;
    }
  | { kind: 'ring'; color: string; label: string }
  | { kind: 'disputed'; color: string; label: string }
  | { kind: 'halo'; color: string; label: string }
  | {
      kind: 'line';
      color: string;
      label: string;
      width: number;
      dash: [number, number] | null;
    };

/** A titled group of legend items. */
export interface LegendSection {
  title: string;
  items: LegendItem[];
}

/** Radius of a legend dot for an ordinary incident. */
const DOT = 6;

function dot(
  color: string,
  label: string,
  options: { radius?: number; stroke?: string | null; opacity?: number } = {},
): LegendItem {
  return {
    kind: 'dot',
    color,
    label,
    radius: options.radius ?? DOT,
    stroke: options.stroke === undefined ? '#ffffff' : options.stroke,
    opacity: options.opacity ?? 1,
  };
}

/**
 * The legend of a dataset: the categories its incidents use (in the dataset's order), the
 * status marks, placement and size, and every stance. Categories no incident uses are left
 * out so the legend only explains what can appear on the map.
 */
export function legendModel(dataset: Dataset | null): LegendSection[] {
  const used = new Set(dataset?.incidents.map((i) => i.category) ?? []);
  const categories = (dataset?.categories ?? []).filter((c) => used.has(c.id));
  const sections: LegendSection[] = [
    {
      title: 'Incidents',
      items: categories.map((c) => dot(c.color ?? CATEGORY_COLORS[c.id] ?? '#6B6B6B', c.label)),
    },
    {
      title: 'Status',
      items: [
        dot(LEGEND_GREY, 'confirmed'),
        dot(LEGEND_GREY, 'reported', { stroke: '#333333' }),
        { kind: 'ring', color: LEGEND_GREY, label: 'claimed' },
        { kind: 'disputed', color: LEGEND_GREY, label: 'disputed' },
      ],
    },
    {
      title: 'Place and size',
      items: [
        dot(LEGEND_GREY, 'exact place', { radius: 4, stroke: null }),
        { kind: 'halo', color: LEGEND_GREY, label: 'known to a city, region or country' },
        dot(LEGEND_GREY, 'larger: more killed and injured', { radius: 7.5, stroke: null }),
        dot(LEGEND_GREY, 'faded: older events (cumulative view)', { opacity: 0.35 }),
      ],
    },
    {
      title: 'Relations',
      items: STANCES.map((stance): LegendItem => {
        const s = STANCE_STYLES[stance];
        return { kind: 'line', color: s.color, label: s.label, width: s.width, dash: s.dash };
      }),
    },
  ];
  return sections.filter((section) => section.items.length > 0);
}
