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
import { describe, expect, it } from 'vitest';
import { CATEGORY_COLORS, MARK_OUTLINE, STANCE_STYLES } from '../../../src/core/style/palette.ts';
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
