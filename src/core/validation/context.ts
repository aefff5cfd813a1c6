/**
 * What every check of one validation run shares: the problems found so far, the feature
 * they are reported against, and caches of work a large dataset repeats many times.
 */
import type { CalendarDate } from '../model/dates.ts';
import type { Problem } from '../model/schema.ts';

/** The feature being checked. */
export interface FeatureRef {
  featureIndex: number;
  featureId?: string;
}

/** State shared by every check in one validation run. */
export interface Context {
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
  /** Language tags already checked, canonical or `null` when not well formed. */
  tags: Map<string, string | null>;
  /**
   * Whether each web address beginning (`https://example.org`) parses: a dataset's thousands
   * of source links point to a few sites, and the rest of a link never makes it unparsable.
   */
  webOrigins: Map<string, boolean>;
}

/** A fresh run's state: no problems yet, at the dataset's top level, empty caches. */
export function newContext(categories: Choices): Context {
  return {
    problems: [],
    where: null,
    dates: new Map(),
    categories,
    seenIds: new Map(),
    suggestions: new Map(),
    tags: new Map(),
    webOrigins: new Map(),
  };
}

/** Records a problem at `path` (if any) of the feature being checked, or of the dataset. */
export function report(ctx: Context, path: string | undefined, message: string): void {
  const problem: Problem = { message };
  const where = ctx.where;
  if (where) {
    problem.featureIndex = where.featureIndex;
    if (where.featureId !== undefined) problem.featureId = where.featureId;
  }
  if (path !== undefined) problem.path = path;
  ctx.problems.push(problem);
}

/** A fixed list of allowed values, and how to name them in a message. */
export interface Choices {
  allowed: ReadonlySet<string>;
  noun: string;
  advice: string;
}
