/**
 * Checks of one feature: an incident (a Point) or a relation event (a feature with `from`
 * and `to`), each to its validated form, with ids unique across the dataset.
 */
import {
  PRECISIONS,
  STANCES,
  STATUSES,
  type Incident,
  type Precision,
  type RelationEvent,
  type Stance,
  type Status,
} from '../model/schema.ts';
import { report, type Context } from './context.ts';
import {
  checkChoice,
  checkCount,
  checkDate,
  checkEndDate,
  checkText,
  checkType,
  choices,
  isAbsent,
  isRecord,
  type Json,
} from './fields.ts';
import { checkPoint, checkRelationGeometry } from './geometry.ts';
import { checkLocalText } from './languages.ts';
import { checkCountries, checkCountry, checkSources } from './references.ts';
import { describe, quote } from './wording.ts';

const STANCE_CHOICES = choices(STANCES, 'stance');
const PRECISION_CHOICES = choices(PRECISIONS, 'precision');
const STATUS_CHOICES = choices(STATUSES, 'status');
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
  const title = checkLocalText(ctx, 'properties.title', props.title, true);
  const date = checkDate(ctx, 'properties.date', props.date, true);
  const endDate = checkEndDate(ctx, props.end_date, date);
  const category = checkChoice(ctx, 'properties.category', props.category, ctx.categories);
  const countries = checkCountries(ctx, props.countries);
  const sources = checkSources(ctx, props.sources);
  const summary = checkLocalText(ctx, 'properties.summary', props.summary, false);
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
    first: date.start,
    last: (endDate ?? date).end,
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
  const title = checkLocalText(ctx, 'properties.title', props.title, true);
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
  const summary = checkLocalText(ctx, 'properties.summary', props.summary, false);
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
    first: date.start,
    last: (endDate ?? date).end,
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

/**
 * One feature of `features[index]`, checked as a relation event or an incident; `undefined`
 * when anything about it is wrong. Problems are reported against this feature.
 */
export function checkFeature(
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
