/**
 * What the legend explains, as data: one model drawn twice, as SVG on screen
 * (`Legend.svelte`) and with Canvas 2D in exported images (`src/export/image.ts`), so the
 * two can never drift apart. Every colour, radius and dash here is the one the map's layers
 * use (`marks.ts`, `palette.ts`).
 */
import { STANCE_STYLES } from './palette.ts';
import { categoryLabel } from '../i18n/labels.ts';
import type { Speaker } from '../i18n/locale.ts';
import { categoryColor, severityOf, STATUS_CENTRE } from './marks.ts';
import {
  FADED_OPACITY,
  incidentOpacity,
  isIncidentShown,
  type TimeFilter,
} from '../time/timeline.ts';
import {
  incidentMatches,
  isUnfiltered,
  relationMatches,
  searchWords,
  type Filters,
} from '../filter/filters.ts';
import { stanceEventAt, type Dyad } from '../model/relations.ts';
import {
  PRECISIONS,
  STANCES,
  STATUSES,
  type Category,
  type Incident,
  type Precision,
  type Stance,
  type Status,
} from '../model/schema.ts';

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
 * What a legend explains: the kinds of mark the map draws in some state (a day, or every
 * frame of an animation). Build it with `legendShown`; merge with `mergeShown`.
 */
export interface LegendShown {
  categories: Set<string>;
  statuses: Set<Status>;
  precisions: Set<Precision>;
  stances: Set<Stance>;
  /** Whether marks differ in size: some shown incident has casualties. */
  sized: boolean;
  /** Whether some shown incident is drawn faded (an older event in the cumulative view). */
  faded: boolean;
}

/** Nothing shown: the start of a merge. */
export function nothingShown(): LegendShown {
  return {
    categories: new Set(),
    statuses: new Set(),
    precisions: new Set(),
    stances: new Set(),
    sized: false,
    faded: false,
  };
}

/**
 * What the map shows at `filter`: the incidents it passes and, for each country pair, the
 * stance in effect on the day (`dyads` from `buildDyads`), of those `filters` let through
 * (an exported image's legend; the live legend leaves them out, to offer every toggle). One
 * pass over the incidents.
 */
export function legendShown(
  incidents: readonly Incident[],
  dyads: readonly Dyad[],
  filter: TimeFilter,
  filters: Filters = {},
): LegendShown {
  const shown = nothingShown();
  const words = searchWords(filters.q);
  const filtered = !isUnfiltered(filters);
  for (const incident of incidents) {
    if (!isIncidentShown(filter, incident.first, incident.last)) continue;
    if (filtered && !incidentMatches(incident, filters, words)) continue;
    shown.categories.add(incident.category);
    shown.statuses.add(incident.status);
    shown.precisions.add(incident.precision);
    if (!shown.sized && severityOf(incident) > 0) shown.sized = true;
    if (!shown.faded && incidentOpacity(filter, incident.last) < 1) shown.faded = true;
  }
  for (const dyad of dyads) {
    const event = stanceEventAt(dyad, filter.day);
    if (event && (!filtered || relationMatches(event, filters, words))) {
      shown.stances.add(event.stance);
    }
  }
  return shown;
}

/** Everything either `a` or `b` shows: the legend of an animation's frames together. */
export function mergeShown(a: LegendShown, b: LegendShown): LegendShown {
  return {
    categories: new Set([...a.categories, ...b.categories]),
    statuses: new Set([...a.statuses, ...b.statuses]),
    precisions: new Set([...a.precisions, ...b.precisions]),
    stances: new Set([...a.stances, ...b.stances]),
    sized: a.sized || b.sized,
    faded: a.faded || b.faded,
  };
}

/** `a, b or c` in the language: how the halo's label names the approximate precisions. */
function orList(words: readonly string[], speaker: Speaker): string {
  return new Intl.ListFormat(speaker.language, { type: 'disjunction' }).format(words);
}

/**
 * The legend of what the map shows: the categories shown (in the dataset's order of
 * `categories`, their labels in `speaker`'s language, falling back to the dataset's default
 * language `datasetDefault`), the statuses, placements and sizes shown, and the stances in
 * effect. Kinds the map does not draw are left out, so the legend explains only what is on
 * the map, and a section with nothing in it goes. Its words are in `speaker`'s language.
 */
export function legendModel(
  categories: readonly Category[],
  shown: LegendShown,
  speaker: Speaker,
  datasetDefault?: string,
): LegendSection[] {
  const { t } = speaker;
  const approximate = PRECISIONS.filter((p) => p !== 'exact' && shown.precisions.has(p));
  const place: LegendItem[] = [];
  if (shown.precisions.has('exact'))
    place.push(mark(LEGEND_GREY, t('legend.exact'), { radius: 4 }));
  if (approximate.length > 0) {
    const places = orList(
      approximate.map((p) => t(`precision.${p}`)),
      speaker,
    );
    place.push(mark(LEGEND_GREY, t('legend.approximate', { places }), { radius: 4, halo: true }));
  }
  if (shown.sized) place.push(mark(LEGEND_GREY, t('legend.sized'), { radius: 7 }));
  if (shown.faded) {
    place.push(mark(LEGEND_GREY, t('legend.faded'), { opacity: FADED_OPACITY }));
  }
  const sections: LegendSection[] = [
    {
      title: t('legend.incidents'),
      items: categories
        .filter((c) => shown.categories.has(c.id))
        .map((c) =>
          mark(categoryColor(c), categoryLabel(speaker, c, datasetDefault), {
            filter: { field: 'category', value: c.id },
          }),
        ),
    },
    {
      title: t('legend.status'),
      items: STATUSES.filter((status) => shown.statuses.has(status)).map((status) =>
        mark(LEGEND_GREY, t(`status.${status}`), {
          status,
          filter: { field: 'status', value: status },
        }),
      ),
    },
    { title: t('legend.place'), items: place },
    {
      title: t('legend.relations'),
      items: STANCES.filter((stance) => shown.stances.has(stance)).map((stance): LegendItem => {
        const s = STANCE_STYLES[stance];
        return {
          kind: 'line',
          color: s.color,
          label: t(`stance.${stance}`),
          width: s.width,
          dash: s.dash,
          filter: { field: 'stance', value: stance },
        };
      }),
    },
  ];
  return sections.filter((section) => section.items.length > 0);
}
