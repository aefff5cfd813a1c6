import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../../src/core/model/schema.ts';
import { formatSummary, summarizeDataset } from '../../../src/core/validation/summary.ts';
import { formatProblem, validateDataset } from '../../../src/core/validation/validate.ts';
import { MINIMAL, minimalWith } from './minimal.ts';

function problemsOf(input: unknown): Problem[] {
  const result = validateDataset(input);
  expect(result.ok).toBe(false);
  return result.problems;
}

/** What one problem must say: where (feature, id, path) and fragments of what is wrong. */
interface Expected {
  feature?: number;
  id?: string;
  path?: string;
  says: string[];
}

/** Asserts the input has exactly one problem, located and worded as expected. */
function expectOneProblem(input: unknown, expected: Expected): void {
  const problems = problemsOf(input);
  expect(problems.map(formatProblem)).toHaveLength(1);
  expectProblem(problems[0]!, expected);
}

function expectProblem(problem: Problem, { feature, id, path, says }: Expected): void {
  const text = formatProblem(problem);
  expect(problem.featureIndex).toBe(feature);
  expect(problem.featureId).toBe(id);
  expect(problem.path).toBe(path);
  const where =
    feature === undefined
      ? 'dataset: '
      : `feature ${feature}${id === undefined ? '' : ` (id "${id}")`}: `;
  expect(text.startsWith(where + (path === undefined ? '' : `${path} `))).toBe(true);
  for (const fragment of says) expect(text).toContain(fragment);
}

const DATE_ADVICE = 'is not a calendar date; use YYYY, YYYY-MM or YYYY-MM-DD';

describe('validateDataset on valid input', () => {
  it('returns the dataset with day numbers, defaults and resolved categories', () => {
    const result = validateDataset(MINIMAL);
    expect(result.problems).toEqual([]);
    if (!result.ok) return;
    const { dataset } = result;
    expect(dataset.title).toBe('Minimal example');
    expect(dataset.anchors).toEqual({ AZE: [47.5, 40.3] });
    expect(dataset.categories.map((c) => c.id)).toEqual([
      'attack',
      'military',
      'diplomatic',
      'statement',
      'security',
      'information',
      'other',
      'protest',
    ]);
    expect(dataset.categories[1]).toEqual({ id: 'military', label: 'Military activity' });
    expect(dataset.categories[7]).toEqual({ id: 'protest', label: 'Protest', color: '#aa3377' });

    const [attack, protest] = dataset.incidents;
    expect(attack).toMatchObject({
      kind: 'incident',
      index: 0,
      id: 'tehran-embassy-attack',
      date: { text: '2023-01-27', precision: 'day', start: 19384, end: 19384 },
      countries: ['IRN', 'AZE'],
      coordinates: [51.389, 35.6892],
      fatalities: 1,
      injured: 2,
      precision: 'city',
      status: 'confirmed',
    });
    expect(attack?.sources).toEqual([
      {
        url: 'https://example.org/tehran-embassy',
        title: 'Embassy attacked',
        publisher: 'Example News',
        published: '2023-01-27',
      },
    ]);
    expect(protest).toMatchObject({
      index: 1,
      category: 'protest',
      date: { text: '2023-01', precision: 'month', start: 19358, end: 19388 },
      endDate: { text: '2023-02-03', start: 19391, end: 19391 },
      precision: 'exact',
      status: 'reported',
    });
    expect(protest).not.toHaveProperty('my_own_field');

    const [evacuation, embassy] = dataset.relations;
    expect(evacuation).toMatchObject({ kind: 'relation', index: 2, from: 'AZE', to: 'IRN' });
    expect(evacuation?.geometry).toBeNull();
    expect(evacuation?.date.start).toBe(19385);
    expect(embassy?.geometry).toEqual({
      type: 'LineString',
      coordinates: [
        [49.8671, 40.4093],
        [34.7818, 32.0853],
      ],
    });
  });

  it('accepts the parsed object as well as the text, and a byte-order mark', () => {
    expect(validateDataset(JSON.parse(MINIMAL)).ok).toBe(true);
    expect(validateDataset(`\uFEFF${MINIMAL}`).ok).toBe(true);
  });

  it('accepts Kosovo, null for optional properties, an altitude, and an end date in the same month', () => {
    const input = minimalWith((d) => {
      d.features[0].properties.countries = ['XKX'];
      d.features[0].properties.summary = null;
      d.features[0].properties.end_date = null;
      d.features[0].geometry.coordinates = [21.17, 42.67, 650];
      d.features[1].properties.date = '2022-03-05';
      d.features[1].properties.end_date = '2022-03';
    });
    expect(validateDataset(input).problems).toEqual([]);
  });

  it('accepts a MultiLineString relation and lets relation ids not clash with incident ids', () => {
    const input = minimalWith((d) => {
      d.features[3].geometry = {
        type: 'MultiLineString',
        coordinates: [
          [
            [49.8, 40.4],
            [45, 38],
          ],
          [
            [45, 38],
            [34.8, 32.1],
          ],
        ],
      };
    });
    expect(validateDataset(input).problems).toEqual([]);
  });
});

// How each syntax error is located and worded is tested with `parseJson` in json.test.ts.
describe('JSON syntax errors', () => {
  it('give one problem with the line and column of the engine position', () => {
    const text = '{\n  "type": "FeatureCollection",\n  "title": "x",\n  "features": [1,]\n}';
    const problems = problemsOf(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 4, column: 18 });
    expect(formatProblem(problems[0]!)).toMatch(
      /^line 4, column 18: the JSON is broken at "\]".*remove the comma before it/,
    );
  });

  it('say when the file is empty', () => {
    const [empty] = problemsOf('  \n');
    expect(formatProblem(empty!)).toBe(
      'line 1, column 1: the file is empty; a dataset is a GeoJSON FeatureCollection',
    );
  });
});

describe('the top level', () => {
  it.each([
    ['null', 'null'],
    ['the number 42', '42'],
    ['a list', '[]'],
    ['the text "hello"', '"hello"'],
  ])('refuses %s instead of an object', (what, text) => {
    const expected = `dataset: the file holds ${what}, not a GeoJSON FeatureCollection object`;
    expect(problemsOf(text).map(formatProblem)).toEqual([expected]);
    if (what !== 'the text "hello"') {
      expect(problemsOf(JSON.parse(text)).map(formatProblem)).toEqual([expected]);
    }
  });

  it('needs "type": "FeatureCollection"', () => {
    expectOneProblem(
      minimalWith((d) => delete d.type),
      { path: 'type', says: ['is missing', '"type": "FeatureCollection"'] },
    );
    expectOneProblem(
      minimalWith((d) => (d.type = 'Feature')),
      { path: 'type', says: ['"Feature" must be "FeatureCollection"'] },
    );
  });

  it('needs features as a list', () => {
    expectOneProblem(
      minimalWith((d) => delete d.features),
      { path: 'features', says: ['is missing'] },
    );
    expectOneProblem(
      minimalWith((d) => (d.features = {})),
      { path: 'features', says: ['must be a list of features, not an object'] },
    );
  });

  it('needs a title', () => {
    expectOneProblem(
      minimalWith((d) => delete d.title),
      { path: 'title', says: ['dataset: title is missing'] },
    );
    expectOneProblem(
      minimalWith((d) => (d.title = '  ')),
      { path: 'title', says: ['is empty'] },
    );
  });

  it('checks description and attribution are text', () => {
    expectOneProblem(
      minimalWith((d) => (d.attribution = 12)),
      { path: 'attribution', says: ['must be text, not the number 12'] },
    );
  });

  it('checks anchor codes, with a suggestion, and anchor coordinates', () => {
    expectOneProblem(
      minimalWith((d) => (d.anchors = { AZR: [47.5, 40.3] })),
      {
        path: 'anchors',
        says: ['anchors key "AZR" is not an ISO 3166-1 alpha-3 country code; did you mean "AZE"?'],
      },
    );
    expectOneProblem(
      minimalWith((d) => (d.anchors.AZE = [47.5, 140])),
      { path: 'anchors.AZE[1]', says: ['(latitude) 140 is outside -90 to 90'] },
    );
    expectOneProblem(
      minimalWith((d) => (d.anchors = [1, 2])),
      { path: 'anchors', says: ['must be an object of country code'] },
    );
  });

  it('checks declared categories: colour, label, id, and no built-in redefinition', () => {
    expectOneProblem(
      minimalWith((d) => (d.categories.protest.color = 'red')),
      { path: 'categories.protest.color', says: ['"red" is not a colour in the form #rrggbb'] },
    );
    expectOneProblem(
      minimalWith((d) => (d.categories.protest.color = '#abc')),
      { path: 'categories.protest.color', says: ['"#abc" is not a colour'] },
    );
    expectOneProblem(
      minimalWith((d) => delete d.categories.protest.label),
      { path: 'categories.protest.label', says: ['is missing'] },
    );
    expectOneProblem(
      minimalWith((d) => (d.categories.attack = { label: 'Strike', color: '#000000' })),
      { path: 'categories', says: ['key "attack" redefines a built-in category'] },
    );
    expectOneProblem(
      minimalWith((d) => (d.categories['Big Bang'] = { label: 'Big', color: '#000000' })),
      { path: 'categories', says: ['key "Big Bang" is not a valid category id'] },
    );
  });
});

describe('features', () => {
  it('must be objects of type "Feature"', () => {
    expectOneProblem(
      minimalWith((d) => d.features.push('oops')),
      { feature: 4, says: ['feature 4: this is the text "oops", not a GeoJSON Feature object'] },
    );
    expectOneProblem(
      minimalWith((d) => (d.features[0].type = 'feature')),
      {
        feature: 0,
        id: 'tehran-embassy-attack',
        path: 'type',
        says: ['"feature" must be "Feature"'],
      },
    );
  });

  it('need properties', () => {
    const problems = problemsOf(minimalWith((d) => (d.features[0].properties = null)));
    expect(problems).toHaveLength(1);
    expectProblem(problems[0]!, {
      feature: 0,
      path: 'properties',
      says: ['must be an object, not null'],
    });
  });

  it('need a unique, non-empty id; a duplicate names both features', () => {
    expectOneProblem(
      minimalWith((d) => (d.features[3].properties.id = 'tehran-embassy-attack')),
      {
        feature: 3,
        id: 'tehran-embassy-attack',
        path: 'properties.id',
        says: ['"tehran-embassy-attack" is also the id of feature 0'],
      },
    );
    expectOneProblem(
      minimalWith((d) => delete d.features[0].properties.id),
      { feature: 0, path: 'properties.id', says: ['feature 0: properties.id is missing'] },
    );
    expectOneProblem(
      minimalWith((d) => (d.features[2].properties.id = 7)),
      { feature: 2, path: 'properties.id', says: ['must be text, not the number 7'] },
    );
  });

  it('need a title', () => {
    expectOneProblem(
      minimalWith((d) => delete d.features[1].properties.title),
      { feature: 1, id: 'baku-protest', path: 'properties.title', says: ['is missing'] },
    );
  });
});

describe('geometry', () => {
  const incident = { feature: 0, id: 'tehran-embassy-attack' };
  const relation = { feature: 2, id: 'aze-irn-tension' };

  it('is a Point for incidents', () => {
    expectOneProblem(
      minimalWith(
        (d) =>
          (d.features[0].geometry = {
            type: 'LineString',
            coordinates: [
              [0, 0],
              [1, 1],
            ],
          }),
      ),
      { ...incident, path: 'geometry.type', says: ['"LineString" is not allowed for an incident'] },
    );
    expectOneProblem(
      minimalWith((d) => (d.features[0].geometry = null)),
      { ...incident, path: 'geometry', says: ['must be a Point for an incident, not null'] },
    );
  });

  it('is null, a LineString or a MultiLineString for relations', () => {
    expectOneProblem(
      minimalWith((d) => (d.features[2].geometry = { type: 'Point', coordinates: [0, 0] })),
      { ...relation, path: 'geometry.type', says: ['"Point" is not allowed for a relation event'] },
    );
    expectOneProblem(
      minimalWith((d) => (d.features[2].geometry = { type: 'Polygon', coordinates: [] })),
      { ...relation, path: 'geometry.type', says: ['"Polygon" is not allowed'] },
    );
    expectOneProblem(
      minimalWith((d) => delete d.features[2].geometry),
      { ...relation, path: 'geometry', says: ['is missing; use null'] },
    );
    expectOneProblem(
      minimalWith((d) => (d.features[3].geometry.coordinates = [[49.8, 40.4]])),
      {
        feature: 3,
        id: 'aze-isr-embassy',
        path: 'geometry.coordinates',
        says: ['has 1 position; a line needs at least 2'],
      },
    );
  });

  it('has longitudes in [-180, 180] and latitudes in [-90, 90]', () => {
    expectOneProblem(
      minimalWith((d) => (d.features[0].geometry.coordinates = [200, 35])),
      {
        ...incident,
        path: 'geometry.coordinates[0]',
        says: ['(longitude) 200 is outside -180 to 180'],
      },
    );
    expectOneProblem(
      minimalWith((d) => (d.features[0].geometry.coordinates = [51, -95])),
      {
        ...incident,
        path: 'geometry.coordinates[1]',
        says: ['(latitude) -95 is outside -90 to 90'],
      },
    );
    expectOneProblem(
      minimalWith((d) => (d.features[0].geometry.coordinates = [35.7, 151.4])),
      { ...incident, path: 'geometry.coordinates[1]', says: ['longitude comes first'] },
    );
    expectOneProblem(
      minimalWith((d) => (d.features[3].geometry.coordinates[1] = [34.8, 91])),
      {
        feature: 3,
        id: 'aze-isr-embassy',
        path: 'geometry.coordinates[1][1]',
        says: ['(latitude) 91 is outside'],
      },
    );
  });

  it('has finite numbers, two or three of them', () => {
    expectOneProblem(
      minimalWith((d) => (d.features[0].geometry.coordinates = ['NaN', 35])),
      {
        ...incident,
        path: 'geometry.coordinates[0]',
        says: ['(longitude) must be a number, not the text "NaN"'],
      },
    );
    expectOneProblem(
      minimalWith((d) => (d.features[0].geometry.coordinates = [51, Infinity])),
      { ...incident, path: 'geometry.coordinates[1]', says: ['not the number Infinity'] },
    );
    expectOneProblem(
      minimalWith((d) => (d.features[0].geometry.coordinates = [51])),
      {
        ...incident,
        path: 'geometry.coordinates',
        says: ['has 1 number; a position is [longitude, latitude]'],
      },
    );
    expectOneProblem(
      minimalWith((d) => (d.features[0].geometry.coordinates = '51,35')),
      { ...incident, path: 'geometry.coordinates', says: ['must be [longitude, latitude]'] },
    );
  });
});

describe('dates', () => {
  const where = { feature: 0, id: 'tehran-embassy-attack' };
  const withDate = (date: unknown) => minimalWith((d) => (d.features[0].properties.date = date));

  it.each(['2023-02-30', '2023-13', '23-01-01', '2023-1-5', '27/01/2023'])('refuses %s', (date) => {
    expectOneProblem(withDate(date), {
      ...where,
      path: 'properties.date',
      says: [`properties.date "${date}" ${DATE_ADVICE}`],
    });
  });

  it('refuses times and time zones', () => {
    expectOneProblem(withDate('2023-01-27T10:00:00Z'), {
      ...where,
      path: 'properties.date',
      says: ['without a time or time zone'],
    });
  });

  it('refuses a number and a missing date', () => {
    expectOneProblem(withDate(2023), {
      ...where,
      path: 'properties.date',
      says: ['must be a date written as text', 'not the number 2023'],
    });
    expectOneProblem(withDate(undefined), {
      ...where,
      path: 'properties.date',
      says: ['is missing'],
    });
  });

  it('refuses an end date before the date, comparing the end\u2019s last day with the first day', () => {
    expectOneProblem(
      minimalWith((d) => {
        d.features[1].properties.date = '2022-03-05';
        d.features[1].properties.end_date = '2022-01';
      }),
      {
        feature: 1,
        id: 'baku-protest',
        path: 'properties.end_date',
        says: ['end_date 2022-01 is before properties.date 2022-03-05'],
      },
    );
  });

  it('checks end dates and source publication dates are dates', () => {
    expectOneProblem(
      minimalWith((d) => (d.features[2].properties.end_date = '2023-02-29')),
      { feature: 2, id: 'aze-irn-tension', path: 'properties.end_date', says: [DATE_ADVICE] },
    );
    expectOneProblem(
      minimalWith((d) => (d.features[0].properties.sources[0].published = 'yesterday')),
      { ...where, path: 'properties.sources[0].published', says: [`"yesterday" ${DATE_ADVICE}`] },
    );
  });
});

describe('countries', () => {
  it('refuses unknown codes and suggests the nearest', () => {
    expectOneProblem(
      minimalWith((d) => (d.features[0].properties.countries = ['IRN', 'AZR'])),
      {
        feature: 0,
        id: 'tehran-embassy-attack',
        path: 'properties.countries[1]',
        says: ['"AZR" is not an ISO 3166-1 alpha-3 country code; did you mean "AZE"?'],
      },
    );
    expectOneProblem(
      minimalWith((d) => (d.features[0].properties.countries = ['Iran'])),
      {
        feature: 0,
        id: 'tehran-embassy-attack',
        path: 'properties.countries[0]',
        says: ['did you mean "IRN"?'],
      },
    );
  });

  it('suggests up to three codes, best first', () => {
    const withCountry = (code: string) =>
      minimalWith((d) => (d.features[0].properties.countries = [code]));
    const where = { feature: 0, id: 'tehran-embassy-attack', path: 'properties.countries[0]' };
    expectOneProblem(withCountry('IRA'), {
      ...where,
      says: [
        '"IRA" is not an ISO 3166-1 alpha-3 country code; did you mean "IRN", "IRQ" or "IRL"?',
      ],
    });
    expectOneProblem(withCountry('AUZ'), { ...where, says: ['did you mean "AUS" or "AUT"?'] });
    expectOneProblem(withCountry('GER'), { ...where, says: ['did you mean "DEU"?'] });
    expectOneProblem(withCountry('ZZZ'), {
      ...where,
      says: ['"ZZZ" is not an ISO 3166-1 alpha-3 country code; use a three-letter'],
    });
  });

  it('refuses lower-case codes in relations, suggesting the upper-case one', () => {
    expectOneProblem(
      minimalWith((d) => (d.features[2].properties.to = 'irn')),
      {
        feature: 2,
        id: 'aze-irn-tension',
        path: 'properties.to',
        says: [
          '"irn" is not an ISO 3166-1 alpha-3 country code; did you mean "IRN"? (codes are upper case)',
        ],
      },
    );
    expectOneProblem(
      minimalWith((d) => (d.features[2].properties.from = 'ZZZ')),
      { feature: 2, id: 'aze-irn-tension', path: 'properties.from', says: ['"ZZZ" is not an ISO'] },
    );
  });

  it('needs at least one country for an incident', () => {
    expectOneProblem(
      minimalWith((d) => (d.features[0].properties.countries = [])),
      { feature: 0, id: 'tehran-embassy-attack', path: 'properties.countries', says: ['is empty'] },
    );
    expectOneProblem(
      minimalWith((d) => (d.features[0].properties.countries = 'IRN')),
      {
        feature: 0,
        id: 'tehran-embassy-attack',
        path: 'properties.countries',
        says: ['must be a list'],
      },
    );
  });

  it('needs two different countries for a relation', () => {
    expectOneProblem(
      minimalWith((d) => (d.features[2].properties.to = 'AZE')),
      {
        feature: 2,
        id: 'aze-irn-tension',
        path: 'properties.to',
        says: ['is the same country as properties.from ("AZE")'],
      },
    );
  });

  it('treats a feature with only "from" and no Point as a relation missing "to"', () => {
    expectOneProblem(
      minimalWith((d) => delete d.features[2].properties.to),
      { feature: 2, id: 'aze-irn-tension', path: 'properties.to', says: ['is missing'] },
    );
  });
});

describe('sources', () => {
  const where = { feature: 0, id: 'tehran-embassy-attack' };
  const withSources = (sources: unknown) =>
    minimalWith((d) => (d.features[0].properties.sources = sources));

  it('are required and not empty', () => {
    expectOneProblem(withSources(undefined), {
      ...where,
      path: 'properties.sources',
      says: ['is missing'],
    });
    expectOneProblem(withSources([]), { ...where, path: 'properties.sources', says: ['is empty'] });
    expectOneProblem(withSources('https://example.org'), {
      ...where,
      path: 'properties.sources',
      says: ['must be a list of sources'],
    });
  });

  it.each([
    'javascript:alert(1)',
    'ftp://example.org/report.pdf',
    '/relative/path.html',
    'example.org/story',
    'http://',
    'https://exa mple.org',
  ])('refuse the URL %s', (url) => {
    expectOneProblem(withSources([{ url }]), {
      ...where,
      path: 'properties.sources[0].url',
      says: [`${JSON.stringify(url)} is not a web address`, 'http:// or https://'],
    });
  });

  it('need a url or a title or publisher in each source, and objects rather than bare links', () => {
    expectOneProblem(withSources([{ url: 'https://example.org' }, { published: '2023-01-02' }]), {
      ...where,
      path: 'properties.sources[1].url',
      says: ['is missing', '"title" or "publisher"'],
    });
    expectOneProblem(withSources([{ url: '' }]), {
      ...where,
      path: 'properties.sources[0].url',
      says: ['is not a web address'],
    });
    expectOneProblem(withSources(['https://example.org']), {
      ...where,
      path: 'properties.sources[0]',
      says: ['must be an object with a "url"', 'write { "url": "https://example.org" }'],
    });
  });
});

describe('choices and counts', () => {
  it('refuses an unknown category and lists the allowed ones, custom ones included', () => {
    expectOneProblem(
      minimalWith((d) => (d.features[1].properties.category = 'riot')),
      {
        feature: 1,
        id: 'baku-protest',
        path: 'properties.category',
        says: [
          '"riot" is not a category',
          'attack, military, diplomatic, statement, security, information, other, protest',
        ],
      },
    );
  });

  it('refuses unknown stance, precision and status values', () => {
    expectOneProblem(
      minimalWith((d) => (d.features[2].properties.stance = 'friendly')),
      {
        feature: 2,
        id: 'aze-irn-tension',
        path: 'properties.stance',
        says: [
          '"friendly" is not a stance; use one of alliance, cooperation, neutral, tension, hostility',
        ],
      },
    );
    expectOneProblem(
      minimalWith((d) => (d.features[2].properties.stance = 'Hostility')),
      {
        feature: 2,
        id: 'aze-irn-tension',
        path: 'properties.stance',
        says: ['did you mean "hostility"?'],
      },
    );
    expectOneProblem(
      minimalWith((d) => (d.features[0].properties.precision = 'street')),
      {
        feature: 0,
        id: 'tehran-embassy-attack',
        path: 'properties.precision',
        says: ['"street" is not a precision; use one of exact, city, region, country'],
      },
    );
    expectOneProblem(
      minimalWith((d) => (d.features[1].properties.status = 'rumour')),
      {
        feature: 1,
        id: 'baku-protest',
        path: 'properties.status',
        says: ['"rumour" is not a status; use one of confirmed, reported, claimed, disputed'],
      },
    );
  });

  it.each([
    ['fatalities', -1, 'the number -1'],
    ['fatalities', 2.5, 'the number 2.5'],
    ['injured', '3', 'the text "3"'],
  ])('refuses %s = %s', (property, value, shown) => {
    expectOneProblem(
      minimalWith((d) => (d.features[0].properties[property] = value)),
      {
        feature: 0,
        id: 'tehran-embassy-attack',
        path: `properties.${property}`,
        says: [`must be a whole number of 0 or more, not ${shown}`],
      },
    );
  });
});

describe('several problems', () => {
  it('lists every problem of a dataset, in file order', () => {
    const input = minimalWith((d) => {
      d.features[0].properties.date = '2023-02-30';
      d.features[1].properties.countries = ['AZR'];
      d.features[2].properties.sources[0].url = 'javascript:alert(1)';
    });
    expect(problemsOf(input).map(formatProblem)).toEqual([
      `feature 0 (id "tehran-embassy-attack"): properties.date "2023-02-30" ${DATE_ADVICE}`,
      'feature 1 (id "baku-protest"): properties.countries[0] "AZR" is not an ISO 3166-1 alpha-3 country code; did you mean "AZE"?',
      'feature 2 (id "aze-irn-tension"): properties.sources[0].url "javascript:alert(1)" is not a web address; use a full link starting with http:// or https://',
    ]);
  });

  it('reports all three problems of the invalid fixture file', () => {
    const text = readFileSync(
      new URL('../../fixtures/invalid/three-problems.geojson', import.meta.url),
      'utf8',
    );
    const problems = problemsOf(text);
    expect(problems.map((p) => p.path)).toEqual([
      'properties.date',
      'properties.countries[0]',
      'properties.sources[0].url',
    ]);
  });

  it('survives hostile values: getters that throw', () => {
    const input = {
      type: 'FeatureCollection',
      title: 'x',
      get features(): unknown {
        throw new Error('boom');
      },
    };
    const problems = problemsOf(input);
    expect(formatProblem(problems.at(-1)!)).toBe('dataset: the dataset could not be read (boom)');
  });
});

describe('formatProblem', () => {
  it('puts where before what', () => {
    expect(formatProblem({ line: 4, column: 17, message: 'x' })).toBe('line 4, column 17: x');
    expect(formatProblem({ path: 'title', message: 'is missing' })).toBe(
      'dataset: title is missing',
    );
    expect(
      formatProblem({
        featureIndex: 12,
        featureId: 'tehran-attack',
        path: 'properties.date',
        message: `"2023-02-30" ${DATE_ADVICE}`,
      }),
    ).toBe(`feature 12 (id "tehran-attack"): properties.date "2023-02-30" ${DATE_ADVICE}`);
    expect(formatProblem({ featureIndex: 3, message: 'this is null' })).toBe(
      'feature 3: this is null',
    );
  });

  it('keeps a long or odd id on one short line', () => {
    const text = formatProblem({
      featureIndex: 0,
      featureId: `a\n${'b'.repeat(500)}`,
      message: 'x',
    });
    expect(text).not.toContain('\n');
    expect(text.length).toBeLessThan(100);
  });
});

describe('summarizeDataset', () => {
  it('counts features, categories, stances, countries and pairs, and finds the date range', () => {
    const result = validateDataset(
      minimalWith((d) => {
        const extra = structuredClone(d.features[2]);
        extra.properties.id = 'irn-aze-again';
        extra.properties.from = 'IRN';
        extra.properties.to = 'AZE';
        extra.properties.date = '2023-06';
        d.features.push(extra);
      }),
    );
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
    const summary = summarizeDataset(result.dataset);
    expect(summary).toEqual({
      title: 'Minimal example',
      languages: [],
      incidents: 2,
      relations: 3,
      incidentsByCategory: {
        attack: 1,
        military: 0,
        diplomatic: 0,
        statement: 0,
        security: 0,
        information: 0,
        other: 0,
        protest: 1,
      },
      relationsByStance: { alliance: 0, cooperation: 1, neutral: 0, tension: 0, hostility: 2 },
      dateRange: { first: '2023-01-01', last: '2023-06-30' },
      countries: ['AZE', 'IRN', 'ISR'],
      countryPairs: 2,
    });
    expect(formatSummary(summary).split('\n')).toEqual([
      '  title: Minimal example',
      '  2 incidents, 3 relation events',
      '  dates: 2023-01-01 to 2023-06-30',
      '  incidents by category: attack 1, protest 1',
      '  relations by stance: cooperation 1, hostility 2',
      '  countries (3): AZE, IRN, ISR',
      '  country pairs: 2',
    ]);
  });

  it('has no date range for a dataset without features', () => {
    const result = validateDataset({ type: 'FeatureCollection', title: 'Empty', features: [] });
    if (!result.ok) throw new Error('expected a valid empty dataset');
    expect(summarizeDataset(result.dataset)).toMatchObject({ dateRange: null, countryPairs: 0 });
  });
});

describe('the dataset view', () => {
  const viewOf = (view: unknown) => {
    const result = validateDataset(minimalWith((d) => (d.view = view)));
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
    return result.dataset.view;
  };

  it('reads a centre and zoom, or bounds, and is optional', () => {
    expect(viewOf([47, 38, 4])).toEqual({ kind: 'centre', lon: 47, lat: 38, zoom: 4 });
    expect(
      viewOf([
        [30, 28],
        [58, 44],
      ]),
    ).toEqual({ kind: 'bounds', bounds: [30, 28, 58, 44] });
    expect(viewOf(undefined)).toBeUndefined();
  });

  it('says what is wrong with a view it cannot use', () => {
    expectOneProblem(
      minimalWith((d) => (d.view = 'Iran')),
      { path: 'view', says: ['must be a list', '[longitude, latitude, zoom]'] },
    );
    expectOneProblem(
      minimalWith((d) => (d.view = [47, 38])),
      { path: 'view', says: ['neither a centre and zoom nor bounds'] },
    );
    expectOneProblem(
      minimalWith((d) => (d.view = [47, 38, 30])),
      { path: 'view[2]', says: ['(zoom) 30 is outside 0 to 22'] },
    );
    expectOneProblem(
      minimalWith((d) => (d.view = [200, 38, 4])),
      { path: 'view[0]', says: ['outside -180 to 180'] },
    );
    expectOneProblem(
      minimalWith(
        (d) =>
          (d.view = [
            [30, 44],
            [58, 28],
          ]),
      ),
      { path: 'view', says: ['south (44) must be below north (28)'] },
    );
  });
});
