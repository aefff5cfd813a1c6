/**
 * The interface's messages: one catalogue per language in this folder, in i18next's JSON v4
 * format (nested keys, `{{name}}` placeholders, `_zero`/`_one`/`_two`/`_few`/`_many`/`_other`
 * plural suffixes), and the countries' names from `i18n-iso-countries`.
 *
 * The small `createTranslate` below reads that format instead of i18next itself: i18next
 * cost 15.9 KB gzipped, a fifth of the first view's budget, for features the app does not
 * use (namespaces, nesting, context, formatters, backends). Keeping the format means the
 * translators' tools that read i18next files still work, and i18next could come back by
 * changing this one file.
 *
 * English is bundled, since every first view needs it and it is every other language's
 * fallback: the sections the first view shows, that is; the rest (the dialogs', the panels'
 * that open on use, the timeline's) `completeEnglish` adds when one of those loads. The other
 * six, and every language's country names, are separate chunks that a dynamic import fetches
 * when a reader picks the language, so an English reader downloads none of them. Plural
 * forms are chosen with `Intl.PluralRules`, so no plural data ships with the app.
 */
import type { CountryName } from '../core/model/countries.ts';
import { formatNumberIn, type Language, type Translate } from '../core/i18n/locale.ts';
// Named imports, so only these sections of `en.json` are bundled with the first view.
import {
  announce,
  app,
  category,
  embed,
  legend,
  list,
  map,
  precision,
  progress,
  slider,
  speed,
  stance,
  stanceInline,
  status,
  timeline,
} from './en.json';

/** A catalogue: message keys (nested by area) to text with `{{placeholders}}`. */
export type Catalogue = { [key: string]: string | Catalogue };

/**
 * The English catalogue: every other one has the same keys (a unit test checks). It starts
 * with the sections the first view shows, and `completeEnglish` adds the others in place,
 * so every translate function made from it sees them from then on.
 */
export const ENGLISH: Catalogue = {
  announce,
  app,
  category,
  embed,
  legend,
  list,
  map,
  precision,
  progress,
  slider,
  speed,
  stance,
  stanceInline,
  status,
  timeline,
};

let completing: Promise<void> | undefined;

/**
 * Adds the sections of the English catalogue the first view leaves out to `ENGLISH`; resolves
 * once they are in. Whatever loads a dialog or panel that shows them awaits this alongside
 * its code (`withTexts`), so no key ever shows in place of its text. `en.json?all` is
 * the whole file as a module of its own: importing `en.json` itself on demand would put all
 * of it back in the first view's chunk, which imports its sections.
 */
export function completeEnglish(): Promise<void> {
  completing ??= import('./en.json?all').then(
    (whole) => void Object.assign(ENGLISH, whole.default),
    (error: unknown) => {
      completing = undefined;
      throw error;
    },
  );
  return completing;
}

/**
 * A module loaded on demand, once the English texts the first view leaves out are in too:
 * both are fetched at once. For the dialogs and panels that load on use.
 */
export async function withTexts<T>(module: Promise<T>): Promise<T> {
  const [loaded] = await Promise.all([module, completeEnglish()]);
  return loaded;
}

const CATALOGUES: Record<Exclude<Language, 'en'>, () => Promise<{ default: Catalogue }>> = {
  fa: () => import('./fa.json'),
  ar: () => import('./ar.json'),
  he: () => import('./he.json'),
  az: () => import('./az.json'),
  tr: () => import('./tr.json'),
  ru: () => import('./ru.json'),
};

type CountryNames = { countries: Record<string, string | string[]> };

const COUNTRY_NAMES: Record<Exclude<Language, 'en'>, () => Promise<{ default: CountryNames }>> = {
  fa: () => import('i18n-iso-countries/langs/fa.json'),
  ar: () => import('i18n-iso-countries/langs/ar.json'),
  he: () => import('i18n-iso-countries/langs/he.json'),
  az: () => import('i18n-iso-countries/langs/az.json'),
  tr: () => import('i18n-iso-countries/langs/tr.json'),
  ru: () => import('i18n-iso-countries/langs/ru.json'),
};

/**
 * The words of validation problems (`validation.*` keys), a catalogue per language in
 * `validation/`, English included: only the problem list reads them, so they stay out of
 * every first view and load when a dataset is refused.
 */
const VALIDATION_CATALOGUES: Record<Language, () => Promise<{ default: Catalogue }>> = {
  en: () => import('./validation/en.json'),
  fa: () => import('./validation/fa.json'),
  ar: () => import('./validation/ar.json'),
  he: () => import('./validation/he.json'),
  az: () => import('./validation/az.json'),
  tr: () => import('./validation/tr.json'),
  ru: () => import('./validation/ru.json'),
};

/**
 * A `t` for the validation problems in `language` (see `formatProblemIn` in `problems.ts`), once its catalogue
 * has loaded. Every language has every key (a unit test checks), so nothing falls back.
 */
export async function loadValidationTranslate(language: Language): Promise<Translate> {
  const catalogue = (await VALIDATION_CATALOGUES[language]()).default;
  return createTranslate({ language, catalogue, countries: {} });
}

/** Everything the interface needs to speak one language. */
export interface Messages {
  language: Language;
  catalogue: Catalogue;
  /** Country names by ISO 3166-1 alpha-2 code; empty for English, which uses the app's own. */
  countries: Record<string, string | string[]>;
}

/** The English messages, available at once. */
export const ENGLISH_MESSAGES: Messages = { language: 'en', catalogue: ENGLISH, countries: {} };

/** Fetches a language's catalogue and country names (nothing to fetch for English). */
export async function loadMessages(language: Language): Promise<Messages> {
  if (language === 'en') return ENGLISH_MESSAGES;
  const [catalogue, countries] = await Promise.all([
    CATALOGUES[language](),
    COUNTRY_NAMES[language](),
    completeEnglish(),
  ]);
  return { language, catalogue: catalogue.default, countries: countries.default.countries };
}

/** The text at a dotted key (`app.incidents_one`), if the catalogue has text there. */
function textAt(catalogue: Catalogue, key: string): string | undefined {
  let node: string | Catalogue | undefined = catalogue;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/**
 * A message's text in one catalogue: with a numeric `count`, the plural form `rules` pick
 * (`_few`), else `_other`; then the key itself.
 */
function messageIn(
  catalogue: Catalogue,
  rules: Intl.PluralRules,
  key: string,
  count: unknown,
): string | undefined {
  if (typeof count === 'number') {
    const form = textAt(catalogue, `${key}_${rules.select(count)}`);
    if (form !== undefined) return form;
  }
  return textAt(catalogue, key) ?? textAt(catalogue, `${key}_other`);
}

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

/**
 * A `t(key, values)` for one language, falling back to English for a missing key (and to
 * the key itself when English lacks it too, so a gap shows rather than a blank). A numeric
 * `count` picks the plural form by the language's rules; numbers among the values are
 * written in the language's digits; a placeholder without a value stays as written. Values
 * are inserted as text and never read as markup, since components render them as text and
 * exports draw them.
 */
export function createTranslate(messages: Messages): Translate {
  const { language, catalogue } = messages;
  const rules = new Intl.PluralRules(language);
  const englishRules = language === 'en' ? rules : new Intl.PluralRules('en');
  return (key, values) => {
    const count = values?.count;
    const text =
      messageIn(catalogue, rules, key, count) ??
      (catalogue === ENGLISH ? undefined : messageIn(ENGLISH, englishRules, key, count)) ??
      key;
    if (!values) return text;
    return text.replace(PLACEHOLDER, (whole, name: string) => {
      const value = values[name];
      if (value === undefined) return whole;
      return typeof value === 'number' ? formatNumberIn(value, language) : value;
    });
  };
}

/**
 * A country's name in the language: `i18n-iso-countries`' name for its alpha-2 code where
 * it has one, else the app's English name (former states, Kosovo), else the code. `country`
 * is the country's entry in the loaded data's `countries` (`undefined` when unknown): the
 * page holds no country table of its own.
 */
export function countryNameIn(
  messages: Messages,
  iso3: string,
  country: CountryName | undefined,
): string {
  const found = country ? messages.countries[country.iso2] : undefined;
  return (Array.isArray(found) ? found[0] : found) ?? country?.name ?? iso3;
}
