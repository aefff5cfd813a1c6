import { describe, expect, it } from 'vitest';
import {
  canonicalTag,
  formatMissingTranslation,
  missingTranslations,
} from '../../../src/core/validation/languages.ts';
import { formatProblem, validateDataset } from '../../../src/core/validation/validate.ts';
import { minimalWith } from './minimal.ts';

function problems(input: unknown): string[] {
  return validateDataset(input).problems.map(formatProblem);
}

function valid(input: unknown) {
  const result = validateDataset(input);
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  return result.dataset;
}

describe('language tags', () => {
  it('are BCP 47 tags, made canonical', () => {
    expect(canonicalTag('fa')).toBe('fa');
    expect(canonicalTag('AZ-latn')).toBe('az-Latn');
    expect(canonicalTag('en_GB')).toBeNull();
    expect(canonicalTag('farsi language')).toBeNull();
    expect(canonicalTag('')).toBeNull();
  });
});

describe('texts in several languages', () => {
  it('are accepted for titles, summaries, the description and category labels, keys canonical', () => {
    const dataset = valid(
      minimalWith((d) => {
        d.title = { en: 'Minimal', fa: 'نمونه' };
        d.description = { en: 'A description', 'AZ-latn': 'Təsvir' };
        d.categories.protest.label = { en: 'Protest', fa: 'اعتراض' };
        d.features[0].properties.title = { en: 'Embassy attack', fa: 'حمله به سفارت' };
        d.features[0].properties.summary = { en: 'Summary', az: 'Xülasə' };
        d.features[2].properties.title = { fa: 'تنش' };
      }),
    );
    expect(dataset.title).toEqual({ en: 'Minimal', fa: 'نمونه' });
    expect(dataset.description).toEqual({ en: 'A description', 'az-Latn': 'Təsvir' });
    expect(dataset.categories.find((c) => c.id === 'protest')?.label).toEqual({
      en: 'Protest',
      fa: 'اعتراض',
    });
    expect(dataset.incidents[0]!.title).toEqual({ en: 'Embassy attack', fa: 'حمله به سفارت' });
    expect(dataset.incidents[0]!.summary).toEqual({ en: 'Summary', az: 'Xülasə' });
    expect(dataset.relations[0]!.title).toEqual({ fa: 'تنش' });
  });

  it('say which key is not a tag, which text is not text, and which is empty', () => {
    expect(
      problems(
        minimalWith((d) => {
          d.features[0].properties.title = { en: 'Attack', fa_IR: 'حمله' };
          d.features[1].properties.title = { en: 'Protest', fa: 3 };
          d.features[2].properties.title = { en: ' ' };
          d.features[3].properties.title = {};
          d.features[3].properties.summary = ['a list'];
        }),
      ),
    ).toEqual([
      'feature 0 (id "tehran-embassy-attack"): properties.title key "fa_IR" is not a language tag; use a BCP 47 language tag such as "en", "fa" or "az-Latn"',
      'feature 1 (id "baku-protest"): properties.title.fa must be text, not the number 3',
      'feature 2 (id "aze-irn-tension"): properties.title.en is empty',
      'feature 3 (id "aze-isr-embassy"): properties.title is an empty object; give the text in at least one language',
      'feature 3 (id "aze-isr-embassy"): properties.summary must be text, or an object of language tags to text such as { "en": "…", "fa": "…" }, not a list',
    ]);
  });

  it('refuse two keys for one language', () => {
    expect(problems(minimalWith((d) => (d.title = { fa: 'الف', FA: 'ب' })))).toEqual([
      'dataset: title keys "FA" and "fa" name the same language; keep one',
    ]);
  });
});

describe('the languages a dataset declares', () => {
  it('are distinct tags, and the default is one of them, else the first', () => {
    const declared = valid(minimalWith((d) => (d.languages = ['en', 'fa', 'az-latn'])));
    expect(declared.languages).toEqual(['en', 'fa', 'az-Latn']);
    expect(declared.language).toBe('en');
    expect(valid(minimalWith((d) => (d.language = 'fa'))).language).toBe('fa');
    expect(valid(minimalWith((d) => (d.language = null))).language).toBeUndefined();
    expect(
      problems(
        minimalWith((d) => {
          d.languages = ['en', 'Persian language', 'EN'];
          d.language = 'ru';
        }),
      ),
    ).toEqual([
      'dataset: languages[1] "Persian language" is not a language tag; use a BCP 47 language tag such as "en", "fa" or "az-Latn"',
      'dataset: languages[2] "en" is listed twice',
    ]);
    expect(
      problems(
        minimalWith((d) => {
          d.languages = ['en', 'fa'];
          d.language = 'ru';
        }),
      ),
    ).toEqual(['dataset: language "ru" is not one of "languages"; add it there']);
    expect(problems(minimalWith((d) => (d.languages = 'en')))).toEqual([
      'dataset: languages must be a list of language tags such as ["en", "fa", "az"], not the text "en"',
    ]);
  });
});

describe('missing translations', () => {
  it('are none when the dataset declares no languages', () => {
    expect(missingTranslations(valid(minimalWith(() => {})))).toEqual([]);
  });

  it('name the feature, the text and the languages it lacks; plain text is the default language', () => {
    const dataset = valid(
      minimalWith((d) => {
        d.languages = ['en', 'fa', 'az'];
        d.title = { en: 'Minimal', fa: 'نمونه', az: 'Nümunə' };
        d.features[0].properties.title = { en: 'Attack', fa: 'حمله', 'az-Latn': 'Hücum' };
        d.features[1].properties.title = { en: 'Protest', az: 'Etiraz' };
        d.features[2].properties.title = { fa: 'تنش', az: 'Gərginlik' };
      }),
    );
    const lines = missingTranslations(dataset).map(formatMissingTranslation);
    expect(lines).toEqual([
      'dataset: description has no text in fa, az',
      'dataset: categories.protest.label has no text in fa, az',
      'feature 1 (id "baku-protest"): properties.title has no text in fa',
      'feature 2 (id "aze-irn-tension"): properties.title has no text in en',
      'feature 3 (id "aze-isr-embassy"): properties.title has no text in fa, az',
      'feature 3 (id "aze-isr-embassy"): properties.summary has no text in fa, az',
    ]);
  });

  it('are grouped when thousands of features lack the same', () => {
    const dataset = valid(
      minimalWith((d) => {
        d.languages = ['en', 'fa'];
        d.title = { en: 'Many', fa: 'بسیار' };
        delete d.description;
        d.categories = {};
        const template = d.features[0];
        d.features = Array.from({ length: 3000 }, (_, i) => {
          const feature = structuredClone(template);
          feature.properties.id = `f${i}`;
          feature.properties.title =
            i === 1500 ? { en: 'Attack', fa: 'حمله' } : { en: `Attack ${i}` };
          return feature;
        });
      }),
    );
    const groups = missingTranslations(dataset);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.features).toHaveLength(2999);
    expect(formatMissingTranslation(groups[0]!)).toBe(
      'properties.title has no text in fa in 2,999 features: features 0–1499, 1501–2999',
    );
  });
});
