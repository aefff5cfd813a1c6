/**
 * Validation problems in the interface's languages: every problem the validation catalogue
 * words is read back as a key and values, reads through the English catalogue exactly as the
 * CLI prints it, and through the others without a word of the English message left.
 */
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/core/model/schema.ts';
import { LANGUAGES } from '../../src/core/i18n/locale.ts';
import { formatProblem, validateDataset } from '../../src/core/validation/validate.ts';
import { loadValidationTranslate } from '../../src/i18n/catalogues.ts';
import { formatProblemIn, problemWords } from '../../src/i18n/problems.ts';

const point = { type: 'Point', coordinates: [51.389, 35.6892] };
const source = [{ url: 'https://example.org/a' }];

/** An incident's properties with `edit` applied: one mistake each. */
function incident(id: string, edit: Record<string, unknown>) {
  return {
    type: 'Feature',
    geometry: point,
    properties: {
      id,
      title: 'An incident',
      date: '2023-01-10',
      category: 'attack',
      countries: ['IRN'],
      sources: source,
      ...edit,
    },
  };
}

const relation = (id: string, edit: Record<string, unknown>) => ({
  type: 'Feature',
  geometry: null,
  properties: {
    id,
    date: '2023-01',
    from: 'AZE',
    to: 'IRN',
    stance: 'tension',
    sources: source,
    ...edit,
  },
});

/** A dataset that makes one of each problem the catalogues word. */
const mistakes = {
  type: 'FeatureCollection',
  title: 'Mistakes',
  features: [
    incident('no-title', { title: undefined }),
    incident('empty-title', { title: ' ' }),
    incident('number-title', { title: 3 }),
    incident('no-date', { date: undefined }),
    incident('number-date', { date: 20230110 }),
    incident('bad-date', { date: '2023-02-30' }),
    incident('timed-date', { date: '2023-01-10T12:00:00Z' }),
    incident('end-first', { end_date: '2023-01-01' }),
    incident('negative', { fatalities: -1 }),
    incident('no-category', { category: undefined }),
    incident('upper-category', { category: 'Attack' }),
    incident('unknown-category', { category: 'riot' }),
    incident('number-precision', { precision: 5 }),
    incident('lower-country', { countries: ['irn'] }),
    incident('spaced-country', { countries: ['IRN '] }),
    incident('unknown-country', { countries: ['IRA'] }),
    incident('no-title', {}),
    incident('empty-object-title', { title: {} }),
    incident('number-id', { id: 5 }),
    relation('no-from', { from: undefined }),
    relation('number-to', { to: 7 }),
    relation('bad-stance', { stance: 'war' }),
    relation('same-pair', { to: 'AZE' }),
    { ...incident('far-east', {}), geometry: { type: 'Point', coordinates: [200, 10] } },
    { ...incident('swapped', {}), geometry: { type: 'Point', coordinates: [35, 120] } },
    { ...incident('text-axis', {}), geometry: { type: 'Point', coordinates: ['x', 10] } },
    { ...incident('number-position', {}), geometry: { type: 'Point', coordinates: 5 } },
    { ...incident('no-geometry', {}), geometry: undefined },
    { ...incident('text-geometry', {}), geometry: 'here' },
    incident('no-url', { sources: [{}] }),
    incident('number-url', { sources: [{ url: 5 }] }),
    incident('script-url', { sources: [{ url: 'javascript:alert(1)' }] }),
  ].map((feature) => JSON.parse(JSON.stringify(feature))),
};

function problemsOf(input: unknown): Problem[] {
  const result = validateDataset(input);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

describe('validation problems in the catalogues', () => {
  const problems = [
    ...problemsOf(JSON.stringify(mistakes)),
    ...problemsOf('  '),
    ...problemsOf({ type: 'FeatureCollection', title: 'No features' }),
    ...problemsOf({ type: 'FeatureCollection', title: 'Five', features: 5 }),
    ...problemsOf([]),
    ...problemsOf({ ...mistakes, features: [], language: 'not a tag!' }),
  ];

  it('words every kind of mistake above', () => {
    expect(problems.length).toBeGreaterThanOrEqual(20);
    expect(problems.filter((p) => !problemWords(p)).map(formatProblem)).toEqual([]);
    const keys = new Set(problems.map((p) => problemWords(p)!.key));
    for (const key of ['missing', 'empty', 'notText', 'dateMissing', 'dateNotText', 'notDate']) {
      expect(keys, key).toContain(key);
    }
    for (const key of ['notDateTime', 'endBeforeStart', 'notCount', 'missingAdvice']) {
      expect(keys, key).toContain(key);
    }
    for (const key of ['notChoice', 'notChoiceMeant', 'notTextAdvice', 'duplicateId']) {
      expect(keys, key).toContain(key);
    }
    for (const key of ['notCountryCase', 'notCountrySpaces', 'notCountryMeant', 'fileEmpty']) {
      expect(keys, key).toContain(key);
    }
    for (const key of ['countryMissing', 'countryNotText', 'sameCountry', 'longitudeOutside']) {
      expect(keys, key).toContain(key);
    }
    for (const key of ['latitudeOutsideSwapped', 'notNumber', 'notPosition', 'pointMissing']) {
      expect(keys, key).toContain(key);
    }
    for (const key of ['notPoint', 'urlMissing', 'urlNotText', 'notUrl', 'featuresMissing']) {
      expect(keys, key).toContain(key);
    }
    for (const key of ['featuresNotList', 'notCollection', 'notTag']) {
      expect(keys, key).toContain(key);
    }
  });

  it('reads in English exactly as the CLI prints it', async () => {
    const t = await loadValidationTranslate('en');
    for (const problem of problems) {
      expect(formatProblemIn(problem, t, 'en')).toBe(formatProblem(problem));
    }
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))(
    'reads in %s without the English words',
    async (language) => {
      const t = await loadValidationTranslate(language);
      for (const problem of problems) {
        const said = formatProblemIn(problem, t, language);
        expect(said).not.toContain(problem.message);
        expect(said).not.toMatch(/validation\./);
        expect(said).not.toMatch(/\{\{/);
        expect(said).not.toMatch(/\b(feature|line|is missing|must be|did you mean)\b/);
      }
    },
  );

  it('writes the place in the language’s digits and keeps the file’s values as written', async () => {
    const persian = await loadValidationTranslate('fa');
    const bad = problems.find((p) => p.featureId === 'bad-date')!;
    expect(formatProblemIn(bad, persian, 'fa')).toBe(
      'عارضهٔ ۵ (شناسهٔ "bad-date"): properties.date "2023-02-30" تاریخ تقویمی معتبری نیست؛ به صورت YYYY، YYYY-MM یا YYYY-MM-DD بنویسید',
    );
    const hebrew = await loadValidationTranslate('he');
    const spaced = problems.find((p) => p.featureId === 'spaced-country')!;
    expect(formatProblemIn(spaced, hebrew, 'he')).toContain('"IRN " אינו קוד מדינה');
  });
});
