/**
 * Puts the bundled fonts (`src/core/style/fonts.ts`) into a document and waits for them.
 * They are registered with the FontFace API rather than a stylesheet because `@font-face`
 * rules do nothing inside a shadow root: faces added to `document.fonts` serve the page and
 * every `<tension-map>` element on it, and their URLs can follow the script's own location.
 */
import {
  FONT_DIRECTORY,
  FONT_FILES,
  UI_FONT_FAMILY,
  UI_FONT_WEIGHTS,
} from '../core/style/fonts.ts';

/**
 * Registers the bundled fonts under `UI_FONT_FAMILY`, with files from `assetBase` (where
 * `basemap/` is served, no trailing slash). Idempotent: a second map or element on the same
 * page finds the faces already there. Nothing is downloaded yet; the browser fetches a file
 * when text in its `unicode-range` is laid out.
 */
export function installFonts(assetBase: string): void {
  // Chromium reports the family with the quotes it was given in, others without.
  if ([...document.fonts].some((face) => face.family.includes(UI_FONT_FAMILY))) return;
  for (const font of FONT_FILES) {
    const url = `${assetBase}/${FONT_DIRECTORY}/${font.file}`;
    const face = new FontFace(UI_FONT_FAMILY, `url("${url}")`, {
      weight: String(font.weight),
      unicodeRange: font.unicodeRange.join(),
    });
    document.fonts.add(face);
  }
}

/**
 * Resolves once the text laid out so far is drawn with the bundled fonts: the Latin faces of
 * every weight are loaded, and every file that laid-out text asked for has arrived. Layout is
 * forced first so the files of a Persian or Cyrillic title are already requested. A file that
 * fails to load is reported on the console and not waited for, so the map still starts.
 */
export async function fontsLoaded(): Promise<void> {
  document.documentElement.getBoundingClientRect();
  try {
    await Promise.all(
      UI_FONT_WEIGHTS.map((weight) => document.fonts.load(`${weight} 16px "${UI_FONT_FAMILY}"`)),
    );
  } catch (error) {
    console.warn('fonts did not load', error);
  }
  await document.fonts.ready;
}
