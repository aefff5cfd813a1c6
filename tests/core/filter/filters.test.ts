import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../src/core/commands/command.ts';
import { formatUrlState, parseUrlState } from '../../../src/core/commands/urlstate.ts';
import {
  filterMask,
  foldText,
  incidentMatches,
  isUnfiltered,
  normalizeFilters,
  relationMatches,
  searchText,
} from '../../../src/core/filter/filters.ts';
import { builtInDataset } from '../../builtin.ts';

const dataset = builtInDataset();
const ids = (mask: Uint8Array) =>
  dataset.incidents.filter((_, i) => mask[i] === 1).map((incident) => incident.id);

describe('filters', () => {
  it('show everything when empty', () => {
    expect(isUnfiltered({})).toBe(true);
    expect(isUnfiltered({ category: [], q: '' })).toBe(true);
    expect(ids(filterMask(dataset.incidents, {}))).toHaveLength(dataset.incidents.length);
  });

  it('combine fields with AND and the values of one field with OR', () => {
    const attacks = ids(filterMask(dataset.incidents, { category: ['attack'] }));
    expect(attacks).toContain('tehran-embassy-attack');
    const attacksOrMilitary = ids(
      filterMask(dataset.incidents, { category: ['attack', 'military'] }),
    );
    expect(attacksOrMilitary.length).toBeGreaterThan(attacks.length);
    const attacksInIran = ids(
      filterMask(dataset.incidents, { category: ['attack'], country: ['IRN'] }),
    );
    for (const id of attacksInIran) expect(attacks).toContain(id);
    for (const incident of dataset.incidents.filter((i) => attacksInIran.includes(i.id))) {
      expect(incident.countries).toContain('IRN');
    }
  });

  it('search all words in titles and summaries, in any case and without accents', () => {
    expect(foldText('Türkiye Tehrān')).toBe('turkiye tehran');
    const found = ids(filterMask(dataset.incidents, { q: 'EMBASSY tehran' }));
    expect(found).toContain('tehran-embassy-attack');
    for (const incident of dataset.incidents.filter((i) => found.includes(i.id))) {
      expect(searchText(incident)).toMatch(/embassy/);
    }
    // Titles in every language are searched, whatever the language shown.
    expect(ids(filterMask(dataset.incidents, { q: 'سفارت تهران' }))).toEqual([
      'tehran-embassy-attack',
    ]);
    expect(ids(filterMask(dataset.incidents, { q: 'Tehrandakı SƏFIRLIYINƏ' }))).toEqual([
      'tehran-embassy-attack',
    ]);
    expect(ids(filterMask(dataset.incidents, { q: 'no such words anywhere' }))).toEqual([]);
  });

  it('keep relationships under incident-only filters, and filter them by stance and country', () => {
    const event = dataset.relations.find((r) => r.id === 'aze-isr-2022-11-18')!;
    expect(relationMatches(event, { category: ['attack'], status: ['disputed'] })).toBe(true);
    expect(relationMatches(event, { stance: ['hostility'] })).toBe(false);
    expect(relationMatches(event, { stance: ['alliance'], country: ['ISR'] })).toBe(true);
    expect(relationMatches(event, { country: ['IRN'] })).toBe(false);
    const incident = dataset.incidents[0]!;
    expect(incidentMatches(incident, { stance: ['hostility'] })).toBe(true);
  });

  it('normalise to sorted, unique, non-empty fields', () => {
    expect(
      normalizeFilters({ country: ['IRN', 'AZE', 'IRN'], category: [], q: '  embassy ' }),
    ).toEqual({ country: ['AZE', 'IRN'], q: 'embassy' });
  });
});

describe('filters in links and commands', () => {
  it('round-trip through the URL', () => {
    const { state, problems } = parseUrlState(
      '?category=attack,military&country=IRN&status=confirmed&precision=city&stance=hostility&q=embassy%20attack',
    );
    expect(problems).toEqual([]);
    expect(state).toEqual({
      category: ['attack', 'military'],
      country: ['IRN'],
      status: ['confirmed'],
      precision: ['city'],
      stance: ['hostility'],
      q: 'embassy attack',
    });
    expect(parseUrlState(formatUrlState(state)).state).toEqual(state);
  });

  it('refuse values that are not codes or known statuses, naming the field', () => {
    expect(parseUrlState('?country=Iran&status=rumoured').problems).toEqual([
      'URL parameter country="Iran" ignored: use a list of ISO 3166-1 alpha-3 codes such as IRN,AZE',
      'URL parameter status="rumoured" ignored: use a list of confirmed, reported, claimed, disputed, separated by commas',
    ]);
    expect(parseCommand({ category: ['attack'], country: 'IRN,AZE', q: '' })).toEqual({
      ok: true,
      value: { category: ['attack'], country: ['IRN', 'AZE'], q: '' },
    });
    expect(parseCommand({ stance: ['war'] }).ok).toBe(false);
  });
});
