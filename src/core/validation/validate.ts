/**
 * Validation of Tension Map datasets: from untrusted text or JSON to a `Dataset`.
 *
 * Datasets are written by hand and by scripts, so the validator lists every problem it can
 * find in one pass (not just the first), never throws, and says each problem in words a
 * journalist can act on: where (a feature, a property path, or a line and column of JSON)
 * and what is wrong, with the nearest valid value when there is one.
 *
 * Feature numbers in problems are 0-based positions in the `features` array: "feature 12"
 * means `features[12]`, the thirteenth feature, which is what `jq '.features[12]'` shows.
 *
 * Optional properties may be `null`, which means the same as leaving them out: scripts
 * (pandas, spreadsheets) write `null` for empty cells.
 *
 * Each check reports its problems and returns its best reading of the value (the valid
 * items of a list, say). A dataset is only returned when no problem at all was found, so a
 * partial reading never reaches the app.
 *
 * The format itself is described for authors in `geojson/FORMAT.md`. JSON syntax errors are
 * located by `json.ts`; `summary.ts` counts what a valid dataset holds.
 */
import { countryByCode, suggestCountryCodes } from '../model/countries.ts';
import { parseCalendarDate, type CalendarDate } from '../model/dates.ts';
import { parseJson } from './json.ts';
import { CATEGORY_LABELS } from '../style/palette.ts';
import {
  BUILT_IN_CATEGORIES,
  PRECISIONS,
  STANCES,
  STATUSES,
  type Category,
  type Dataset,
  type Incident,
  type LonLat,
  type Precision,
  type Problem,
  type RelationEvent,
  type Source,
  type Stance,
  type Status,
} from '../model/schema.ts';

/** The outcome of validating a dataset: the dataset, or every problem found. */
export type ValidationResult =
  { ok: true; dataset: Dataset; problems: [] } | { ok: false; problems: Problem[] };

/* ---------------------------------------------------------------------------------------- */
/* Problem collection                                                                        */
/* ---------------------------------------------------------------------------------------- */

/** The feature being checked. */
interface FeatureRef {
  featureIndex: number;
  featureId?: string;
}

/** State shared by every check in one validation run. */
interface Context {
  problems: Problem[];
  /** The feature problems are reported against; `null` at the dataset's top level. */
  where: FeatureRef | null;
  /** Category ids incidents may use: built-ins plus the dataset's own. */
  categories: Choices;
  /** The feature index of each id seen so far, for duplicate detection. */
  seenIds: Map<string, number>;
  /** Dates already parsed: a dataset repeats the same few thousand dates many times. */
  dates: Map<string, CalendarDate | null>;
  /** Country suggestions already computed; a bad code is often repeated thousands of times. */
  suggestions: Map<string, string[]>;
}

function report(ctx: Context, path: string | undefined, message: string): void {
  const problem: Problem = { message };
  const where = ctx.where;
  if (where) {
    problem.featureIndex = where.featureIndex;
    if (where.featureId !== undefined) problem.featureId = where.featureId;
  }
  if (path !== undefined) problem.path = path;
  ctx.problems.push(problem);
}

/* ---------------------------------------------------------------------------------------- */
/* Wording                                                                                   */
/* ---------------------------------------------------------------------------------------- */

const MAX_QUOTED = 60;

/** A value quoted for a message: JSON escaping keeps it on one line, long text is cut. */
function quote(text: string): string {
  return JSON.stringify(text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED - 1)}…` : text);
}

/** What a wrong value is, for "must be X, not Y" messages. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return value === '' ? 'empty text' : `the text ${quote(value)}`;
    case 'number':
      return `the number ${String(value)}`;
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return `a ${typeof value}`;
  }
}

/** A value as written when it is text (`"Tension"`), else what it is (`the number 3`). */
function show(value: unknown): string {
  return typeof value === 'string' ? quote(value) : describe(value);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/* ---------------------------------------------------------------------------------------- */
/* Small value checks                                                                        */
/* ---------------------------------------------------------------------------------------- */

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Absent or `null`: both mean "not given" for an optional property. */
function isAbsent(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Checks every item of a list at `path[i]` and keeps the valid ones, in order. */
function checkItems<T>(
  path: string,
  items: readonly unknown[],
  check: (path: string, item: unknown) => T | undefined,
): T[] {
  const valid: T[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = check(`${path}[${i}]`, items[i]);
    if (item !== undefined) valid.push(item);
  }
  return valid;
}

/** How to ask for a required, non-empty list: what to write when it is missing or empty. */
interface ListWording {
  missing: string;
  /** The list described with an example, as in `must be a list of sources such as […]`. */
  list: string;
  empty: string;
}

/** A required list with at least one item; the valid items, or `undefined` without a list. */
function checkList<T>(
  ctx: Context,
  path: string,
  value: unknown,
  wording: ListWording,
  check: (path: string, item: unknown) => T | undefined,
): T[] | undefined {
  if (value === undefined) {
    report(ctx, path, `is missing; ${wording.missing}`);
  } else if (!Array.isArray(value)) {
    report(ctx, path, `must be ${wording.list}, not ${describe(value)}`);
  } else if (value.length === 0) {
    report(ctx, path, `is empty; ${wording.empty}`);
  } else {
    return checkItems(path, value, check);
  }
  return undefined;
}

/** A GeoJSON `type` member, which must be exactly `expected`; `missing` says what to write. */
function checkType(ctx: Context, value: unknown, expected: string, missing: string): void {
  if (value === undefined) report(ctx, 'type', `is missing; ${missing}`);
  else if (value !== expected) report(ctx, 'type', `${show(value)} must be "${expected}"`);
}

/** A required, non-blank string. */
function checkText(ctx: Context, path: string, value: unknown): string | undefined {
  if (value === undefined) {
    report(ctx, path, 'is missing');
  } else if (typeof value !== 'string') {
    report(ctx, path, `must be text, not ${describe(value)}`);
  } else if (value.trim() === '') {
    report(ctx, path, 'is empty');
  } else {
    return value;
  }
  return undefined;
}

/** An optional string; `undefined` when absent or wrong. */
function checkOptionalText(ctx: Context, path: string, value: unknown): string | undefined {
  if (isAbsent(value)) return undefined;
  if (typeof value === 'string') return value;
  report(ctx, path, `must be text, not ${describe(value)}`);
  return undefined;
}

const DATE_FORMS = 'use YYYY, YYYY-MM or YYYY-MM-DD';
const DATE_WITH_TIME = /^\d{4}-\d{2}-\d{2}[T ]/;

/** A required date (`required`) or an optional one, parsed to its day span. */
function checkDate(
  ctx: Context,
  path: string,
  value: unknown,
  required: boolean,
): CalendarDate | undefined {
  if (isAbsent(value)) {
    if (required) report(ctx, path, `is missing; ${DATE_FORMS}`);
    return undefined;
  }
  if (typeof value !== 'string') {
    report(
      ctx,
      path,
      `must be a date written as text such as "2023-02-14", not ${describe(value)}`,
    );
    return undefined;
  }
  let date = ctx.dates.get(value);
  if (date === undefined) {
    date = parseCalendarDate(value);
    ctx.dates.set(value, date);
  }
  if (!date) {
    const hint = DATE_WITH_TIME.test(value)
      ? 'use YYYY-MM-DD without a time or time zone'
      : DATE_FORMS;
    report(ctx, path, `${quote(value)} is not a calendar date; ${hint}`);
  }
  return date ?? undefined;
}

/** An end date that must not end before the start date begins. */
function checkEndDate(
  ctx: Context,
  value: unknown,
  date: CalendarDate | undefined,
): CalendarDate | undefined {
  const endDate = checkDate(ctx, 'properties.end_date', value, false);
  if (endDate && date && endDate.end < date.start) {
    report(ctx, 'properties.end_date', `${endDate.text} is before properties.date ${date.text}`);
  }
  return endDate;
}

/** Integer counts such as fatalities: whole numbers of zero or more. */
function checkCount(ctx: Context, path: string, value: unknown): number | undefined {
  if (isAbsent(value)) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  report(ctx, path, `must be a whole number of 0 or more, not ${describe(value)}`);
  return undefined;
}

/** A fixed list of allowed values, and how to name them in a message. */
interface Choices {
  allowed: ReadonlySet<string>;
  noun: string;
  advice: string;
}

function choices(values: Iterable<string>, noun: string, advice?: string): Choices {
  const allowed = new Set(values);
  return { allowed, noun, advice: advice ?? `use one of ${[...allowed].join(', ')}` };
}

/** One value of a fixed list (stance, precision, status, category). */
function checkChoice<T extends string>(
  ctx: Context,
  path: string,
  value: unknown,
  { allowed, noun, advice }: Choices,
): T | undefined {
  if (typeof value === 'string' && allowed.has(value)) return value as T;
  if (value === undefined) {
    report(ctx, path, `is missing; ${advice}`);
  } else if (typeof value !== 'string') {
    report(ctx, path, `must be text, not ${describe(value)}; ${advice}`);
  } else {
    const lower = value.trim().toLowerCase();
    const hint = lower !== value && allowed.has(lower) ? `did you mean "${lower}"?` : advice;
    report(ctx, path, `${quote(value)} is not a ${noun}; ${hint}`);
  }
  return undefined;
}

const COUNTRY_CODE_HINT = 'a three-letter ISO 3166-1 alpha-3 code such as "IRN"';
/** Longer text is not a mistyped code or country name; don't spend time comparing it. */
const MAX_SUGGESTION_INPUT = 64;

/** The valid codes a mistyped one most likely meant, computed once per distinct input. */
function suggestionsFor(ctx: Context, code: string): string[] {
  if (code.length > MAX_SUGGESTION_INPUT) return [];
  let suggestions = ctx.suggestions.get(code);
  if (suggestions === undefined) {
    suggestions = suggestCountryCodes(code);
    ctx.suggestions.set(code, suggestions);
  }
  return suggestions;
}

/** `"A"`, `"A" or "B"`, `"A", "B" or "C"`. */
function alternatives(codes: readonly string[]): string {
  const quoted = codes.map((code) => `"${code}"`);
  const last = quoted.pop();
  return quoted.length === 0 ? `${last}` : `${quoted.join(', ')} or ${last}`;
}

/** The message for a string that is not a known alpha-3 code, with the likeliest valid ones. */
function unknownCountryMessage(ctx: Context, code: string): string {
  const suggestions = suggestionsFor(ctx, code);
  const base = `${quote(code)} is not an ISO 3166-1 alpha-3 country code`;
  if (suggestions.length === 0) return `${base}; use ${COUNTRY_CODE_HINT}`;
  const [only] = suggestions;
  let why = '';
  if (suggestions.length === 1) {
    if (only === code.trim() && only !== code) why = ' (without spaces)';
    else if (only === code.toUpperCase()) why = ' (codes are upper case)';
  }
  return `${base}; did you mean ${alternatives(suggestions)}?${why}`;
}

function checkCountry(ctx: Context, path: string, value: unknown): string | undefined {
  if (value === undefined) {
    report(ctx, path, `is missing; use ${COUNTRY_CODE_HINT}`);
  } else if (typeof value !== 'string') {
    report(ctx, path, `must be ${COUNTRY_CODE_HINT}, not ${describe(value)}`);
  } else if (countryByCode(value)) {
    return value;
  } else {
    report(ctx, path, unknownCountryMessage(ctx, value));
  }
  return undefined;
}

function checkCountries(ctx: Context, value: unknown): string[] | undefined {
  const wording = {
    missing: 'list the countries involved, such as ["IRN", "AZE"]',
    list: 'a list of country codes such as ["IRN"]',
    empty: 'list at least one country code',
  };
  return checkList(ctx, 'properties.countries', value, wording, (path, code) =>
    checkCountry(ctx, path, code),
  );
}

/** An absolute http(s) URL; anything else (`javascript:`, `ftp:`, relative paths) is refused. */
const WEB_URL = /^https?:\/\/[^\s/?#]+/i;

function isWebUrl(text: string): boolean {
  if (!WEB_URL.test(text)) return false;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function checkSource(ctx: Context, path: string, value: unknown): Source | undefined {
  if (!isRecord(value)) {
    const hint = typeof value === 'string' ? `; write { "url": ${quote(value)} }` : '';
    report(ctx, path, `must be an object with a "url", not ${describe(value)}${hint}`);
    return undefined;
  }
  const url = value.url;
  const title = checkOptionalText(ctx, `${path}.title`, value.title);
  const publisher = checkOptionalText(ctx, `${path}.publisher`, value.publisher);
  const published = checkDate(ctx, `${path}.published`, value.published, false);
  if (url === undefined) {
    report(ctx, `${path}.url`, 'is missing; give the web address of the source');
    return undefined;
  }
  if (typeof url !== 'string') {
    report(ctx, `${path}.url`, `must be a web address as text, not ${describe(url)}`);
    return undefined;
  }
  if (!isWebUrl(url)) {
    report(
      ctx,
      `${path}.url`,
      `${quote(url)} is not a web address; use a full link starting with http:// or https://`,
    );
    return undefined;
  }
  const source: Source = { url };
  if (title !== undefined) source.title = title;
  if (publisher !== undefined) source.publisher = publisher;
  if (published !== undefined) source.published = published.text;
  return source;
}

function checkSources(ctx: Context, value: unknown): Source[] | undefined {
  const wording = {
    missing: 'cite at least one source as [{ "url": "https://…" }]',
    list: 'a list of sources such as [{ "url": "https://…" }]',
    empty: 'cite at least one source',
  };
  return checkList(ctx, 'properties.sources', value, wording, (path, source) =>
    checkSource(ctx, path, source),
  );
}

/* ---------------------------------------------------------------------------------------- */
/* Geometry                                                                                  */
/* ---------------------------------------------------------------------------------------- */

/** What each number of a position is, for messages about it. */
const AXES = ['longitude', 'latitude', 'altitude'];

/** A `[longitude, latitude]` position (an altitude, allowed by RFC 7946, is dropped). */
function checkPosition(ctx: Context, path: string, value: unknown): LonLat | undefined {
  if (!Array.isArray(value)) {
    report(ctx, path, `must be [longitude, latitude], not ${describe(value)}`);
    return undefined;
  }
  if (value.length !== 2 && value.length !== 3) {
    report(ctx, path, `has ${plural(value.length, 'number')}; a position is [longitude, latitude]`);
    return undefined;
  }
  let valid = true;
  for (let i = 0; i < value.length; i++) {
    if (isFiniteNumber(value[i])) continue;
    report(ctx, `${path}[${i}]`, `(${AXES[i]}) must be a number, not ${describe(value[i])}`);
    valid = false;
  }
  if (!valid) return undefined;
  const [lon, lat] = value as LonLat;
  const swapped = Math.abs(lon) <= 90 && Math.abs(lat) > 90 && Math.abs(lat) <= 180;
  const order = swapped ? '; longitude comes first: [longitude, latitude]' : '';
  if (lon < -180 || lon > 180) {
    report(ctx, `${path}[0]`, `(longitude) ${lon} is outside -180 to 180${order}`);
    valid = false;
  }
  if (lat < -90 || lat > 90) {
    report(ctx, `${path}[1]`, `(latitude) ${lat} is outside -90 to 90${order}`);
    valid = false;
  }
  return valid ? [lon, lat] : undefined;
}

function checkPoint(ctx: Context, geometry: unknown): LonLat | undefined {
  if (geometry === undefined) {
    report(ctx, 'geometry', 'is missing; an incident needs a Point geometry');
    return undefined;
  }
  if (!isRecord(geometry)) {
    report(ctx, 'geometry', `must be a Point for an incident, not ${describe(geometry)}`);
    return undefined;
  }
  if (geometry.type !== 'Point') {
    const what = show(geometry.type);
    report(
      ctx,
      'geometry.type',
      `${what} is not allowed for an incident; incidents are "Point" features (a relation needs "from" and "to")`,
    );
    return undefined;
  }
  return checkPosition(ctx, 'geometry.coordinates', geometry.coordinates);
}

/** One line: at least two positions. */
function checkLine(ctx: Context, path: string, value: unknown): LonLat[] | undefined {
  if (!Array.isArray(value)) {
    report(ctx, path, `must be a list of [longitude, latitude] positions, not ${describe(value)}`);
    return undefined;
  }
  if (value.length < 2) {
    report(ctx, path, `has ${plural(value.length, 'position')}; a line needs at least 2`);
    return undefined;
  }
  return checkItems(path, value, (itemPath, item) => checkPosition(ctx, itemPath, item));
}

type RelationGeometry = RelationEvent['geometry'];
const RELATION_GEOMETRY_ADVICE =
  'use null (drawn between the two countries) or a "LineString" or "MultiLineString"';

/** A relation's geometry; `undefined` when it is wrong (`null` is a valid geometry). */
function checkRelationGeometry(ctx: Context, geometry: unknown): RelationGeometry | undefined {
  if (geometry === null) return null;
  if (geometry === undefined) {
    report(ctx, 'geometry', `is missing; ${RELATION_GEOMETRY_ADVICE}`);
    return undefined;
  }
  if (!isRecord(geometry)) {
    report(ctx, 'geometry', `must be null or a line geometry, not ${describe(geometry)}`);
    return undefined;
  }
  if (geometry.type === 'LineString') {
    const line = checkLine(ctx, 'geometry.coordinates', geometry.coordinates);
    return line && { type: 'LineString', coordinates: line };
  }
  if (geometry.type === 'MultiLineString') {
    const coordinates = geometry.coordinates;
    if (!Array.isArray(coordinates) || coordinates.length === 0) {
      const what = Array.isArray(coordinates) ? 'an empty list' : describe(coordinates);
      report(ctx, 'geometry.coordinates', `must be a list of lines, not ${what}`);
      return undefined;
    }
    const lines = checkItems('geometry.coordinates', coordinates, (path, line) =>
      checkLine(ctx, path, line),
    );
    return { type: 'MultiLineString', coordinates: lines };
  }
  const what = show(geometry.type);
  report(
    ctx,
    'geometry.type',
    `${what} is not allowed for a relation event; ${RELATION_GEOMETRY_ADVICE}`,
  );
  return undefined;
}

/* ---------------------------------------------------------------------------------------- */
/* Features                                                                                  */
/* ---------------------------------------------------------------------------------------- */

const STANCE_CHOICES = choices(STANCES, 'stance');
const PRECISION_CHOICES = choices(PRECISIONS, 'precision');
const STATUS_CHOICES = choices(STATUSES, 'status');
const BUILT_IN_SET: ReadonlySet<string> = new Set(BUILT_IN_CATEGORIES);
const EMPTY_PROPERTIES: Json = {};

function checkId(ctx: Context, index: number, value: unknown): string | undefined {
  const id = checkText(ctx, 'properties.id', value);
  if (id === undefined) return undefined;
  const first = ctx.seenIds.get(id);
  if (first !== undefined) {
    report(
      ctx,
      'properties.id',
      `${quote(id)} is also the id of feature ${first}; ids must be unique`,
    );
    return undefined;
  }
  ctx.seenIds.set(id, index);
  return id;
}

function checkIncident(
  ctx: Context,
  index: number,
  feature: Json,
  props: Json,
): Incident | undefined {
  const coordinates = checkPoint(ctx, feature.geometry);
  if (props === EMPTY_PROPERTIES) return undefined;
  const id = checkId(ctx, index, props.id);
  const title = checkText(ctx, 'properties.title', props.title);
  const date = checkDate(ctx, 'properties.date', props.date, true);
  const endDate = checkEndDate(ctx, props.end_date, date);
  const category = checkChoice(ctx, 'properties.category', props.category, ctx.categories);
  const countries = checkCountries(ctx, props.countries);
  const sources = checkSources(ctx, props.sources);
  const summary = checkOptionalText(ctx, 'properties.summary', props.summary);
  const fatalities = checkCount(ctx, 'properties.fatalities', props.fatalities);
  const injured = checkCount(ctx, 'properties.injured', props.injured);
  const precision = isAbsent(props.precision)
    ? 'exact'
    : checkChoice<Precision>(ctx, 'properties.precision', props.precision, PRECISION_CHOICES);
  const status = isAbsent(props.status)
    ? 'confirmed'
    : checkChoice<Status>(ctx, 'properties.status', props.status, STATUS_CHOICES);
  if (
    coordinates === undefined ||
    id === undefined ||
    title === undefined ||
    date === undefined ||
    category === undefined ||
    countries === undefined ||
    sources === undefined ||
    precision === undefined ||
    status === undefined
  ) {
    return undefined;
  }
  const incident: Incident = {
    kind: 'incident',
    index,
    id,
    title,
    date,
    category,
    countries,
    sources,
    precision,
    status,
    coordinates,
    // Every incident has every key, absent ones undefined: objects of one shape keep the
    // property reads in preparing and drawing a million incidents monomorphic.
    endDate,
    summary,
    fatalities,
    injured,
  };
  return incident;
}

function checkRelation(
  ctx: Context,
  index: number,
  feature: Json,
  props: Json,
): RelationEvent | undefined {
  const geometry = checkRelationGeometry(ctx, feature.geometry);
  const id = checkId(ctx, index, props.id);
  const title = checkText(ctx, 'properties.title', props.title);
  const date = checkDate(ctx, 'properties.date', props.date, true);
  const endDate = checkEndDate(ctx, props.end_date, date);
  const from = checkCountry(ctx, 'properties.from', props.from);
  const to = checkCountry(ctx, 'properties.to', props.to);
  if (from !== undefined && from === to) {
    report(
      ctx,
      'properties.to',
      `is the same country as properties.from (${quote(from)}); a relation joins two different countries`,
    );
  }
  const stance = checkChoice<Stance>(ctx, 'properties.stance', props.stance, STANCE_CHOICES);
  const sources = checkSources(ctx, props.sources);
  const summary = checkOptionalText(ctx, 'properties.summary', props.summary);
  if (
    geometry === undefined ||
    id === undefined ||
    title === undefined ||
    date === undefined ||
    from === undefined ||
    to === undefined ||
    stance === undefined ||
    sources === undefined
  ) {
    return undefined;
  }
  const relation: RelationEvent = {
    kind: 'relation',
    index,
    id,
    title,
    date,
    from,
    to,
    stance,
    sources,
    geometry,
  };
  if (endDate) relation.endDate = endDate;
  if (summary !== undefined) relation.summary = summary;
  return relation;
}

/**
 * Whether a feature is a relation event. The format says "properties with `from` and `to`";
 * a feature with only one of them that is not a Point is a relation missing the other, and
 * is checked as one so the problem reported is the missing `to`, not a missing category.
 */
function isRelation(props: Json, geometry: unknown): boolean {
  const hasFrom = Object.hasOwn(props, 'from');
  const hasTo = Object.hasOwn(props, 'to');
  if (hasFrom && hasTo) return true;
  if (!hasFrom && !hasTo) return false;
  return !(isRecord(geometry) && geometry.type === 'Point');
}

function checkFeature(
  ctx: Context,
  feature: unknown,
  index: number,
): Incident | RelationEvent | undefined {
  ctx.where = { featureIndex: index };
  if (!isRecord(feature)) {
    report(ctx, undefined, `this is ${describe(feature)}, not a GeoJSON Feature object`);
    return undefined;
  }
  const rawProps = feature.properties;
  const props = isRecord(rawProps) ? rawProps : EMPTY_PROPERTIES;
  if (typeof props.id === 'string' && props.id !== '') ctx.where.featureId = props.id;
  checkType(ctx, feature.type, 'Feature', 'every feature needs "type": "Feature"');
  if (props === EMPTY_PROPERTIES) {
    const what =
      rawProps === undefined ? 'is missing' : `must be an object, not ${describe(rawProps)}`;
    report(ctx, 'properties', `${what}; it holds the feature's id, title, date and sources`);
  }
  return isRelation(props, feature.geometry)
    ? checkRelation(ctx, index, feature, props)
    : checkIncident(ctx, index, feature, props);
}

/* ---------------------------------------------------------------------------------------- */
/* Top level                                                                                 */
/* ---------------------------------------------------------------------------------------- */

const CATEGORY_ID = /^[a-z0-9-]+$/;
const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

function builtInCategories(): Category[] {
  return BUILT_IN_CATEGORIES.map((id) => ({ id, label: CATEGORY_LABELS[id] ?? id }));
}

function checkColour(ctx: Context, path: string, value: unknown): string | undefined {
  if (typeof value === 'string' && HEX_COLOUR.test(value)) return value;
  const example = 'such as "#aa3377"';
  let message: string;
  if (value === undefined) message = `is missing; use a colour ${example}`;
  else if (typeof value !== 'string')
    message = `must be a colour ${example}, not ${describe(value)}`;
  else message = `${quote(value)} is not a colour in the form #rrggbb, ${example}`;
  report(ctx, path, message);
  return undefined;
}

/**
 * The dataset's own categories. A well-formed id counts as declared even when its entry is
 * faulty, so its incidents are not also reported as using an unknown category.
 */
function checkCategories(ctx: Context, value: unknown): { declared: Category[]; ids: string[] } {
  const declared: Category[] = [];
  const ids: string[] = [];
  if (isAbsent(value)) return { declared, ids };
  if (!isRecord(value)) {
    report(
      ctx,
      'categories',
      `must be an object of category id → { "label", "color" }, not ${describe(value)}`,
    );
    return { declared, ids };
  }
  for (const id of Object.keys(value)) {
    const path = `categories.${id}`;
    if (BUILT_IN_SET.has(id)) {
      report(
        ctx,
        'categories',
        `key ${quote(id)} redefines a built-in category; choose another id`,
      );
      continue;
    }
    if (!CATEGORY_ID.test(id)) {
      report(
        ctx,
        'categories',
        `key ${quote(id)} is not a valid category id; use lowercase letters, digits and hyphens`,
      );
      continue;
    }
    ids.push(id);
    const entry = value[id];
    if (!isRecord(entry)) {
      report(
        ctx,
        path,
        `must be an object such as { "label": "Protest", "color": "#aa3377" }, not ${describe(entry)}`,
      );
      continue;
    }
    const label = checkText(ctx, `${path}.label`, entry.label);
    const color = checkColour(ctx, `${path}.color`, entry.color);
    if (label !== undefined && color !== undefined) declared.push({ id, label, color });
  }
  return { declared, ids };
}

function checkAnchors(ctx: Context, value: unknown): Record<string, LonLat> {
  const anchors: Record<string, LonLat> = {};
  if (isAbsent(value)) return anchors;
  if (!isRecord(value)) {
    report(
      ctx,
      'anchors',
      `must be an object of country code → [longitude, latitude], not ${describe(value)}`,
    );
    return anchors;
  }
  for (const code of Object.keys(value)) {
    if (!countryByCode(code)) {
      report(ctx, 'anchors', `key ${unknownCountryMessage(ctx, code)}`);
      continue;
    }
    const position = checkPosition(ctx, `anchors.${code}`, value[code]);
    if (position) anchors[code] = position;
  }
  return anchors;
}

function checkDatasetRecord(ctx: Context, input: unknown): Dataset | undefined {
  if (!isRecord(input)) {
    report(
      ctx,
      undefined,
      `the file holds ${describe(input)}, not a GeoJSON FeatureCollection object`,
    );
    return undefined;
  }
  checkType(
    ctx,
    input.type,
    'FeatureCollection',
    'a dataset is a GeoJSON FeatureCollection: "type": "FeatureCollection"',
  );
  const features = input.features;
  if (features === undefined) {
    report(ctx, 'features', 'is missing; list the incidents and relation events in it');
  } else if (!Array.isArray(features)) {
    report(ctx, 'features', `must be a list of features, not ${describe(features)}`);
  }
  const title = checkText(ctx, 'title', input.title);
  const description = checkOptionalText(ctx, 'description', input.description);
  const attribution = checkOptionalText(ctx, 'attribution', input.attribution);
  const anchors = checkAnchors(ctx, input.anchors);
  const { declared, ids } = checkCategories(ctx, input.categories);
  const categories = [...builtInCategories(), ...declared];
  const categoryIds = [...BUILT_IN_CATEGORIES, ...ids];
  const advice = `use one of ${categoryIds.join(', ')}, or declare it in the dataset's "categories"`;
  ctx.categories = choices(categoryIds, 'category', advice);
  const incidents: Incident[] = [];
  const relations: RelationEvent[] = [];
  if (Array.isArray(features)) {
    for (let i = 0; i < features.length; i++) {
      const feature = checkFeature(ctx, features[i], i);
      if (feature?.kind === 'incident') incidents.push(feature);
      else if (feature) relations.push(feature);
    }
  }
  if (title === undefined) return undefined;
  const dataset: Dataset = { title, anchors, categories, incidents, relations };
  if (description !== undefined) dataset.description = description;
  if (attribution !== undefined) dataset.attribution = attribution;
  return dataset;
}

/* ---------------------------------------------------------------------------------------- */
/* JSON text                                                                                 */
/* ---------------------------------------------------------------------------------------- */

/** Parses the text, or reports why it is not JSON as its one problem. */
function readJson(ctx: Context, text: string): { value: unknown } | undefined {
  // An empty file is a failed save or a wrong path rather than a typo: say so, not where.
  if (text.trim() === '') {
    ctx.problems.push({
      line: 1,
      column: 1,
      message: 'the file is empty; a dataset is a GeoJSON FeatureCollection',
    });
    return undefined;
  }
  const parsed = parseJson(text);
  if (parsed.ok) return parsed;
  const { line, column, message } = parsed;
  ctx.problems.push(line === undefined ? { message } : { line, column, message });
  return undefined;
}

/* ---------------------------------------------------------------------------------------- */
/* Public API                                                                                */
/* ---------------------------------------------------------------------------------------- */

/**
 * Validates a dataset given as JSON text (parsed first; a leading byte-order mark is
 * ignored) or as an already-parsed value. Returns the validated `Dataset`, or every problem
 * found: a syntax error stops at that one problem, any other input is checked in full.
 * Never throws, whatever the input.
 */
export function validateDataset(input: string | unknown): ValidationResult {
  const ctx: Context = {
    problems: [],
    where: null,
    dates: new Map(),
    categories: choices([], 'category'),
    seenIds: new Map(),
    suggestions: new Map(),
  };
  let dataset: Dataset | undefined;
  try {
    let value: unknown = input;
    if (typeof input === 'string') {
      const parsed = readJson(ctx, input);
      if (!parsed) return { ok: false, problems: ctx.problems };
      value = parsed.value;
    }
    dataset = checkDatasetRecord(ctx, value);
  } catch (error) {
    // Only reachable with hostile non-JSON values (throwing getters, proxies).
    let reason = 'unknown error';
    try {
      if (error instanceof Error) reason = String(error.message);
    } catch {
      // The thrown value's own message throws; keep the generic reason.
    }
    report(ctx, undefined, `the dataset could not be read (${reason})`);
  }
  if (ctx.problems.length > 0 || !dataset) {
    if (ctx.problems.length === 0) report(ctx, undefined, 'the dataset could not be read');
    return { ok: false, problems: ctx.problems };
  }
  return { ok: true, dataset, problems: [] };
}

/**
 * One problem as a line of text: where, then what. Features are numbered from 0, as in
 * `features[12]`, e.g. `feature 12 (id "tehran-attack"): properties.date "2023-02-30" is not
 * a calendar date; use YYYY, YYYY-MM or YYYY-MM-DD`; syntax errors start with
 * `line 4, column 17:` and top-level problems with `dataset:`.
 */
export function formatProblem(problem: Problem): string {
  let where: string;
  if (problem.line !== undefined) {
    where = `line ${problem.line}, column ${problem.column ?? 1}`;
  } else if (problem.featureIndex !== undefined) {
    const id = problem.featureId !== undefined ? ` (id ${quote(problem.featureId)})` : '';
    where = `feature ${problem.featureIndex}${id}`;
  } else {
    where = 'dataset';
  }
  const path = problem.path !== undefined ? `${problem.path} ` : '';
  return `${where}: ${path}${problem.message}`;
}
