import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatUrlState,
  parseUrlState,
  type UrlState,
} from '../../../src/core/commands/urlstate.ts';

describe('parseUrlState', () => {
  it('reads every parameter', () => {
    const { state, problems } = parseUrlState(
      '?date=2023-01-27&view=47,38.5,4&select=tehran-embassy-attack&mode=window&window=60&data=https://example.org/d.geojson&style=/style.json',
    );
    expect(problems).toEqual([]);
    expect(state).toEqual({
      date: '2023-01-27',
      view: { lon: 47, lat: 38.5, zoom: 4 },
      select: 'tehran-embassy-attack',
      mode: 'window',
      window: 60,
      data: 'https://example.org/d.geojson',
      style: '/style.json',
    });
  });

  it('drops nonsense and says which parameter and why', () => {
    const { state, problems } = parseUrlState(
      '?date=2023-02-30&view=200,0,3&mode=fast&window=-3&data=javascript:alert(1)',
    );
    expect(state).toEqual({});
    expect(problems).toHaveLength(5);
    expect(problems[0]).toContain('date="2023-02-30"');
    expect(problems.join('\n')).toMatch(/view="200,0,3".*lon/);
    expect(problems.join('\n')).toContain('data="javascript:alert(1)"');
  });

  it('never throws on any query string', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const { state, problems } = parseUrlState(text);
        expect(typeof state).toBe('object');
        expect(Array.isArray(problems)).toBe(true);
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom('date', 'view', 'select', 'mode', 'window', 'data', 'style'),
          fc.string(),
        ),
        (params) => {
          expect(() => parseUrlState(new URLSearchParams(params).toString())).not.toThrow();
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('the lang parameter', () => {
  it('reads a language the interface speaks by its primary subtag, and writes it back', () => {
    expect(parseUrlState('?lang=fa').state).toEqual({ lang: 'fa' });
    expect(parseUrlState('?lang=az-Latn-AZ').state).toEqual({ lang: 'az' });
    expect(formatUrlState({ date: '2023-01-27', lang: 'fa' })).toBe('?date=2023-01-27&lang=fa');
  });

  it('drops a language the interface does not speak, and says so', () => {
    const { state, problems } = parseUrlState('?lang=de');
    expect(state).toEqual({});
    expect(problems).toEqual([
      'URL parameter lang="de" ignored: use a language tag of en, fa, ar, he, az, tr, ru',
    ]);
  });
});

describe('formatUrlState', () => {
  it('round-trips through parseUrlState', () => {
    const state: UrlState = {
      date: '2022-11-18',
      view: { lon: 44.5, lat: 36.25, zoom: 4.5 },
      select: 'aze-isr-2022-11-18',
      mode: 'window',
      window: 45,
      data: 'https://example.org/data.geojson',
    };
    const text = formatUrlState(state);
    expect(text).toBe(
      '?date=2022-11-18&view=44.5,36.25,4.5&select=aze-isr-2022-11-18&mode=window&window=45&data=https%3A%2F%2Fexample.org%2Fdata.geojson',
    );
    expect(parseUrlState(text).state).toEqual(state);
  });

  it('writes the open profile apart from the country filter', () => {
    const state: UrlState = { date: '2023-01-27', profile: 'IRN', country: ['AZE'] };
    const text = formatUrlState(state);
    expect(text).toBe('?date=2023-01-27&profile=IRN&country=AZE');
    expect(parseUrlState(text).state).toEqual(state);
    expect(parseUrlState('?profile=Iran').problems).toEqual([
      'URL parameter profile="Iran" ignored: use an ISO 3166-1 alpha-3 code such as IRN, or null',
    ]);
  });

  it('is empty for the default state', () => {
    expect(formatUrlState({})).toBe('');
  });
});
