/**
 * The interface's messages: one i18next JSON (v4 format) catalogue per language in this
 * folder, and the countries' names from `i18n-iso-countries`.
 *
 * English is bundled, since every first view needs it and it is every other language's
 * fallback; the other six, and every language's country names, are separate chunks that a
 * dynamic import fetches when a reader picks the language, so an English reader downloads
 * none of them. Plurals use i18next's `_one`/`_few`/`_many`/`_other` suffixes, chosen with
 * `Intl.PluralRules`, so no plural data ships with the app.
 */
import i18next from 'i18next';
import { countryByCode, countryName } from '../core/model/countries.ts';
import {
  defaultCalendar,
  formatDayIn,
  formatNumberIn,
  formatSpanIn,
  type Calendar,
  type Language,
  type Speaker,
  type Translate,
} from '../core/i18n/locale.ts';
import en from './en.json';

/** A catalogue: message keys (nested by area) to text with `{{placeholders}}`. */
export type Catalogue = { [key: string]: string | Catalogue };

/** The English catalogue: every other one has the same keys (a unit test checks). */
export const ENGLISH: Catalogue = en;

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
  ]);
  return { language, catalogue: catalogue.default, countries: countries.default.countries };
}

/**
 * A `t(key, values)` for one language, falling back to English for a missing key. Numbers
 * among the values are written in the language's digits (`count` still picks the plural
 * form); values are inserted as text and never read as markup, since components render
 * them as text and exports draw them.
 */
export function createTranslate(messages: Messages): Translate {
  const { language } = messages;
  const instance = i18next.createInstance();
  void instance.init({
    lng: language,
    fallbackLng: 'en',
    initAsync: false,
    resources: {
      en: { translation: ENGLISH },
      [language]: { translation: messages.catalogue },
    },
    interpolation: {
      escapeValue: true,
      useRawValueToEscape: true,
      escape: (value: unknown) =>
        typeof value === 'number' ? formatNumberIn(value, language) : String(value),
    },
  });
  const t = instance.getFixedT(language);
  return (key, values) => t(key, values ?? {}) as string;
}

/**
 * A country's name in the language: `i18n-iso-countries`' name where it has one, else the
 * app's English name (former states, Kosovo), else the code.
 */
export function countryNameIn(messages: Messages, iso3: string): string {
  const iso2 = countryByCode(iso3)?.iso2;
  const found = iso2 ? messages.countries[iso2] : undefined;
  return (Array.isArray(found) ? found[0] : found) ?? countryName(iso3);
}

/**
 * A `Speaker` outside a mounted map (the snapshot CLI, unit tests): the same messages,
 * country names and formats a map in that language shows.
 */
export function speakerFor(messages: Messages, calendar?: Calendar): Speaker {
  const { language } = messages;
  const chosen = calendar ?? defaultCalendar(language);
  return {
    language,
    calendar: chosen,
    t: createTranslate(messages),
    country: (iso3) => countryNameIn(messages, iso3),
    date: (date, endDate) => formatSpanIn(date, endDate, language, chosen),
    day: (day) => formatDayIn(day, language, chosen),
    number: (value) => formatNumberIn(value, language),
  };
}
