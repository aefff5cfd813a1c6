import { describe, expect, it } from 'vitest';
import {
  countryByCode,
  countryCodes,
  countryName,
  formerCountryCodes,
  suggestCountryCodes,
} from '../../../src/core/model/countries.ts';
import { FORMER_COUNTRIES } from '../../../src/core/model/formercountries.ts';

describe('country lookups', () => {
  it('know alpha-3 codes, Kosovo included, and fall back to the code for a name', () => {
    expect(countryByCode('IRN')?.iso2).toBe('IR');
    expect(countryByCode('irn')).toBeUndefined();
    expect(countryName('XKX')).toBe('Kosovo');
    expect(countryName('ZZZ')).toBe('ZZZ');
    expect(countryCodes()).toContain('AZE');
  });
});

describe('former states', () => {
  it('are known by their former ISO codes, anchored at their capital of the time', () => {
    expect(countryByCode('SUN')).toMatchObject({ name: 'Soviet Union', anchor: [37.618, 55.756] });
    expect(countryByCode('YUG')?.anchor).toEqual([20.457, 44.817]);
    expect(countryName('DDR')).toBe('East Germany');
    expect(countryName('RVN')).toBe('South Vietnam');
    expect(formerCountryCodes()).toEqual(['SUN', 'YUG', 'CSK', 'DDR', 'YMD', 'VDR', 'RVN']);
    expect(countryCodes()).not.toContain('SUN');
  });

  it('use no code of a country today', () => {
    const today = new Set(countryCodes());
    for (const state of FORMER_COUNTRIES) expect(today.has(state.iso3)).toBe(false);
  });

  it('are found by name', () => {
    expect(suggestCountryCodes('soviet union')).toEqual(['SUN']);
    expect(suggestCountryCodes('Czechoslovakia')).toEqual(['CSK']);
  });
});

describe('suggestCountryCodes', () => {
  it.each([
    ['irn', 'IRN'],
    [' IRN ', 'IRN'],
    ['IR', 'IRN'],
    ['ir', 'IRN'],
    ['US', 'USA'],
    ['UK', 'GBR'],
    ['EL', 'GRC'],
    ['Iran', 'IRN'],
    ['IRAN', 'IRN'],
    ['United Kingdom', 'GBR'],
    ['Türkiye', 'TUR'],
    ['Turkiye', 'TUR'],
  ])('gives the one country %j names outright: %s', (input, code) => {
    expect(suggestCountryCodes(input)).toEqual([code]);
  });

  it.each([
    ['GER', 'DEU'],
    ['SUI', 'CHE'],
    ['NED', 'NLD'],
    ['POR', 'PRT'],
    ['DEN', 'DNK'],
    ['CRO', 'HRV'],
    ['IRI', 'IRN'],
    ['KSA', 'SAU'],
    ['UAE', 'ARE'],
    ['RSA', 'ZAF'],
    ['ALG', 'DZA'],
    ['BUL', 'BGR'],
    ['GRE', 'GRC'],
    ['LAT', 'LVA'],
    ['MAS', 'MYS'],
  ])('reads the IOC/FIFA code %s, not an ISO code, as %s', (input, code) => {
    expect(countryByCode(input)).toBeUndefined();
    expect(suggestCountryCodes(input)[0]).toBe(code);
    expect(suggestCountryCodes(input.toLowerCase())[0]).toBe(code);
  });

  it('ranks codes one edit away by the start they share with the input, then by name', () => {
    // Iran and Iraq start like "IRA"; Ireland only like "IR"; Brazil (BRA) not at all.
    expect(suggestCountryCodes('IRA')).toEqual(['IRN', 'IRQ', 'IRL']);
    expect(suggestCountryCodes('AZR')).toEqual(['AZE']);
  });

  it('puts the one country whose name starts with the input first', () => {
    expect(suggestCountryCodes('Azerb')).toEqual(['AZE']);
    expect(suggestCountryCodes('Swi')[0]).toBe('CHE');
    // "Ira" starts both Iran and Iraq: no single name, so the nearest codes.
    expect(suggestCountryCodes('Ira')).toEqual(['IRN', 'IRQ', 'IRL']);
  });

  it('gives nothing when nothing is close', () => {
    expect(suggestCountryCodes('ZZZ')).toEqual([]);
    expect(suggestCountryCodes('   ')).toEqual([]);
    expect(suggestCountryCodes('the Islamic Republic')).toEqual([]);
  });

  it('gives at most three known codes, without repeats', () => {
    for (const input of ['IRA', 'GE', 'SWE ', 'Ca', 'XXK', 'A', 'Republic', 'KOR1']) {
      const codes = suggestCountryCodes(input);
      expect(codes.length).toBeLessThanOrEqual(3);
      expect(new Set(codes).size).toBe(codes.length);
      for (const code of codes) expect(countryByCode(code)).toBeDefined();
    }
  });
});
