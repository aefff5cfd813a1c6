/**
 * What the built app weighs: the files in `dist/`, gzipped, split into MapLibre's share, the
 * app's own share and the basemap's. Used by the size budget test and the benchmark.
 *
 * MapLibre is by far the largest part of the bundle and is not ours to shrink, so budgets
 * are set on what is left once its files are taken out. `vite.config.ts` puts MapLibre in a
 * chunk of its own; the files are still recognised by their content rather than their
 * names, so a renamed chunk or a changed split shows up as a failure instead of a wrong sum.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { basemapStyle, loadCountries } from '../core/style/basemap.ts';
import { FONT_DIRECTORY, FONT_FILES } from '../core/style/fonts.ts';

/** Gzipped size in bytes at the highest level, as a well-configured static host would serve it. */
export function gzipSize(content: Buffer | string): number {
  return gzipSync(content, { level: 9 }).length;
}

/**
 * Strings found in MapLibre's code and in no file of ours: a class name its `Map` sets on
 * the canvas container, and a function its worker exposes. Both appear in 6.x, minified or
 * not; if a release drops them, the budget test fails saying MapLibre was not found.
 */
const MAPLIBRE_MARKERS = ['maplibregl-canvas-container', 'registerWorkerSource'];
/** A string only the app's own code holds (the automation global), never MapLibre. */
const APP_MARKER = 'tensionMap';
/** A rule MapLibre's stylesheet defines. */
const MAPLIBRE_CSS_MARKER = '.maplibregl-canvas-container';

/** Who a JavaScript file belongs to, judged by its content. */
export function scriptOwner(text: string): 'maplibre' | 'app' | 'mixed' {
  const library = MAPLIBRE_MARKERS.some((marker) => text.includes(marker));
  const app = text.includes(APP_MARKER);
  if (library && app) return 'mixed';
  return library ? 'maplibre' : 'app';
}

/** Gzipped size of MapLibre's own stylesheet, as the package ships it. */
export function mapLibreCssGzip(): number {
  const require = createRequire(import.meta.url);
  return gzipSize(readFileSync(require.resolve('maplibre-gl/dist/maplibre-gl.css')));
}

/**
 * MapLibre's share of a stylesheet's gzipped size: none when the file does not hold
 * MapLibre's rules; all of it when the file is MapLibre's stylesheet alone; otherwise (its
 * rules bundled with ours) the package stylesheet's own gzipped size, so the app is charged
 * only for the rest. Gzip is not additive, so the split of a mixed file is close, not exact.
 */
export function cssMapLibreShare(text: string, gzip: number, libraryCssGzip: number): number {
  if (!text.includes(MAPLIBRE_CSS_MARKER)) return 0;
  return Math.min(gzip, libraryCssGzip);
}

/** One file of the build with its sizes and owner. */
export interface BuiltFile {
  /** Path inside `dist/`, with forward slashes. */
  path: string;
  bytes: number;
  gzip: number;
  /** Gzipped bytes charged to MapLibre (all of them for its chunks, part of a mixed CSS file). */
  mapLibreGzip: number;
}

/** The first view's JavaScript and CSS, split between MapLibre and the app. */
export interface CodeBudget {
  /** What `index.html` loads before the app can start, and MapLibre's worker. */
  files: BuiltFile[];
  /** Gzipped bytes of MapLibre's JS (main chunk and worker) and CSS. */
  mapLibreGzip: number;
  /** Gzipped bytes of the first view's other JS and CSS: what the 80 KB budget covers. */
  appGzip: number;
  /**
   * JS and CSS the first view does not load: chunks imported on demand (exports) and other
   * entry points (the `<tension-map>` script). Listed, neither classified nor budgeted.
   */
  later: BuiltFile[];
  /** Problems that make the split untrustworthy (no MapLibre chunk, MapLibre mixed with the app). */
  problems: string[];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Attribute values of every `tag` element in some HTML, as name → value maps. */
function tags(html: string, tag: string): Map<string, string>[] {
  return [...html.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'gi'))].map(
    (match) =>
      new Map(
        [...match[1]!.matchAll(/([\w-]+)(?:\s*=\s*"([^"]*)")?/g)].map((a) => [
          a[1]!.toLowerCase(),
          a[2] ?? '',
        ]),
      ),
  );
}

/**
 * Static imports and re-exports of a bundled module (`import{a as b}from"./x.js"`,
 * `import"./x.js"`, `export*from"./x.js"`); `import("./x.js")`, which loads on demand, does
 * not match.
 */
const STATIC_IMPORT = /\b(?:import|export)\s*(?:[\w$*{}\s,]*?from\s*)?["'](\.{1,2}\/[^"']+)["']/g;

/**
 * Workers a bundled module starts from a literal URL (`new Worker("/assets/x.js")`, also
 * wrapped in `new URL(…, import.meta.url)`): the app's dataset worker starts on every first
 * view, so its script is part of what the first view downloads.
 */
const WORKER_URL = /\bnew\s+(?:Shared)?Worker\(\s*(?:new\s+URL\(\s*)?[`'"]([^`'"]+\.m?js)[`'"]/g;

/**
 * The JavaScript and CSS a visitor's browser loads for the first view: the scripts and
 * stylesheets `index.html` names (module preloads included), every module they import
 * statically, and the workers they start from a literal URL, as absolute paths. Chunks
 * imported on demand (`import("./x.js")`) are left out.
 */
export function firstViewCode(dist: string): string[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const resolveRef = (ref: string, from: string) =>
    ref.startsWith('/') ? join(dist, ref) : join(dirname(from), ref);
  const queue: string[] = [];
  for (const script of tags(html, 'script')) {
    const src = script.get('src');
    if (src && !/^[a-z]+:/i.test(src)) queue.push(resolveRef(src, join(dist, 'index.html')));
  }
  for (const link of tags(html, 'link')) {
    const href = link.get('href');
    const rel = link.get('rel') ?? '';
    if (href && /^(stylesheet|modulepreload)$/.test(rel) && !/^[a-z]+:/i.test(href)) {
      queue.push(resolveRef(href, join(dist, 'index.html')));
    }
  }
  const seen = new Set<string>();
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    if (!/\.m?js$/.test(file)) continue;
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(STATIC_IMPORT)) queue.push(resolveRef(match[1]!, file));
    for (const match of text.matchAll(WORKER_URL)) {
      if (!/^[a-z]+:/i.test(match[1]!)) queue.push(resolveRef(match[1]!, file));
    }
  }
  return [...seen];
}

/**
 * Sizes the first view's JavaScript and CSS, plus MapLibre's worker, whose URL MapLibre
 * builds at run time (source maps never count: browsers fetch them only for developer
 * tools), and charges each file to MapLibre or the app by its content.
 */
export function codeBudget(dist: string): CodeBudget {
  const libraryCss = mapLibreCssGzip();
  const firstView = new Set(firstViewCode(dist));
  const problems: string[] = [];
  const files: BuiltFile[] = [];
  const later: BuiltFile[] = [];
  for (const file of filesUnder(dist)) {
    if (!/\.(m?js|css)$/.test(file)) continue;
    const content = readFileSync(file);
    const text = content.toString('utf8');
    const gzip = gzipSize(content);
    const path = relative(dist, file).split(sep).join('/');
    const isCss = file.endsWith('.css');
    const owner = isCss ? undefined : scriptOwner(text);
    const mapLibreGzip = isCss
      ? cssMapLibreShare(text, gzip, libraryCss)
      : owner === 'maplibre'
        ? gzip
        : 0;
    const sized = { path, bytes: content.length, gzip, mapLibreGzip };
    const isWorker = owner === 'maplibre' && text.includes('registerWorkerSource');
    if (!firstView.has(file) && !isWorker) {
      // Not classified: another entry point may bundle MapLibre inline on purpose (the
      // one-file embed), and the app marker is the full app's alone.
      later.push({ ...sized, mapLibreGzip: 0 });
      continue;
    }
    if (owner === 'mixed') {
      problems.push(
        `${path} holds both MapLibre and the app: MapLibre is not in a chunk of its own`,
      );
    }
    files.push(sized);
  }
  if (!files.some((f) => !f.path.endsWith('.css') && f.mapLibreGzip > 0) && problems.length === 0) {
    problems.push('no JavaScript file of MapLibre found in the first view');
  }
  const mapLibreGzip = files.reduce((sum, f) => sum + f.mapLibreGzip, 0);
  const appGzip = files.reduce((sum, f) => sum + f.gzip - f.mapLibreGzip, 0);
  return { files, mapLibreGzip, appGzip, later, problems };
}

/**
 * The basemap files the first view fetches, as paths inside `dist/`: the ones the basemap
 * style names (label points, every declared font file) and the countries `loadCountries`
 * downloads, plus the Latin files of the page's own text. Read from the style code itself,
 * so a file added to the basemap is counted without touching the budget test. Fonts are all
 * counted, although MapLibre fetches only those whose `unicode-range` the labels on screen
 * need: an upper bound.
 */
export async function basemapFirstViewFiles(): Promise<string[]> {
  const origin = 'http://app.invalid';
  const fetched: string[] = [];
  const recordingFetch = (async (url: string | URL | Request) => {
    fetched.push(String(url));
    const empty = {
      type: 'Topology',
      arcs: [],
      objects: { countries: { type: 'GeometryCollection', geometries: [] } },
    };
    return new Response(JSON.stringify(empty));
  }) as typeof fetch;
  const countries = await loadCountries(origin, recordingFetch);
  const style = basemapStyle({ origin, countries });
  const urls = [...fetched];
  for (const source of Object.values(style.sources)) {
    if ('data' in source && typeof source.data === 'string') urls.push(source.data);
  }
  for (const faces of Object.values(style['font-faces'] ?? {})) {
    const list = Array.isArray(faces) ? faces : [faces];
    for (const face of list) urls.push(typeof face === 'string' ? face : face.url);
  }
  // The page's own text: `fontsLoaded` waits for the Latin file of every weight.
  for (const font of FONT_FILES.filter((f) => f.subset === 'latin')) {
    urls.push(`${origin}/${FONT_DIRECTORY}/${font.file}`);
  }
  return [...new Set(urls)].map((url) => new URL(url, origin).pathname.slice(1));
}

/** Gzipped sizes of the first view's basemap files; throws naming a file that is missing. */
export async function basemapBudget(dist: string): Promise<{ files: BuiltFile[]; gzip: number }> {
  const files = (await basemapFirstViewFiles()).map((path) => {
    const content = readFileSync(join(dist, path));
    return { path, bytes: content.length, gzip: gzipSize(content), mapLibreGzip: 0 };
  });
  return { files, gzip: files.reduce((sum, f) => sum + f.gzip, 0) };
}

/** Kilobytes (1024 bytes) with one decimal, for messages and tables. */
export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
