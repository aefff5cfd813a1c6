/**
 * Colours and second cues for categories, statuses and stances.
 *
 * Categories use the Okabe–Ito palette (with a dark grey for "other"), chosen to stay
 * distinguishable under the common colour-vision deficiencies. Every incident mark has a dark
 * outline, so light fills still stand out from the land at WCAG's 3:1 for graphics. Stances use
 * a blue–grey–red diverging scale (ColorBrewer RdBu; cooperation and tension darkened in OKLCH,
 * hue and chroma kept, to 3:1 against the light sea, the darker of its grounds) and always carry a second cue, line width and dash pattern, so colour is never the only signal.
 * `tests/core/style/palette.test.ts` checks all of this under simulated colour-vision deficiencies.
 *
 * A dark theme keeps the category and stance colours, so a reader who knows the light map
 * knows the dark one; what changes is everything around them (`THEME_COLORS`): the land and
 * sea, and the outlines and casings that set the marks off from them, light on a dark map.
 */
import type { Stance } from '../model/schema.ts';

/** Colour of each built-in incident category. */
export const CATEGORY_COLORS: Record<string, string> = {
  attack: '#D55E00',
  military: '#0072B2',
  diplomatic: '#009E73',
  statement: '#CC79A7',
  security: '#E69F00',
  information: '#56B4E9',
  other: '#3D3D3D',
};

/** Readable labels of the built-in incident categories. */
export const CATEGORY_LABELS: Record<string, string> = {
  attack: 'Attack',
  military: 'Military activity',
  diplomatic: 'Diplomatic move',
  statement: 'Statement',
  security: 'Security incident',
  information: 'Information operation',
  other: 'Other',
};

/**
 * Outline of every incident mark in the light theme, the default. A literal rather than read
 * from `THEME_COLORS`, so code that needs only this colour (the loading worker) does not
 * carry every theme's table.
 */
export const MARK_OUTLINE = '#222222';

/** A colour scheme of the map, its interface and its exports. */
export type Theme = 'light' | 'dark';

/** The themes, the default first. */
export const THEMES: readonly Theme[] = ['light', 'dark'];

/** The colours a theme sets; categories and stances keep theirs in every theme. */
export interface ThemeColors {
  /** The basemap: sea, land, borders, country labels (haloed in the land colour). */
  ocean: string;
  land: string;
  border: string;
  countryLabel: string;
  /** Outline of every incident mark, and its disputed dot (see `marks.ts`). */
  markOutline: string;
  /** The centre that shows a mark's status (a dot or ring of the background's tone). */
  markCentre: string;
  /** The edge under every arc, which sets it off from the land. */
  arcCasing: string;
  /** The incident labels on the map, and their halo. */
  labelText: string;
  labelHalo: string;
  /** An exported image's page, its text, and its legend box. */
  paper: string;
  text: string;
  muted: string;
  legendFill: string;
  legendBorder: string;
}

/** Each theme's colours; `palette.test.ts` checks their contrast and colour-vision distances. */
export const THEME_COLORS: Record<Theme, ThemeColors> = {
  light: {
    ocean: '#dde6ec',
    land: '#f5f3ef',
    border: '#b9b3a8',
    countryLabel: '#6a6e75',
    markOutline: MARK_OUTLINE,
    markCentre: '#ffffff',
    arcCasing: '#ffffff',
    labelText: '#222222',
    labelHalo: '#ffffff',
    paper: '#ffffff',
    text: '#1d1d1d',
    muted: '#555555',
    legendFill: 'rgba(255, 255, 255, 0.95)',
    legendBorder: '#dddddd',
  },
  dark: {
    ocean: '#18222d',
    land: '#2f343b',
    border: '#5c636d',
    countryLabel: '#a3aab3',
    markOutline: '#f2f2f2',
    markCentre: '#1e2227',
    arcCasing: '#f5f5f5',
    labelText: '#f0f0f0',
    labelHalo: '#18222d',
    paper: '#1e2227',
    text: '#e8eaed',
    muted: '#b4bac2',
    legendFill: 'rgba(30, 34, 39, 0.95)',
    legendBorder: '#4a5058',
  },
};

/** How each stance is drawn: colour, width in pixels, and dash pattern (in line widths). */
export interface StanceStyle {
  label: string;
  color: string;
  width: number;
  dash: [number, number] | null;
}

/** Stance encodings, friendliest first. */
export const STANCE_STYLES: Record<Stance, StanceStyle> = {
  alliance: { label: 'Alliance', color: '#2166AC', width: 4, dash: null },
  cooperation: { label: 'Cooperation', color: '#3889B9', width: 2.5, dash: null },
  neutral: { label: 'Neutral', color: '#767676', width: 1.5, dash: null },
  tension: { label: 'Tension', color: '#D35D4B', width: 2.5, dash: [3, 2] },
  hostility: { label: 'Hostility', color: '#B2182B', width: 4, dash: [1, 1] },
};
