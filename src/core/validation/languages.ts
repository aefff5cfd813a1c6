/**
 * Checks of texts in several languages: BCP 47 tags, texts given as plain text or as an
 * object of tags to text (`{ "en": "…", "fa": "…" }`), the dataset's `language` and
 * `languages`, and, for a dataset that declares `languages`, which texts lack which of them.
 *
 * A missing translation is no error: the map falls back to the default language (see
 * `localtext.ts`), so a dataset missing some still loads, and `missingTranslations` says
 * what is missing apart from the problems.
 */
import { textIn, type LocalText } from '../i18n/localtext.ts';
import type { Dataset } from '../model/schema.ts';
import { compressRanges } from '../import/problems.ts';
import { report, type Context } from './context.ts';
import { isAbsent, isRecord } from './fields.ts';
import { describe, quote } from './wording.ts';

/** Longest tag accepted: BCP 47 tags in practice stay far below it. */
const MAX_TAG_LENGTH = 64;

/** A well-formed BCP 47 tag in its canonical form (`AZ-latn` → `az-Latn`), or `null`. */
export function canonicalTag(tag: string): string | null {
  if (tag.length === 0 || tag.length > MAX_TAG_LENGTH) return null;
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}

/** A tag checked once per run: datasets repeat the same few tags on every feature. */
function cachedTag(ctx: Context, tag: string): string | null {
  let canonical = ctx.tags.get(tag);
  if (canonical === undefined) {
    canonical = canonicalTag(tag);
    ctx.tags.set(tag, canonical);
  }
  return canonical;
}

const TAG_ADVICE = 'use a BCP 47 language tag such as "en", "fa" or "az-Latn"';

/** A language tag at `path`, canonical; `undefined` (and a problem) when not well formed. */
export function checkTag(ctx: Context, path: string, value: unknown): string | undefined {
  if (typeof value !== 'string') {
    report(ctx, path, `must be a language tag, not ${describe(value)}; ${TAG_ADVICE}`);
    return undefined;
  }
  const canonical = cachedTag(ctx, value);
  if (canonical === null) report(ctx, path, `${quote(value)} is not a language tag; ${TAG_ADVICE}`);
  return canonical ?? undefined;
}

/**
 * A text at `path`: plain text, or an object of language tags to text. A required text
 * (`required`) must not be blank, in any language. Keys are returned canonical; two keys
 * naming the same language are a problem.
 */
export function checkLocalText(
  ctx: Context,
  path: string,
  value: unknown,
  required: boolean,
): LocalText | undefined {
  if (value === undefined || (!required && value === null)) {
    if (required) report(ctx, path, 'is missing');
    return undefined;
  }
  if (typeof value === 'string') {
    if (!required || value.trim() !== '') return value;
    report(ctx, path, 'is empty');
    return undefined;
  }
  if (!isRecord(value)) {
    report(
      ctx,
      path,
      `must be text, or an object of language tags to text such as { "en": "…", "fa": "…" }, not ${describe(value)}`,
    );
    return undefined;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) {
    report(ctx, path, 'is an empty object; give the text in at least one language');
    return undefined;
  }
  const texts: Record<string, string> = {};
  let ok = true;
  for (const key of keys) {
    const at = `${path}.${key}`;
    const text = value[key];
    const tag = cachedTag(ctx, key);
    if (tag === null) {
      report(ctx, path, `key ${quote(key)} is not a language tag; ${TAG_ADVICE}`);
      ok = false;
    } else if (Object.hasOwn(texts, tag)) {
      report(ctx, path, `keys ${quote(key)} and ${quote(tag)} name the same language; keep one`);
      ok = false;
    } else if (typeof text !== 'string') {
      report(ctx, at, `must be text, not ${describe(text)}`);
      ok = false;
    } else if (required && text.trim() === '') {
      report(ctx, at, 'is empty');
      ok = false;
    } else {
      texts[tag] = text;
    }
  }
  return ok ? texts : undefined;
}

/**
 * The dataset's `languages` (a list of distinct tags) and `language` (the default, one of
 * them when both are given), canonical. The default is `language`, else the first of
 * `languages`.
 */
export function checkLanguages(
  ctx: Context,
  language: unknown,
  languages: unknown,
): { language?: string; languages?: string[] } {
  const out: { language?: string; languages?: string[] } = {};
  if (!isAbsent(languages)) {
    if (!Array.isArray(languages) || languages.length === 0) {
      report(
        ctx,
        'languages',
        `must be a list of language tags such as ["en", "fa", "az"], not ${describe(languages)}`,
      );
    } else {
      const tags: string[] = [];
      languages.forEach((item, i) => {
        const tag = checkTag(ctx, `languages[${i}]`, item);
        if (tag === undefined) return;
        if (tags.includes(tag)) report(ctx, `languages[${i}]`, `${quote(tag)} is listed twice`);
        else tags.push(tag);
      });
      if (tags.length === languages.length) out.languages = tags;
    }
  }
  if (!isAbsent(language)) {
    const tag = checkTag(ctx, 'language', language);
    if (tag !== undefined && out.languages && !out.languages.includes(tag)) {
      report(ctx, 'language', `${quote(tag)} is not one of "languages"; add it there`);
    } else if (tag !== undefined) out.language = tag;
  } else if (out.languages) {
    out.language = out.languages[0];
  }
  return out;
}

/** Texts that lack some of the dataset's declared languages, grouped. */
export interface MissingTranslation {
  /** The text's path: `title`, `categories.protest.label`, `properties.summary`. */
  path: string;
  /** The declared languages it has no text in, in the order of `languages`. */
  missing: string[];
  /** Features (positions in `features`) with this path missing these languages; empty at the top level. */
  features: number[];
  /** The feature's id, when the group holds exactly one feature. */
  featureId?: string;
}

/**
 * For a dataset that declares `languages`, every text (title, description, category labels,
 * and each feature's title and summary) that has no text in some of them, grouped by path
 * and missing languages in the order each group first appears, so thousands of features
 * missing the same translation make one group. Plain text counts as text in the default
 * language only. Empty for a dataset that declares no `languages`.
 */
export function missingTranslations(dataset: Dataset): MissingTranslation[] {
  const languages = dataset.languages;
  if (!languages) return [];
  const groups = new Map<string, MissingTranslation>();
  const check = (
    path: string,
    value: LocalText | undefined,
    feature?: { index: number; id: string },
  ) => {
    if (value === undefined) return;
    const missing = languages.filter((tag) => textIn(value, tag, dataset.language) === undefined);
    if (missing.length === 0) return;
    const key = `${path}\n${missing.join(' ')}`;
    let group = groups.get(key);
    if (!group) {
      group = { path, missing, features: [] };
      if (feature) group.featureId = feature.id;
      groups.set(key, group);
    } else if (feature) delete group.featureId;
    if (feature) group.features.push(feature.index);
  };
  check('title', dataset.title);
  check('description', dataset.description);
  for (const category of dataset.categories) {
    if (category.color !== undefined) check(`categories.${category.id}.label`, category.label);
  }
  const features = [...dataset.incidents, ...dataset.relations].sort((a, b) => a.index - b.index);
  for (const feature of features) {
    check('properties.title', feature.title, feature);
    check('properties.summary', feature.summary, feature);
  }
  return [...groups.values()];
}

/**
 * A group of missing translations as one line, as problems are written: `feature 3 (id
 * "tehran-attack"): properties.title has no text in fa, az`; `dataset: description has no
 * text in az`; for many features, `properties.summary has no text in az in 2,000 features:
 * features 0–1999`.
 */
export function formatMissingTranslation(group: MissingTranslation): string {
  const what = `${group.path} has no text in ${group.missing.join(', ')}`;
  const count = group.features.length;
  if (count === 0) return `dataset: ${what}`;
  if (count === 1) {
    const id = group.featureId !== undefined ? ` (id ${quote(group.featureId)})` : '';
    return `feature ${group.features[0]}${id}: ${what}`;
  }
  return `${what} in ${count.toLocaleString('en-US')} features: features ${compressRanges(group.features)}`;
}
