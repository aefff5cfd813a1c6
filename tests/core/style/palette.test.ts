/**
 * The palettes stay readable for people with colour-vision deficiencies, and text meets
 * WCAG AA contrast. Colour is never the only cue (stances also differ in width and dash),
 * but it should still work on its own for as many readers as possible.
 */
import {
  differenceCiede2000,
  filterDeficiencyDeuter,
  filterDeficiencyProt,
  filterDeficiencyTrit,
  parse,
  wcagContrast,
  type Color,
} from 'culori';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CATEGORY_COLORS,
  MARK_OUTLINE,
  STANCE_STYLES,
  THEME_COLORS,
  THEMES,
} from '../../../src/core/style/palette.ts';
import { STANCES } from '../../../src/core/model/schema.ts';

const difference = differenceCiede2000();
type Vision = (color: Color) => Color;
const VISIONS: Record<string, Vision> = {
  typical: (c) => c,
  protanopia: filterDeficiencyProt(1),
  deuteranopia: filterDeficiencyDeuter(1),
  tritanopia: filterDeficiencyTrit(1),
};
/** Smallest CIEDE2000 difference between any two colours of a palette under a vision. */
function closestPair(hexes: string[], see: Vision): { pair: string; delta: number } {
  const colors = hexes.map((hex) => see(parse(hex)!));
  let best = { pair: '', delta: Infinity };
  for (let i = 0; i < colors.length; i++) {
    for (let j = i + 1; j < colors.length; j++) {
      const delta = difference(colors[i]!, colors[j]!);
      if (delta < best.delta) best = { pair: `${hexes[i]} / ${hexes[j]}`, delta };
    }
  }
  return best;
}

describe('colour-blindness simulation', () => {
  // 10 is a clearly visible difference between two marks of this size (ΔE00 ≈ 2.3 is a
  // just-noticeable difference for large patches).
  const MIN_DELTA = 10;

  for (const [vision, see] of Object.entries(VISIONS)) {
    it(`keeps incident categories apart for ${vision}`, () => {
      const closest = closestPair(Object.values(CATEGORY_COLORS), see);
      expect(closest.delta, closest.pair).toBeGreaterThan(MIN_DELTA);
    });

    it(`keeps stances apart for ${vision}`, () => {
      const closest = closestPair(
        STANCES.map((s) => STANCE_STYLES[s].color),
        see,
      );
      expect(closest.delta, closest.pair).toBeGreaterThan(MIN_DELTA);
    });
  }

  it('gives every stance a second cue besides colour', () => {
    const cues = STANCES.map(
      (s) => `${STANCE_STYLES[s].width}/${STANCE_STYLES[s].dash?.join(',') ?? 'solid'}`,
    );
    expect(new Set(cues).size).toBe(STANCES.length);
  });
});

describe('contrast', () => {
  it('meets WCAG AA (4.5:1) for the text colours the interface uses on white', () => {
    for (const text of [
      '#1d1d1d',
      '#222222',
      '#333333',
      '#444444',
      '#555555',
      '#666666',
      '#1a5fb4',
      '#8a4b00',
    ]) {
      expect(wcagContrast(text, '#ffffff'), text).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('keeps map marks at 3:1 against land and sea (WCAG 1.4.11, graphics)', () => {
    for (const background of ['#f5f3ef', '#dde6ec']) {
      // Incident marks are told apart from the map by their outline, whatever their fill.
      expect(wcagContrast(MARK_OUTLINE, background)).toBeGreaterThanOrEqual(3);
    }
    // Arcs lie on a white casing over the land.
    for (const stance of STANCES) {
      const color = STANCE_STYLES[stance].color;
      expect(wcagContrast(color, '#f5f3ef'), stance).toBeGreaterThanOrEqual(3);
      expect(wcagContrast(color, '#ffffff'), stance).toBeGreaterThanOrEqual(3);
    }
  });
});

/**
 * The interface's colours of each theme, read from `src/ui/theme.css`: the light block on
 * `.tm-theme`, and the dark block overriding it.
 */
function interfaceColors(): Record<string, Record<string, string>> {
  const css = readFileSync(new URL('../../../src/ui/theme.css', import.meta.url), 'utf8');
  const block = (selector: string) => {
    const start = css.indexOf(`${selector} {`);
    const body = css.slice(start, css.indexOf('}', start));
    return Object.fromEntries(
      [...body.matchAll(/--tm-([\w-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1]!, m[2]!]),
    );
  };
  const light = block('.tm-theme');
  return { light, dark: { ...light, ...block(".tm-theme[data-theme='dark']") } };
}

describe.each(THEMES)('the %s theme', (theme) => {
  const colors = THEME_COLORS[theme];
  const grounds = { land: colors.land, sea: colors.ocean };

  it('sets every mark off from the land and sea by its outline (3:1, WCAG 1.4.11)', () => {
    for (const [name, ground] of Object.entries(grounds)) {
      expect(wcagContrast(colors.markOutline, ground), name).toBeGreaterThanOrEqual(3);
    }
    // The status centre inside a mark, and the disputed dot in that centre.
    expect(wcagContrast(colors.markOutline, colors.markCentre)).toBeGreaterThanOrEqual(3);
  });

  it('keeps each stance at 3:1 against its casing, and the arc at 3:1 from land and sea', () => {
    for (const stance of STANCES) {
      const color = STANCE_STYLES[stance].color;
      expect(wcagContrast(color, colors.arcCasing), stance).toBeGreaterThanOrEqual(3);
      // Either the stroke or its casing stands out from the ground under the arc: most arcs
      // cross the sea as well as the land (WCAG 1.4.11, non-text contrast).
      for (const [name, ground] of Object.entries(grounds)) {
        const apart = Math.max(wcagContrast(color, ground), wcagContrast(colors.arcCasing, ground));
        expect(apart, `${stance} on ${name}`).toBeGreaterThanOrEqual(3);
      }
    }
  });

  it('keeps outlines and arcs apart from the land and sea for every vision', () => {
    const seen = (see: Vision, a: string, b: string) => difference(see(parse(a)!), see(parse(b)!));
    for (const [vision, see] of Object.entries(VISIONS)) {
      for (const [name, ground] of Object.entries(grounds)) {
        const outline = seen(see, colors.markOutline, ground);
        expect(outline, `outline on ${name} for ${vision}`).toBeGreaterThan(10);
        for (const stance of STANCES) {
          const color = STANCE_STYLES[stance].color;
          const arc = Math.max(seen(see, color, ground), seen(see, colors.arcCasing, ground));
          expect(arc, `${stance} on ${name} for ${vision}`).toBeGreaterThan(10);
        }
      }
    }
  });

  it('meets WCAG AA (4.5:1) for labels on the map and text in exports', () => {
    expect(wcagContrast(colors.countryLabel, colors.land)).toBeGreaterThanOrEqual(4.5);
    expect(wcagContrast(colors.labelText, colors.labelHalo)).toBeGreaterThanOrEqual(4.5);
    for (const text of [colors.text, colors.muted]) {
      expect(wcagContrast(text, colors.paper), text).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('meets WCAG AA (4.5:1) for the interface text on its surfaces', () => {
    const ui = interfaceColors()[theme]!;
    expect(Object.keys(ui).length).toBeGreaterThanOrEqual(10);
    for (const ground of [ui.surface!, ui.subtle!]) {
      for (const text of ['text', 'muted', 'accent', 'error']) {
        expect(wcagContrast(ui[text]!, ground), `${text} on ${ground}`).toBeGreaterThanOrEqual(4.5);
      }
    }
    expect(wcagContrast(ui['on-accent']!, ui.accent!)).toBeGreaterThanOrEqual(4.5);
    expect(wcagContrast(ui.text!, ui.warning!)).toBeGreaterThanOrEqual(4.5);
    // Lines and control borders are decoration, but a dark theme must stay dark.
    if (theme === 'dark') expect(wcagContrast(ui.surface!, '#000000')).toBeLessThan(2);
  });
});
