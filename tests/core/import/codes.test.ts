import { describe, expect, it } from 'vitest';
import { countryByCode, countryCodes } from '../../../src/core/model/countries.ts';
import { cameoSpecialCodes, cameoToIso3 } from '../../../src/core/import/codes/cameo.ts';
import { cowAbbreviationToIso3, cowStates, cowToIso3 } from '../../../src/core/import/codes/cow.ts';
import { fipsCodes, fipsToIso3 } from '../../../src/core/import/codes/fips.ts';
import {
  gleditschWardStates,
  gleditschWardToIso3,
} from '../../../src/core/import/codes/gleditschward.ts';
import { isoNumericToIso3 } from '../../../src/core/import/codes/isonumeric.ts';
import type { CodeResult } from '../../../src/core/import/codes/result.ts';

function iso(result: CodeResult): string | undefined {
  return result.ok ? result.iso3 : undefined;
}

function reason(result: CodeResult): string {
  return result.ok ? '' : result.reason;
}

describe('ISO numeric codes (ACLED iso)', () => {
  it.each([
    [4, 'AFG'],
    ['4', 'AFG'],
    ['004', 'AFG'],
    [364, 'IRN'],
    [31, 'AZE'],
    [376, 'ISR'],
    [792, 'TUR'],
    [840, 'USA'],
    [810, 'SUN'],
    [890, 'YUG'],
    [200, 'CSK'],
    [278, 'DDR'],
    [720, 'YMD'],
  ])('%s is %s', (code, expected) => {
    expect(iso(isoNumericToIso3(code))).toBe(expected);
  });

  it('says why an unassigned or malformed code has no country', () => {
    expect(reason(isoNumericToIso3(999))).toContain('"999" is not an ISO 3166-1 numeric');
    expect(reason(isoNumericToIso3('AFG'))).toContain('"AFG" is not an ISO 3166-1 numeric');
    expect(reason(isoNumericToIso3('1000'))).toContain('not an ISO');
  });

  it('maps every numeric code of a country the app knows to that country', () => {
    for (let n = 0; n < 1000; n++) {
      const result = isoNumericToIso3(n);
      if (result.ok) expect(countryByCode(result.iso3)).toBeDefined();
    }
    expect(isoNumericToIso3(364)).toEqual({ ok: true, iso3: 'IRN' });
  });
});

describe('Gleditsch–Ward numbers (UCDP country_id)', () => {
  it.each([
    [630, 'IRN'],
    [373, 'AZE'],
    [666, 'ISR'],
    [640, 'TUR'],
    [2, 'USA'],
    [365, 'RUS'],
    [260, 'DEU'],
    [255, 'DEU'],
    [265, 'DDR'],
    [340, 'SRB'],
    [345, 'YUG'],
    [678, 'YEM'],
    [680, 'YMD'],
    [315, 'CSK'],
    [816, 'VNM'],
    [817, 'RVN'],
    [232, 'AND'],
    ['002', 'USA'],
  ])('%s is %s', (code, expected) => {
    expect(iso(gleditschWardToIso3(code))).toBe(expected);
  });

  it('follow the year where one number spans a state and its successor', () => {
    expect(iso(gleditschWardToIso3(365, 1989))).toBe('SUN');
    expect(iso(gleditschWardToIso3(365, 1992))).toBe('RUS');
    expect(iso(gleditschWardToIso3(365, 1900))).toBe('RUS');
    expect(iso(gleditschWardToIso3(816, 1968))).toBe('VDR');
    expect(iso(gleditschWardToIso3(816, 1979))).toBe('VNM');
  });

  it('name a state without an ISO code, and say when a number is no state', () => {
    expect(reason(gleditschWardToIso3(711))).toBe(
      '"711" is Tibet (Gleditsch–Ward, 1913–1950), a former state with no ISO country code',
    );
    expect(reason(gleditschWardToIso3(679))).toBe('"679" is not a Gleditsch–Ward state number');
    expect(reason(gleditschWardToIso3('x'))).toContain('not a Gleditsch–Ward state number');
  });

  it('map every listed state to a country the app knows, and cover every UN member', () => {
    const codes = new Set<string>();
    for (const state of gleditschWardStates()) {
      if (state.iso3 === null) continue;
      expect(countryByCode(state.iso3), `${state.code} ${state.name}`).toBeDefined();
      codes.add(state.iso3);
    }
    for (const member of UN_SAMPLE) expect(codes.has(member), member).toBe(true);
  });
});

describe('Correlates of War state numbers and abbreviations', () => {
  it.each([
    [2, 'USA'],
    [255, 'DEU'],
    [260, 'DEU'],
    [265, 'DDR'],
    [345, 'YUG'],
    [365, 'RUS'],
    [630, 'IRN'],
    [678, 'YEM'],
    [679, 'YEM'],
    [680, 'YMD'],
    [315, 'CSK'],
    [316, 'CZE'],
    [816, 'VNM'],
    [817, 'RVN'],
    [713, 'TWN'],
    [347, 'XKX'],
  ])('%s is %s', (code, expected) => {
    expect(iso(cowToIso3(code))).toBe(expected);
  });

  it('differ from Gleditsch–Ward where the two lists number a state differently', () => {
    expect(iso(cowToIso3(340))).toBeUndefined();
    expect(iso(gleditschWardToIso3(340))).toBe('SRB');
    expect(iso(cowToIso3(679))).toBe('YEM');
    expect(iso(gleditschWardToIso3(679))).toBeUndefined();
  });

  it('follow the year for Russia, Vietnam and Serbia', () => {
    expect(iso(cowToIso3(365, 1962))).toBe('SUN');
    expect(iso(cowToIso3(365, 2014))).toBe('RUS');
    expect(iso(cowToIso3(816, 1965))).toBe('VDR');
    expect(iso(cowToIso3(345, 1914))).toBe('SRB');
    expect(iso(cowToIso3(345, 1999))).toBe('YUG');
    expect(iso(cowToIso3(345, 2008))).toBe('SRB');
  });

  it.each([
    ['GMY', 'DEU'],
    ['GFR', 'DEU'],
    ['GDR', 'DDR'],
    ['UKG', 'GBR'],
    ['ukg', 'GBR'],
    ['YAR', 'YEM'],
    ['YPR', 'YMD'],
    ['RVN', 'RVN'],
    ['DRV', 'VNM'],
    ['CZE', 'CSK'],
    ['CZR', 'CZE'],
  ])('abbreviation %s is %s', (code, expected) => {
    expect(iso(cowAbbreviationToIso3(code))).toBe(expected);
  });

  it('say why a state or abbreviation has no country', () => {
    expect(reason(cowToIso3(245))).toBe(
      '"245" is Bavaria (Correlates of War, 1816–1871), a former state with no ISO country code',
    );
    expect(reason(cowAbbreviationToIso3('XYZ'))).toContain(
      'not a Correlates of War state abbreviation',
    );
    expect(reason(cowAbbreviationToIso3('RUS', 1980))).toBe('');
    expect(iso(cowAbbreviationToIso3('RUS', 1980))).toBe('SUN');
  });

  it('map every listed state to a country the app knows, and cover every UN member', () => {
    const codes = new Set<string>();
    for (const state of cowStates()) {
      // In its last year, so that 345 counts as Serbia.
      const result = cowToIso3(state.code, state.lastYear);
      if (!result.ok) continue;
      expect(countryByCode(result.iso3), `${state.code} ${state.name}`).toBeDefined();
      codes.add(result.iso3);
    }
    for (const member of UN_SAMPLE) expect(codes.has(member), member).toBe(true);
  });
});

describe('CAMEO country codes (GDELT actors)', () => {
  it.each([
    ['IRN', 'IRN'],
    ['AZE', 'AZE'],
    ['USA', 'USA'],
    ['ROM', 'ROU'],
    ['TMP', 'TLS'],
    ['ZAR', 'COD'],
    ['rus', 'RUS'],
  ])('%s is %s', (code, expected) => {
    expect(iso(cameoToIso3(code))).toBe(expected);
  });

  it('say that a region or a generic actor is not a state', () => {
    expect(reason(cameoToIso3('AFR'))).toBe(
      '"AFR" is CAMEO\'s code for Africa, a region, not a state',
    );
    expect(reason(cameoToIso3('MEA'))).toContain('the Middle East, a region');
    expect(reason(cameoToIso3('EUR'))).toContain('Europe, a region');
    expect(reason(cameoToIso3('IGO'))).toContain('intergovernmental organisation, not a state');
    expect(reason(cameoToIso3('QQQ'))).toBe('"QQQ" is not a CAMEO country code');
  });

  it('keep regions and generic codes apart from every country code', () => {
    const { old, regions, international } = cameoSpecialCodes();
    for (const code of [...regions, ...international]) {
      expect(countryByCode(code), code).toBeUndefined();
      expect(cameoToIso3(code).ok).toBe(false);
    }
    for (const code of old) expect(countryByCode(code), code).toBeUndefined();
    for (const code of countryCodes()) expect(iso(cameoToIso3(code))).toBe(code);
  });
});

describe('FIPS 10-4 codes (GDELT places)', () => {
  it.each([
    ['NI', 'NGA'],
    ['NU', 'NIC'],
    ['AU', 'AUT'],
    ['AS', 'AUS'],
    ['IR', 'IRN'],
    ['AJ', 'AZE'],
    ['IS', 'ISR'],
    ['TU', 'TUR'],
    ['US', 'USA'],
    ['UK', 'GBR'],
    ['RS', 'RUS'],
    ['KV', 'XKX'],
    ['OD', 'SSD'],
    ['gm', 'DEU'],
  ])('%s is %s', (code, expected) => {
    expect(iso(fipsToIso3(code))).toBe(expected);
  });

  it('says when a code is not FIPS, and maps every code to a country the app knows', () => {
    expect(reason(fipsToIso3('XX'))).toBe('"XX" is not a FIPS 10-4 country code');
    const seen = new Set<string>();
    for (const [fips, iso3] of fipsCodes()) {
      expect(countryByCode(iso3), fips).toBeDefined();
      seen.add(iso3);
    }
    for (const member of UN_SAMPLE) expect(seen.has(member), member).toBe(true);
  });
});

/**
 * UN members every numbered list must cover, chosen where the lists trip people up: states
 * that changed name, code or borders, microstates, and the newest members.
 */
const UN_SAMPLE = [
  'AND',
  'ATG',
  'AZE',
  'BIH',
  'COD',
  'CZE',
  'DEU',
  'ERI',
  'FSM',
  'IRN',
  'ISR',
  'KIR',
  'LIE',
  'MCO',
  'MKD',
  'MMR',
  'MNE',
  'NRU',
  'PLW',
  'RUS',
  'SMR',
  'SRB',
  'SSD',
  'SVK',
  'TLS',
  'TUR',
  'TUV',
  'UKR',
  'USA',
  'VNM',
  'YEM',
];
