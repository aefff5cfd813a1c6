/**
 * States that no longer exist but fill the Correlates of War, ATOP and UCDP data, under the
 * ISO 3166-1 alpha-3 codes they had before ISO 3166-3 retired them. Each is drawn on today's
 * basemap with its arc anchor at its capital of the time. Written by hand: the codes and
 * alpha-2 codes are those ISO 3166-3 lists as former codes, the capitals common knowledge.
 *
 * South Vietnam is the exception: ISO gave it `VNM`, which unified Vietnam took over in
 * 1976, so it is `RVN` here (the Republic of Vietnam, as COW and Gleditsch–Ward abbreviate
 * it) and a map can hold both Vietnams of 1954–1975. North Yemen needs no entry: ISO coded
 * it `YEM` and unified Yemen kept that code.
 */
import type { LonLat } from './schema.ts';

/** A former state: its former alpha-3 code, English name and capital of the time. */
export interface FormerCountry {
  iso3: string;
  /** The former alpha-2 code, or `''` where ISO gave the state none of its own. */
  iso2: string;
  name: string;
  /** The capital of the time, where its arcs start: [longitude, latitude]. */
  anchor: LonLat;
}

/** Every former state the app knows, by code. */
export const FORMER_COUNTRIES: readonly FormerCountry[] = [
  {
    iso3: 'SUN',
    iso2: 'SU',
    name: 'Soviet Union',
    anchor: [37.618, 55.756], // Moscow
  },
  {
    iso3: 'YUG',
    iso2: 'YU',
    name: 'Yugoslavia',
    anchor: [20.457, 44.817], // Belgrade
  },
  {
    iso3: 'CSK',
    iso2: 'CS',
    name: 'Czechoslovakia',
    anchor: [14.421, 50.088], // Prague
  },
  {
    iso3: 'DDR',
    iso2: 'DD',
    name: 'East Germany',
    anchor: [13.41, 52.52], // East Berlin
  },
  {
    iso3: 'YMD',
    iso2: 'YD',
    name: 'South Yemen',
    anchor: [45.037, 12.779], // Aden
  },
  {
    iso3: 'VDR',
    iso2: 'VD',
    name: 'North Vietnam',
    anchor: [105.854, 21.029], // Hanoi
  },
  {
    iso3: 'RVN',
    iso2: '',
    name: 'South Vietnam',
    anchor: [106.7, 10.776], // Saigon
  },
];
