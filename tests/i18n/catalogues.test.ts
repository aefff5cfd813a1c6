import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../src/core/i18n/locale.ts';
import { dayFromIso } from '../../src/core/model/dates.ts';
import {
  createTranslate,
  ENGLISH,
  loadMessages,
  type Catalogue,
} from '../../src/i18n/catalogues.ts';
import { speakerFor } from '../../src/i18n/speaker.ts';

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** Every key of a catalogue, nested keys joined with dots. */
function keys(catalogue: Catalogue, prefix = ''): string[] {
  return Object.entries(catalogue).flatMap(([key, value]) =>
    typeof value === 'string' ? [prefix + key] : keys(value, `${prefix}${key}.`),
  );
}

/** The messages, plural forms folded into one key each: `app.incidents`. */
function messages(catalogue: Catalogue): Set<string> {
  return new Set(keys(catalogue).map((key) => key.replace(PLURAL_SUFFIX, '')));
}

function catalogue(language: Language): Catalogue {
  return JSON.parse(
    readFileSync(new URL(`../../src/i18n/${language}.json`, import.meta.url), 'utf8'),
  );
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('the message catalogues', () => {
  const englishCatalogue = catalogue('en');
  const english = messages(englishCatalogue);
  const pluralKeys = new Set(
    keys(englishCatalogue)
      .filter((key) => PLURAL_SUFFIX.test(key))
      .map((key) => key.replace(PLURAL_SUFFIX, '')),
  );

  it.each(LANGUAGES.filter((l) => l !== 'en'))(
    '%s has every message of English and no other',
    (language) => {
      const found = messages(catalogue(language));
      expect([...english].filter((key) => !found.has(key))).toEqual([]);
      expect([...found].filter((key) => !english.has(key))).toEqual([]);
    },
  );

  it.each(LANGUAGES)(
    '%s has every plural form its language has, for each counted message',
    (language) => {
      const all = new Set(keys(catalogue(language)));
      const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
      const missing = [...pluralKeys].flatMap((key) =>
        categories.filter((form) => !all.has(`${key}_${form}`)).map((form) => `${key}_${form}`),
      );
      expect(missing).toEqual([]);
    },
  );

  it.each(LANGUAGES.filter((l) => l !== 'en'))(
    '%s keeps the placeholders of each English message',
    (language) => {
      const translated = catalogue(language);
      const flat = new Map(
        keys(translated).map((key) => [
          key,
          key
            .split('.')
            .reduce<Catalogue | string>(
              (node, part) => (node as Catalogue)[part]!,
              translated,
            ) as string,
        ]),
      );
      const englishFlat = new Map(
        keys(englishCatalogue).map((key) => [
          key,
          key
            .split('.')
            .reduce<Catalogue | string>(
              (node, part) => (node as Catalogue)[part]!,
              englishCatalogue,
            ) as string,
        ]),
      );
      const wrong: string[] = [];
      for (const [key, text] of flat) {
        const source =
          englishFlat.get(key) ?? englishFlat.get(key.replace(PLURAL_SUFFIX, '_other'));
        if (source === undefined) continue;
        const need = placeholders(source).filter((p) => p !== 'count' || !key.endsWith('_one'));
        const have = placeholders(text);
        if (need.some((p) => !have.includes(p) && !(p === 'count' && PLURAL_SUFFIX.test(key))))
          wrong.push(`${key}: ${text}`);
      }
      expect(wrong).toEqual([]);
    },
  );
});

describe('translating', () => {
  it('picks the plural form by the language’s rules and writes numbers in its digits', async () => {
    const ru = createTranslate(await loadMessages('ru'));
    expect(ru('app.incidents', { count: 1 })).toBe('1 инцидент');
    expect(ru('app.incidents', { count: 3 })).toBe('3 инцидента');
    expect(ru('app.incidents', { count: 11 })).toBe('11 инцидентов');
    const fa = createTranslate(await loadMessages('fa'));
    expect(fa('app.incidents', { count: 1234 })).toBe('۱٬۲۳۴ رویداد');
    const ar = createTranslate(await loadMessages('ar'));
    expect(ar('app.incidents', { count: 2 })).toBe('حادثتان');
    expect(ar('app.incidents', { count: 5 })).toBe('٥ حوادث');
    const en = createTranslate(await loadMessages('en'));
    expect(en('app.incidents', { count: 1 })).toBe('1 incident');
    expect(en('app.incidents', { count: 10480 })).toBe('10,480 incidents');
  });

  it('falls back to English for a missing key, and shows the key when English lacks it', () => {
    const partial = createTranslate({
      language: 'ru',
      catalogue: { app: { incidents_one: '{{count}} инцидент' } },
      countries: {},
    });
    expect(partial('app.incidents', { count: 1 })).toBe('1 инцидент');
    // English's own plural rules pick the fallback's form: 5 is `_other` there.
    expect(partial('app.incidents', { count: 5 })).toBe('5 incidents');
    expect(partial('app.showList')).toBe('Show list');
    expect(partial('app.nothing.here')).toBe('app.nothing.here');
  });

  it('fills every placeholder, numbers in the digits, and leaves one without a value', () => {
    const fa = createTranslate({
      language: 'fa',
      catalogue: { a: '{{x}} و {{ y }} و {{x}} و {{z}}' },
      countries: {},
    });
    expect(fa('a', { x: 12, y: 'متن' })).toBe('۱۲ و متن و ۱۲ و {{z}}');
  });

  it('inserts values as text, never as markup', () => {
    const en = createTranslate({ language: 'en', catalogue: ENGLISH, countries: {} });
    expect(en('list.title', { date: '<b>&' })).toBe('In effect on <b>&');
  });

  it('names countries in the language, and former states by their English name', async () => {
    const fa = speakerFor(await loadMessages('fa'));
    expect(fa.country('IRN')).toBe('ایران');
    expect(fa.country('SUN')).toBe('Soviet Union');
    const ru = speakerFor(await loadMessages('ru'));
    expect(ru.country('AZE')).toBe('Азербайджан');
  });

  it('dates Persian in the Solar Hijri calendar unless asked for the Gregorian one', async () => {
    const messages = await loadMessages('fa');
    const day = dayFromIso('2023-01-27')!;
    expect(speakerFor(messages).day(day)).toBe('۷ بهمن ۱۴۰۱');
    expect(speakerFor(messages, 'gregory').day(day)).toBe('۲۷ ژانویه ۲۰۲۳');
  });
});

describe('the validation catalogues', () => {
  const validation = (language: Language): Catalogue =>
    JSON.parse(
      readFileSync(new URL(`../../src/i18n/validation/${language}.json`, import.meta.url), 'utf8'),
    );
  const english = new Map(
    keys(validation('en')).map((key) => [key, textOf(validation('en'), key)]),
  );

  it.each(LANGUAGES.filter((l) => l !== 'en'))(
    '%s has every validation message of English, with the same placeholders',
    (language) => {
      const own = validation(language);
      expect(keys(own).sort()).toEqual([...english.keys()].sort());
      for (const [key, text] of english) {
        expect(placeholders(textOf(own, key)), `${language} ${key}`).toEqual(placeholders(text));
      }
    },
  );
});

/** The text at a dotted key of a catalogue. */
function textOf(catalogue: Catalogue, key: string): string {
  return key
    .split('.')
    .reduce<string | Catalogue>((node, part) => (node as Catalogue)[part]!, catalogue) as string;
}
