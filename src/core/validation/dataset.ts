/**
 * Checks of the dataset's top level: the FeatureCollection itself, its title, description,
 * attribution and languages, its first view, its own categories and arc anchors, and then each of its
 * features.
 */
import { countryByCode } from '../model/countries.ts';
import {
  BUILT_IN_CATEGORIES,
  type Category,
  type Dataset,
  type DatasetView,
  type Incident,
  type LonLat,
  type RelationEvent,
} from '../model/schema.ts';
import { CATEGORY_LABELS } from '../style/palette.ts';
import { report, type Context } from './context.ts';
import { checkFeature } from './features.ts';
import { checkOptionalText, checkType, choices, isAbsent, isRecord } from './fields.ts';
import { checkPosition } from './geometry.ts';
import { checkLanguages, checkLocalText } from './languages.ts';
import { unknownCountryMessage } from './references.ts';
import { describe, quote } from './wording.ts';

const CATEGORY_ID = /^[a-z0-9-]+$/;
const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;
const BUILT_IN_SET: ReadonlySet<string> = new Set(BUILT_IN_CATEGORIES);

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
    const label = checkLocalText(ctx, `${path}.label`, entry.label, true);
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

/** Most zoom a dataset's view may ask for: MapLibre's own limit. */
const MAX_VIEW_ZOOM = 22;

/**
 * The dataset's `view`: `[longitude, latitude, zoom]`, or bounds
 * `[[west, south], [east, north]]` (west may be east of east across the antimeridian, never
 * south north of north).
 */
function checkView(ctx: Context, value: unknown): DatasetView | undefined {
  if (isAbsent(value)) return undefined;
  const forms =
    'use [longitude, latitude, zoom] such as [47, 38, 4], or bounds [[west, south], [east, north]]';
  if (!Array.isArray(value)) {
    report(ctx, 'view', `must be a list, not ${describe(value)}; ${forms}`);
    return undefined;
  }
  if (value.length === 2 && value.every(Array.isArray)) {
    const sw = checkPosition(ctx, 'view[0]', value[0]);
    const ne = checkPosition(ctx, 'view[1]', value[1]);
    if (!sw || !ne) return undefined;
    if (sw[1] >= ne[1]) {
      report(ctx, 'view', `south (${sw[1]}) must be below north (${ne[1]}); ${forms}`);
      return undefined;
    }
    if (sw[0] === ne[0]) {
      report(ctx, 'view', `west and east are both ${sw[0]}; the bounds have no width`);
      return undefined;
    }
    return { kind: 'bounds', bounds: [sw[0], sw[1], ne[0], ne[1]] };
  }
  if (value.length !== 3 || value.some((n) => typeof n !== 'number' || !Number.isFinite(n))) {
    report(ctx, 'view', `${describe(value)} is neither a centre and zoom nor bounds; ${forms}`);
    return undefined;
  }
  const [lon, lat, zoom] = value as [number, number, number];
  const position = checkPosition(ctx, 'view', [lon, lat]);
  if (!position) return undefined;
  if (zoom < 0 || zoom > MAX_VIEW_ZOOM) {
    report(ctx, 'view[2]', `(zoom) ${zoom} is outside 0 to ${MAX_VIEW_ZOOM}`);
    return undefined;
  }
  return { kind: 'centre', lon, lat, zoom };
}

/**
 * A parsed dataset: the FeatureCollection, its top-level properties, categories, anchors and
 * every feature. Returns `undefined` only when the dataset cannot be built at all; the caller
 * still checks the problems.
 */
export function checkDatasetRecord(ctx: Context, input: unknown): Dataset | undefined {
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
  const title = checkLocalText(ctx, 'title', input.title, true);
  const description = checkLocalText(ctx, 'description', input.description, false);
  const { language, languages } = checkLanguages(ctx, input.language, input.languages);
  const attribution = checkOptionalText(ctx, 'attribution', input.attribution);
  const anchors = checkAnchors(ctx, input.anchors);
  const view = checkView(ctx, input.view);
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
  if (language !== undefined) dataset.language = language;
  if (languages !== undefined) dataset.languages = languages;
  if (view !== undefined) dataset.view = view;
  return dataset;
}
