/**
 * What the legend explains, as data: one model drawn twice, as SVG on screen
 * (`Legend.svelte`) and with Canvas 2D in exported images (`src/export/image.ts`), so the
 * two can never drift apart. Every colour, radius and dash here is the one the map's layers
 * use (`marks.ts`, `palette.ts`).
 */
import type { Filters } from '../filter/filters.ts';
import { STANCE_STYLES } from './palette.ts';
import { categoryColor, STATUS_CENTRE } from './marks.ts';
import { FADED_OPACITY } from '../time/timeline.ts';
import { STANCES, type Dataset } from '../model/schema.ts';

/** Grey used for marks that explain a shape rather than a category. */
export const LEGEND_GREY = '#555555';

/**
 * One line of the legend: a mark and its label.
 *
 * - `mark`: an incident mark drawn as the map draws it (`marks.ts`): a disc of
 *   `radius` with a dark outline, a white `centre` (fraction of the radius) for its status,
 *   a dark dot (`DISPUTED_DOT` of the radius) in the middle when `disputed`, a soft `halo` behind it when its place is
 *   approximate, at `opacity`.
 * - `line`: a relationship arc of `width` pixels, dashed with `dash` (in line widths).
 */
export type LegendItem =
  | {
      kind: 'mark';
      color: string;
      label: string;
      /** Radius in CSS pixels. */
      radius: number;
      centre: number;
      disputed: boolean;
      /** Halo radius in CSS pixels, 0 for none. */
      halo: number;
      opacity: number;
      filter?: LegendFilter;
    }
  | {
      kind: 'line';
      color: string;
      label: string;
      width: number;
      dash: [number, number] | null;
      filter?: LegendFilter;
    };

/** The filter value an item stands for, so the live legend's entries double as toggles. */
export interface LegendFilter {
  field: 'category' | 'status' | 'stance';
  value: string;
}

/** Whether `filters` let an item's value through (items standing for no value always pass). */
export function legendItemShown(item: LegendItem, filters: Filters): boolean {
  if (!item.filter) return true;
  const list = filters[item.filter.field] as readonly string[] | undefined;
  return !list?.length || list.includes(item.filter.value);
}

/** A titled group of legend items. */
export interface LegendSection {
  title: string;
  items: LegendItem[];
}

/** Radius of a legend mark for an ordinary incident. */
const DOT = 5.5;

/** Halo radius in legend icons: the map's halos are larger than an icon. */
const LEGEND_HALO = 8;

function mark(
  color: string,
  label: string,
  options: {
    radius?: number;
    status?: string;
    halo?: boolean;
    opacity?: number;
    filter?: LegendFilter;
  } = {},
): LegendItem {
  const status = options.status ?? 'confirmed';
  return {
    ...(options.filter ? { filter: options.filter } : {}),
    kind: 'mark',
    color,
    label,
    radius: options.radius ?? DOT,
    centre: STATUS_CENTRE[status] ?? 0,
    disputed: status === 'disputed',
    halo: options.halo ? LEGEND_HALO : 0,
    opacity: options.opacity ?? 1,
  };
}

/**
 * The legend of a dataset: the categories its incidents use (in the dataset's order), the
 * status marks, placement and size, and every stance. Categories no incident uses are left
 * out so the legend only explains what can appear on the map, and so are the categories,
 * statuses and stances `filters` hide (an exported image's legend; the live legend shows them
 * all, as toggles).
 */
export function legendModel(dataset: Dataset | null, filters: Filters = {}): LegendSection[] {
  const declared = dataset?.categories ?? [];
  const used = new Set<string>();
  // A loop that stops once every category is seen: a million incidents usually show them all early.
  for (const incident of dataset?.incidents ?? []) {
    used.add(incident.category);
    if (used.size === declared.length) break;
  }
  const categories = declared.filter((c) => used.has(c.id));
  const sections: LegendSection[] = [
    {
      title: 'Incidents',
      items: categories.map((c) =>
        mark(categoryColor(c), c.label, { filter: { field: 'category', value: c.id } }),
      ),
    },
    {
      title: 'Status',
      items: [
        ...(['confirmed', 'reported', 'claimed', 'disputed'] as const).map((status) =>
          mark(LEGEND_GREY, status, { status, filter: { field: 'status', value: status } }),
        ),
      ],
    },
    {
      title: 'Place and size',
      items: [
        mark(LEGEND_GREY, 'exact place', { radius: 4 }),
        mark(LEGEND_GREY, 'known to a city, region or country', { radius: 4, halo: true }),
        mark(LEGEND_GREY, 'larger: more killed and injured', { radius: 7 }),
        mark(LEGEND_GREY, 'faded: older events (cumulative view)', { opacity: FADED_OPACITY }),
      ],
    },
    {
      title: 'Relations',
      items: STANCES.map((stance): LegendItem => {
        const s = STANCE_STYLES[stance];
        const filter: LegendFilter = { field: 'stance', value: stance };
        return {
          kind: 'line',
          color: s.color,
          label: s.label,
          width: s.width,
          dash: s.dash,
          filter,
        };
      }),
    },
  ];
  return sections
    .map((section) => ({
      ...section,
      items: section.items.filter((item) => legendItemShown(item, filters)),
    }))
    .filter((section) => section.items.length > 0);
}
