/**
 * The bundled fonts: Noto Sans (Latin, Latin Extended, Cyrillic, Greek), Vazirmatn (Arabic
 * script) and Noto Sans Hebrew in regular and semibold, copied from their @fontsource packages into
 * `basemap/fonts/` by `src/cli/build-basemap.ts`. The page's text, the basemap labels and
 * exported images all draw with these files, so a screenshot has the same pixels on every
 * machine whatever fonts it has installed. Each file carries the `unicode-range` @fontsource
 * subset it to, so a browser fetches only the files the text on screen needs.
 */

/** The family name the page's text and exported images use for the bundled files. */
export const UI_FONT_FAMILY = 'Tension Map UI';

/**
 * The `font-family` value of the app's root element. The generic fallback is only there so
 * a missing file degrades to readable text; the font test fails if it is ever used.
 */
export const UI_FONT_STACK = `"${UI_FONT_FAMILY}", sans-serif`;

/** The weights the interface uses: regular text and semibold headings (`bold` resolves to 600). */
export const UI_FONT_WEIGHTS = [400, 600] as const;

/** One bundled font file as @fontsource ships it. */
export interface FontFile {
  file: string;
  /** The @fontsource subset: `latin`, `latin-ext`, `cyrillic`, `greek`, `arabic` or `hebrew`. */
  subset: string;
  weight: (typeof UI_FONT_WEIGHTS)[number];
  unicodeRange: readonly string[];
}

/**
 * Vazirmatn's Arabic subset. MapLibre turns Arabic letters into presentation forms
 * (U+FB50–FDFF, U+FE70–FEFF) before it looks up a glyph, so those blocks must resolve to this
 * file too; the zero-width non-joiner and the direction marks (U+200C–200F) go here rather
 * than to Noto's Latin file, which also claims U+2000–206F.
 */
const ARABIC = 'U+0600-06FF,U+0750-077F,U+08A0-08FF,U+FB50-FDFF,U+FE70-FEFF,U+200C-200F';

/**
 * Noto Sans Hebrew's Hebrew subset: the letters and points, the presentation forms (U+FB1D–FB4F,
 * just below Vazirmatn's) and the shekel sign. The marks @fontsource also puts in this file
 * (combining dots, U+200C–2010) are left to the files that already claim them, so the ranges
 * of one weight still overlap only in invisible marks.
 */
const HEBREW = 'U+0590-05FF,U+FB1D-FB4F,U+20AA';

/**
 * Noto Sans subsets, with the ranges @fontsource cut each file to (its `unicode.json`), in
 * its comma-separated form, which weighs less in the page's first script than arrays.
 */
const NOTO_SUBSETS: Record<'latin' | 'latin-ext' | 'cyrillic' | 'greek', string> = {
  latin:
    'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD',
  'latin-ext':
    'U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF',
  cyrillic: 'U+0301,U+0400-045F,U+0490-0491,U+04B0-04B1,U+2116',
  greek: 'U+0370-0377,U+037A-037F,U+0384-038A,U+038C,U+038E-03A1,U+03A3-03FF',
};

/**
 * Every bundled file, Vazirmatn and Noto Sans Hebrew first because MapLibre takes the first
 * file whose range covers a codepoint. The ranges of one weight overlap only in the invisible marks listed
 * under {@link ARABIC}, so the browser's own order (last face first) changes no glyph.
 */
export const FONT_FILES: readonly FontFile[] = UI_FONT_WEIGHTS.flatMap((weight) => [
  {
    file: `vazirmatn-arabic-${weight}-normal.woff2`,
    subset: 'arabic',
    weight,
    unicodeRange: ARABIC.split(','),
  },
  {
    file: `noto-sans-hebrew-hebrew-${weight}-normal.woff2`,
    subset: 'hebrew',
    weight,
    unicodeRange: HEBREW.split(','),
  },
  ...Object.entries(NOTO_SUBSETS).map(([subset, ranges]) => ({
    file: `noto-sans-${subset}-${weight}-normal.woff2`,
    subset,
    weight,
    unicodeRange: ranges.split(','),
  })),
]);

/** The npm package a bundled file is copied from. */
export function fontPackage(font: FontFile): string {
  if (font.subset === 'arabic') return '@fontsource/vazirmatn';
  if (font.subset === 'hebrew') return '@fontsource/noto-sans-hebrew';
  return '@fontsource/noto-sans';
}

/** Where the bundled font files are served, below the app's asset base. */
export const FONT_DIRECTORY = 'basemap/fonts';
