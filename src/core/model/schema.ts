/**
 * The Tension Map dataset format, as the app holds it after validation.
 *
 * The file format is documented in `geojson/FORMAT.md`; these types are what the validator
 * produces from a valid file: dates parsed to day spans, categories resolved, and each
 * feature marked as an incident or a relation event.
 */
import type { LocalText } from '../i18n/localtext.ts';
import type { CalendarDate, Day } from './dates.ts';

export type { LocalText };

/** Incident categories every dataset may use without declaring them. */
export const BUILT_IN_CATEGORIES = [
  'attack',
  'military',
  'diplomatic',
  'statement',
  'security',
  'information',
  'other',
] as const;

/** Stances of a country pair, from friendliest to most hostile. */
export const STANCES = ['alliance', 'cooperation', 'neutral', 'tension', 'hostility'] as const;
export type Stance = (typeof STANCES)[number];

/** How precisely an incident is placed. */
export const PRECISIONS = ['exact', 'city', 'region', 'country'] as const;
export type Precision = (typeof PRECISIONS)[number];

/** How well an incident is established. */
export const STATUSES = ['confirmed', 'reported', 'claimed', 'disputed'] as const;
export type Status = (typeof STATUSES)[number];

export type LonLat = [number, number];

/**
 * A cited source; only http and https URLs pass validation. A citation without a link
 * (publisher, title, date: how ACLED and UCDP cite) has `url` empty and a title or publisher.
 */
export interface Source {
  /** The web address; absent for a citation without a link (then `title` or `publisher` names it). */
  url?: string;
  title?: string;
  publisher?: string;
  published?: string;
}

/** An incident category: built-in ones get their label and colour from the app. */
export interface Category {
  id: string;
  /** Plain text or text per language (`localtext.ts`); resolve with `localText` to show it. */
  label: LocalText;
  /** `#rrggbb`; absent for built-in categories, which use the app's palette. */
  color?: string;
}

/** A dated incident: a Point feature. */
export interface Incident {
  kind: 'incident';
  /** Position of the feature in the file's `features` array. */
  index: number;
  id: string;
  /** Plain text or text per language (`localtext.ts`); resolve with `localText` to show it. */
  title: LocalText;
  date: CalendarDate;
  endDate?: CalendarDate;
  /**
   * First and last day the incident covers, inclusive: the start of `date` and the end of
   * `endDate`, else of `date`. Set once, at validation, so that time code compares numbers.
   */
  first: Day;
  last: Day;
  category: string;
  countries: string[];
  sources: Source[];
  summary?: LocalText;
  fatalities?: number;
  injured?: number;
  precision: Precision;
  status: Status;
  coordinates: LonLat;
}

/** A dated change in a country pair's relationship: a feature with `from` and `to`. */
export interface RelationEvent {
  kind: 'relation';
  index: number;
  id: string;
  /** Plain text or text per language (`localtext.ts`); resolve with `localText` to show it. */
  title: LocalText;
  date: CalendarDate;
  endDate?: CalendarDate;
  /**
   * First and last day the event's dates cover, inclusive: the start of `date` and the end
   * of `endDate`, else of `date`. Set once, at validation. Without an `endDate` the stance
   * still holds after `last`, until the pair's next event (see `relations.ts`).
   */
  first: Day;
  last: Day;
  from: string;
  to: string;
  stance: Stance;
  sources: Source[];
  summary?: LocalText;
  /** Drawn as given when present; otherwise the arc joins the two countries' anchors. */
  geometry: GeoJSON.LineString | GeoJSON.MultiLineString | null;
}

/**
 * The author's framing of a dataset: a centre and zoom, or the bounds (west, south, east,
 * north in degrees) the first view fits.
 */
export type DatasetView =
  | { kind: 'centre'; lon: number; lat: number; zoom: number }
  | { kind: 'bounds'; bounds: [number, number, number, number] };

/** A validated dataset. */
export interface Dataset {
  /** Plain text or text per language, as every text below (`localtext.ts`). */
  title: LocalText;
  /** The first view the author chose; without it the first view fits the data. */
  view?: DatasetView;
  description?: LocalText;
  attribution?: string;
  /**
   * The language plain text is written in and `localText` falls back to (a canonical BCP 47
   * tag): the file's `language`, else the first of its `languages`; absent when neither.
   */
  language?: string;
  /** The languages the dataset declares (`languages`), as canonical tags, in its order. */
  languages?: string[];
  /** Dataset-declared arc anchors by ISO alpha-3 code; they override the defaults. */
  anchors: Record<string, LonLat>;
  /** Built-in categories followed by the dataset's own. */
  categories: Category[];
  incidents: Incident[];
  relations: RelationEvent[];
}

/** One thing wrong with an input file, said where and what. */
export interface Problem {
  /** Feature position in `features`, when the problem is inside a feature. */
  featureIndex?: number;
  /** Row of a table (Parquet), counted from 0, when the problem is inside a row. */
  row?: number;
  /** The feature's `id`, when it has a usable one. */
  featureId?: string;
  /** Property path such as `properties.date` or `sources[0].url`; for a table, `column date`. */
  path?: string;
  /** Line and column (1-based), for JSON syntax errors. */
  line?: number;
  column?: number;
  /** What was expected, in plain words. */
  message: string;
}
