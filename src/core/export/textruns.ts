/**
 * A line of text cut into runs that one bundled font file draws, in the order they appear
 * from left to right: what a PDF needs, where each file is a font of its own and nothing
 * reorders right-to-left text. Arabic-script and Hebrew words form right-to-left runs (their letters
 * are reversed and joined by the font's shaping, fontkit's layout), with the spaces and
 * punctuation between two of them; a line whose first strong letter is Arabic script reads
 * right to left as a whole. Numbers and other scripts are left to right.
 */
import { FONT_FILES, type FontFile } from '../style/fonts.ts';

/** A piece of a line set in one font file. */
export interface TextRun {
  text: string;
  file: FontFile;
  rtl: boolean;
}

/** First and last code point of each range of a `unicode-range` list. */
function ranges(file: FontFile): [number, number][] {
  let parsed = RANGES.get(file);
  if (!parsed) {
    parsed = file.unicodeRange.map((range) => {
      const [first, last] = range.replace(/^U\+/i, '').split('-');
      return [Number.parseInt(first!, 16), Number.parseInt(last ?? first!, 16)];
    });
    RANGES.set(file, parsed);
  }
  return parsed;
}
const RANGES = new WeakMap<FontFile, [number, number][]>();

/** Whether a bundled file's `unicode-range` covers a code point. */
export function fontFileCovers(file: FontFile, codePoint: number): boolean {
  return ranges(file).some(([first, last]) => codePoint >= first && codePoint <= last);
}

/**
 * The bundled file of `weight` that draws a code point: the first that covers it, as the
 * browser and MapLibre pick them, else the Latin file (whose missing glyph is then drawn).
 */
export function fontFileFor(codePoint: number, weight: number): FontFile {
  const files = FONT_FILES.filter((f) => f.weight === weight);
  return (
    files.find((f) => fontFileCovers(f, codePoint)) ??
    files.find((f) => f.subset === 'latin') ??
    FONT_FILES[0]!
  );
}

type Direction = 'L' | 'R' | 'N';

/** Right-to-left letters (Arabic script), left-to-right letters and digits, or neutral. */
function directionOf(char: string): Direction {
  if (/[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u.test(char)) return 'R';
  if (/[\p{L}\p{N}]/u.test(char)) return 'L';
  return 'N';
}

/**
 * The runs of one line of text in `weight`, left to right as they are drawn. A run's own
 * characters stay in reading order; the font's layout reverses a right-to-left run's letters.
 * The line reads the way its first strong letter does, or right to left when `rtl` is set
 * (a line of a right-to-left language's image that starts with a Latin name).
 */
export function textRuns(text: string, weight: number, rtl = false): TextRun[] {
  const chars = [...text];
  const directions = chars.map(directionOf);
  const base: 'L' | 'R' = rtl ? 'R' : (directions.find((d) => d !== 'N') ?? 'L');
  // Neutrals take the direction of the letters on both sides, else the line's.
  const resolved = directions.map((d, i) => {
    if (d !== 'N') return d;
    const before =
      directions
        .slice(0, i)
        .reverse()
        .find((x) => x !== 'N') ?? base;
    const after = directions.slice(i + 1).find((x) => x !== 'N') ?? base;
    return before === after ? before : base;
  });
  // Level runs: stretches of one direction.
  const levels: { rtl: boolean; chars: string[] }[] = [];
  chars.forEach((char, i) => {
    const rtl = resolved[i] === 'R';
    const last = levels.at(-1);
    if (last && last.rtl === rtl) last.chars.push(char);
    else levels.push({ rtl, chars: [char] });
  });
  if (base === 'R') levels.reverse();
  const runs: TextRun[] = [];
  for (const level of levels) {
    const pieces: TextRun[] = [];
    for (const char of level.chars) {
      const point = char.codePointAt(0)!;
      // Spaces inside a right-to-left run stay with its letters' font, which has them.
      const previous = pieces.at(-1);
      const file =
        level.rtl && previous && directionOf(char) === 'N' && /\s/u.test(char)
          ? previous.file
          : fontFileFor(point, weight);
      if (previous && previous.file === file) previous.text += char;
      else pieces.push({ text: char, file, rtl: level.rtl });
    }
    runs.push(...(level.rtl ? pieces.reverse() : pieces));
  }
  return runs;
}

/**
 * The WOFF file beside a bundled WOFF2 file, which the PDF embeds: fontkit, which subsets the
 * fonts for the PDF, cannot read the glyphs of a WOFF2 file. `build-basemap` copies both.
 */
export function woffFileOf(file: FontFile): string {
  return file.file.replace(/\.woff2$/, '.woff');
}
