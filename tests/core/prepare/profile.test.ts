import { describe, expect, it } from 'vitest';
import { builtInDataset } from '../../builtin.ts';
import { dayFromIso, isoFromDay } from '../../../src/core/model/dates.ts';
import { countryName } from '../../../src/core/model/countries.ts';
import { buildDyads } from '../../../src/core/model/relations.ts';
import {
  countryPartners,
  incidentChart,
  MAX_MONTH_BARS,
  periodStart,
} from '../../../src/core/prepare/profile.ts';

const dataset = builtInDataset();
const dyads = buildDyads(dataset.relations);
const day = (iso: string) => dayFromIso(iso)!;

describe('countryPartners', () => {
  it('gives Iran’s partners by name with the stance now and the changes so far', () => {
    const partners = countryPartners(dyads, 'IRN', day('2023-02-01'), countryName);
    expect(partners.map((p) => [p.partner, p.current?.stance])).toEqual([
      ['AZE', 'hostility'],
      ['ISR', 'hostility'],
      ['USA', 'tension'],
    ]);
    expect(partners[0]!.history.map((e) => e.stance)).toEqual([
      'tension',
      'hostility',
      'hostility',
    ]);
  });

  it('leaves out partners with nothing recorded yet', () => {
    const partners = countryPartners(dyads, 'IRN', day('2022-09-01'), countryName);
    expect(partners.map((p) => [p.partner, p.current?.id])).toEqual([['AZE', 'aze-irn-2022-08']]);
    expect(countryPartners(dyads, 'IRN', day('2021-01-01'), countryName)).toEqual([]);
  });
});

describe('incidentChart', () => {
  const categories = dataset.categories.map((c) => c.id);
  const range = { start: day('2022-01-01'), end: day('2023-01-31') };

  it('counts Iran’s incidents by month and category up to the day', () => {
    const chart = incidentChart(dataset.incidents, 'IRN', day('2023-01-31'), range, categories);
    expect(chart.unit).toBe('month');
    expect(chart.starts.map(isoFromDay)).toHaveLength(13);
    expect(isoFromDay(chart.starts[9]!)).toBe('2022-10-01');
    const october = chart.counts[9]!;
    expect(october[categories.indexOf('military')]).toBe(1);
    expect(october[categories.indexOf('information')]).toBe(1);
    const january = chart.counts[12]!;
    expect(january.reduce((a, b) => a + b, 0)).toBe(6);
    expect(january[categories.indexOf('attack')]).toBe(1);
    expect(chart.max).toBe(6);
    expect(chart.total).toBe(9);
  });

  it('counts only what began by the day', () => {
    const chart = incidentChart(dataset.incidents, 'IRN', day('2022-12-31'), range, categories);
    expect(chart.total).toBe(3);
    expect(chart.counts[12]!.every((n) => n === 0)).toBe(true);
  });

  it('counts long ranges by year, before 1900 too', () => {
    const long = { start: day('1816-03-05'), end: day('2014-02-20') };
    const chart = incidentChart([], 'IRN', long.end, long, categories);
    expect(chart.unit).toBe('year');
    expect(chart.starts.length).toBeGreaterThan(MAX_MONTH_BARS);
    expect(isoFromDay(chart.starts[0]!)).toBe('1816-01-01');
    expect(isoFromDay(chart.starts.at(-1)!)).toBe('2014-01-01');
    expect(chart.max).toBe(1);
    expect(isoFromDay(periodStart(day('0099-07-09'), 'month'))).toBe('0099-07-01');
  });
});
