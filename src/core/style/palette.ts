/**
 * Colours and second cues for categories, statuses and stances.
 *
 * Categories use the Okabe–Ito palette (with a dark grey for "other"), chosen to stay
 * distinguishable under the common colour-vision deficiencies. Every incident mark has a dark
 * outline, so light fills still stand out from the land at WCAG's 3:1 for graphics. Stances use
 * a blue–grey–red diverging scale (ColorBrewer RdBu, darkened to 3:1 against the land) and
 * always carry a second cue, line width and dash pattern, so colour is never the only signal.
 * `tests/core/style/palette.test.ts` checks all of this under simulated colour-vision deficiencies.
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

/** Outline of every incident mark, and its disputed dot (see `marks.ts`). */
export const MARK_OUTLINE = '#222222';

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
  cooperation: { label: 'Cooperation', color: '#4393C3', width: 2.5, dash: null },
  neutral: { label: 'Neutral', color: '#767676', width: 1.5, dash: null },
  tension: { label: 'Tension', color: '#D6604D', width: 2.5, dash: [3, 2] },
  hostility: { label: 'Hostility', color: '#B2182B', width: 4, dash: [1, 1] },
};
