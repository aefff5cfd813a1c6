/**
 * `npm run snapshot -- …`: publication images of the map from the command line, for
 * pipelines. Serves the built app, opens it in headless Chromium at the requested size and
 * calls the same export code as the app's Export dialog through `window.tensionMap`, so the
 * CLI and the app can never draw different pictures. The same arguments always give the
 * same file.
 *
 * Errors are one line on stderr: exit 2 for bad arguments, 1 for anything else.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dayFromIso, isoFromDay } from '../core/model/dates.ts';
import type { Dataset } from '../core/model/schema.ts';
import { MIN_SNAPSHOT_SIZE, SIZE_PRESETS, frameDays, parseStep } from '../core/export/snapshot.ts';
import { commandFromText, parseView, type CommandField } from '../core/commands/command.ts';
import { LIST_FILTERS, normalizeFilters, type Filters } from '../core/filter/filters.ts';
import { formatUrlState } from '../core/commands/urlstate.ts';
import type { Calendar, Language } from '../core/i18n/locale.ts';
import type { Theme } from '../core/style/palette.ts';
import { datasetDays } from '../core/time/extent.ts';
import { sliderRange } from '../core/time/timeline.ts';
import { formatProblem, type ValidationResult } from '../core/validation/validate.ts';
import { repoPath, startServer } from './serve.ts';
import { readError, validateFile } from './files.ts';
import { localText } from '../core/i18n/localtext.ts';

/** What `--help` prints: every option and a few examples. */
export const USAGE = `usage: npm run snapshot -- --out FILE [options]

  --date YYYY-MM-DD        the day to show (default: the dataset's last day)
  --view LON,LAT,ZOOM      the map's centre and zoom (default: fit the data)
  --size WIDTHxHEIGHT      image size in CSS pixels (default 1200x675), or a preset:
                           16:9, 1:1, 4:5 (social), a4 or letter (print, with margins)
  --title TEXT             the image's title (default: the dataset's)
  --subtitle TEXT          a line under the title
  --note TEXT              a note above the credits
  --byline TEXT            a byline under the sources
  --scale N                device pixels per CSS pixel, 0.25 to 8 (default 1)
  --data FILE.geojson      a dataset instead of the built-in one
  --select ID              highlight an incident or relation event
  --mode cumulative|window what the date shows (default cumulative)
  --window DAYS            window length in days (implies --mode window)
  --category A,B           only these incident categories (likewise --status, --precision)
  --country IRN,AZE        only incidents and relationships involving these countries
  --stance A,B             only relationships in these stances
  --q WORDS                only features whose title or summary has all these words
  --lang en|fa|ar|he|az|tr|ru
                           the language of the legend, dates and numbers (default en);
                           Persian, Arabic and Hebrew lay the legend out right to left
  --calendar persian|gregory
                           the calendar of the dates (default: the language's own)
  --theme light|dark       the map's and image's colours (default light)
  --no-legend              leave the legend out
  --transparent            no basemap, transparent background
  --from YYYY-MM-DD --to YYYY-MM-DD [--every 7d|2w|1m]
                           a frame per step, on its last day, the last on --to: PNG files frame-0001.png … in the --out
                           folder, or one animated GIF or WebM video with --format
  --format png|gif|webm|svg|pdf
                           (default png); svg and pdf draw the map as shapes and the
                           words as text in the bundled fonts, for print and editing
  --page a4|letter         with svg or pdf: a print page instead of --size
  --fps N                  GIF or WebM frames per second (default 4)
  -h, --help               this text

examples:
  npm run snapshot -- --date 2023-01-27 --view 47,38,4 --size 1200x675 --scale 2 --out map.png
  npm run snapshot -- --from 2022-08-01 --to 2023-01-31 --every 7d --out frames/
  npm run snapshot -- --from 2022-08-01 --to 2023-01-31 --every 7d --format gif --out map.gif
  npm run snapshot -- --date 2023-01-27 --view 47,38,4 --format pdf --page a4 --out map.pdf
  npm run snapshot -- --date 2023-01-27 --view 47,38,4 --lang fa --out map-fa.png
  npm run snapshot -- --data my.geojson --date 2023-01-27 --mode window --window 30 --out map.png`;

/** Everything a snapshot run needs, checked. */
export interface SnapshotArgs {
  out: string;
  date?: string;
  view?: string;
  size: { width: number; height: number };
  /** Blank margin around the image's content, from a print preset. */
  margin: number;
  /** Title, subtitle, note and byline, when given. */
  text: { title?: string; subtitle?: string; note?: string; byline?: string };
  scale: number;
  data?: string;
  select?: string;
  mode: 'cumulative' | 'window';
  window?: number;
  legend: boolean;
  transparent: boolean;
  /** Frames: first and last date and the step between them. */
  frames?: { from: string; to: string; every: string };
  /** What to show besides time (`--category attack,military`, `--country IRN`, `--q embassy`). */
  filters: Filters;
  format: 'png' | 'gif' | 'webm' | 'svg' | 'pdf';
  /** A print page for SVG and PDF. */
  page?: 'a4' | 'letter';
  /** Light or dark; light when not given. */
  theme?: Theme;
  fps: number;
  /** The language and calendar of the image's words and dates. */
  lang?: Language;
  calendar?: Calendar;
}

/** The outcome of reading the command line. */
export type ParsedArgs =
  { kind: 'help' } | { kind: 'run'; args: SnapshotArgs } | { kind: 'error'; message: string };

const VALUE_OPTIONS = [
  'date',
  'view',
  'size',
  'scale',
  'out',
  'data',
  'select',
  'mode',
  'window',
  'from',
  'to',
  'every',
  'format',
  'page',
  'fps',
  ...LIST_FILTERS,
  'q',
  'lang',
  'calendar',
  'theme',
  'title',
  'subtitle',
  'note',
  'byline',
] as const;
const FLAG_OPTIONS = ['no-legend', 'transparent', 'help'] as const;
type ValueOption = (typeof VALUE_OPTIONS)[number];

/**
 * Reads and checks the command line (without `node` and the script). Pure: it neither
 * reads files nor checks dates against a dataset, which the runner does next.
 */
export function parseSnapshotArgs(argv: readonly string[]): ParsedArgs {
  const values: Partial<Record<ValueOption, string>> = {};
  const flags = new Set<string>();
  const error = (message: string): ParsedArgs => ({ kind: 'error', message });
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') continue;
    if (arg === '-h') return { kind: 'help' };
    if (!arg.startsWith('--')) return error(`unexpected argument "${arg}"; options start with --`);
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if ((FLAG_OPTIONS as readonly string[]).includes(name)) {
      if (inline !== undefined) return error(`--${name} takes no value`);
      flags.add(name);
    } else if ((VALUE_OPTIONS as readonly string[]).includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined || (inline === undefined && value.startsWith('--'))) {
        return error(`--${name} needs a value`);
      }
      if (values[name as ValueOption] !== undefined) return error(`--${name} is given twice`);
      values[name as ValueOption] = value;
    } else {
      return error(`unknown option --${name}`);
    }
  }
  if (flags.has('help')) return { kind: 'help' };

  if (!values.out) return error('--out is missing: say where to write the image');
  // The map's own fields are checked by the rules every entry point shares.
  // A snapshot draws the map alone, so a country's profile panel is no option here; --from
  // and --to are an animation's frames (a window is --mode window --window DAYS).
  const { command, problems } = commandFromText((field: CommandField) =>
    field === 'profile' || field === 'from' || field === 'to' ? undefined : values[field],
  );
  const [refused] = problems;
  if (refused) return error(`--${refused.field} "${refused.value}" is not ${refused.expected}`);
  for (const name of ['from', 'to'] as const) {
    const value = values[name];
    if (value !== undefined && dayFromIso(value) === null) {
      return error(`--${name} "${value}" is not a calendar date YYYY-MM-DD`);
    }
  }
  let size = { width: 1200, height: 675 };
  let margin = 0;
  const preset = SIZE_PRESETS.find((p) => p.id === values.size?.toLowerCase());
  if (preset) {
    size = { width: preset.width, height: preset.height };
    margin = preset.margin;
  } else if (values.size !== undefined) {
    const match = /^(\d{1,5})x(\d{1,5})$/.exec(values.size);
    const width = Number(match?.[1]);
    const height = Number(match?.[2]);
    if (
      !match ||
      width < MIN_SNAPSHOT_SIZE.width ||
      height < MIN_SNAPSHOT_SIZE.height ||
      width > 8192 ||
      height > 8192
    ) {
      return error(
        `--size "${values.size}" is not WIDTHxHEIGHT in pixels from ${MIN_SNAPSHOT_SIZE.width}x${MIN_SNAPSHOT_SIZE.height} to 8192x8192, e.g. 1200x675, or a preset (${SIZE_PRESETS.map((p) => p.id).join(', ')})`,
      );
    }
    size = { width, height };
  }
  const scale = values.scale === undefined ? 1 : Number(values.scale);
  if (!/^\d+(\.\d+)?$/.test(values.scale ?? '1') || scale < 0.25 || scale > 8) {
    return error(`--scale "${values.scale}" is not a number from 0.25 to 8`);
  }
  const mode = command.mode ?? (command.window !== undefined ? 'window' : 'cumulative');
  const formats = ['png', 'gif', 'webm', 'svg', 'pdf'] as const;
  const format = formats.find((f) => f === (values.format ?? 'png'));
  if (!format) return error(`--format "${values.format}" is not png, gif, webm, svg or pdf`);
  const isVector = format === 'svg' || format === 'pdf';
  const page = (['a4', 'letter'] as const).find((p) => p === values.page);
  if (values.page !== undefined && !page)
    return error(`--page "${values.page}" is not a4 or letter`);
  if (page && !isVector) return error('--page needs --format svg or pdf');
  const fps = values.fps === undefined ? 4 : Number(values.fps);
  if (!/^\d+(\.\d+)?$/.test(values.fps ?? '4') || fps <= 0 || fps > 50) {
    return error(
      `--fps "${values.fps}" is not a number of frames per second above 0 and at most 50`,
    );
  }

  let frames: SnapshotArgs['frames'];
  const hasFrames = values.from !== undefined || values.to !== undefined;
  if (hasFrames) {
    if (values.from === undefined || values.to === undefined)
      return error('--from and --to go together');
    if (values.date !== undefined)
      return error('use --date for one image, or --from and --to for frames, not both');
    if (isVector) return error(`--format ${format} makes one image; leave out --from and --to`);
    const every = values.every ?? '7d';
    const step = parseStep(every);
    if (!step) return error(`--every "${every}" is not a step such as 7d, 2w or 1m`);
    try {
      frameDays(dayFromIso(values.from)!, dayFromIso(values.to)!, step);
    } catch (cause) {
      return error(`--from/--to: ${(cause as Error).message}`);
    }
    frames = { from: values.from, to: values.to, every };
  } else {
    if (values.every !== undefined) return error('--every needs --from and --to');
    if (format === 'gif' || format === 'webm') {
      return error(`--format ${format} needs --from and --to`);
    }
  }

  const text: SnapshotArgs['text'] = {};
  for (const name of ['title', 'subtitle', 'note', 'byline'] as const) {
    if (values[name] !== undefined) text[name] = values[name];
  }
  const args: SnapshotArgs = {
    out: values.out,
    size,
    margin,
    text,
    scale,
    mode,
    legend: !flags.has('no-legend'),
    transparent: flags.has('transparent'),
    format,
    fps,
    filters: normalizeFilters(command),
  };
  if (values.date !== undefined) args.date = values.date;
  if (values.view !== undefined) args.view = values.view;
  if (values.data !== undefined) args.data = values.data;
  if (values.select !== undefined) args.select = values.select;
  if (command.lang) args.lang = command.lang;
  if (command.calendar) args.calendar = command.calendar;
  if (command.window !== undefined) args.window = command.window;
  if (frames) args.frames = frames;
  if (page) args.page = page;
  if (command.theme) args.theme = command.theme;
  return { kind: 'run', args };
}

/** A problem the runner reports as one line before exiting non-zero. */
class CliError extends Error {}

/** Reads and validates the dataset the run shows; `name` is how messages call the file. */
async function loadDataset(file: string, name: string): Promise<Dataset> {
  let result: ValidationResult;
  try {
    result = await validateFile(file);
  } catch (error) {
    throw new CliError(`cannot read data file ${name}: ${readError(error)}`);
  }
  if (!result.ok) {
    const count = result.problems.length;
    throw new CliError(
      `${name} is not a valid dataset (${count} problem${count === 1 ? '' : 's'}, the first: ${formatProblem(result.problems[0]!)}); npm run validate -- ${name} lists them all`,
    );
  }
  return result.dataset;
}

/**
 * Refuses dates outside the dataset's range and unknown `--select` ids, which the app would
 * silently clamp or ignore.
 */
function checkAgainstDataset(args: SnapshotArgs, dataset: Dataset): void {
  if (
    args.select &&
    ![...dataset.incidents, ...dataset.relations].some((f) => f.id === args.select)
  ) {
    throw new CliError(`--select: no incident or relation event has the id "${args.select}"`);
  }
  // The slider's range, as the app clamps to it.
  const days = datasetDays(dataset);
  const range = days ? sliderRange(days.first, days.last) : sliderRange(0, 0);
  const span = `${isoFromDay(range.start)} to ${isoFromDay(range.end)}`;
  const dates: [string, string | undefined][] = [
    ['--date', args.date],
    ['--from', args.frames?.from],
    ['--to', args.frames?.to],
  ];
  for (const [name, value] of dates) {
    const day = value === undefined ? null : dayFromIso(value);
    if (day !== null && (day < range.start || day > range.end)) {
      throw new CliError(`${name} ${value} is outside the dataset's range, ${span}`);
    }
  }
}

/** The last line of sense in an error thrown inside the page, without Playwright's prefixes. */
function pageErrorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.split('\n').find((l) => l.trim() !== '') ?? text;
  return line.replace(/^[\w.]+: /, '').replace(/^(\w*Error): /, '');
}

function dataFromUrl(dataUrl: string): Buffer {
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
}

/** Builds the app when `dist/` is missing, as the browser tests do. */
async function ensureBuilt(): Promise<void> {
  if (existsSync(repoPath('dist', 'index.html'))) return;
  const { build } = await import('vite');
  await build({ configFile: repoPath('vite.config.ts'), logLevel: 'warn' });
}

/** Runs a parsed command line; returns the lines to print. Throws `CliError` on failure. */
async function run(args: SnapshotArgs): Promise<string[]> {
  const dataFile = args.data
    ? resolve(args.data)
    : repoPath('geojson', 'caspian-2022-2023.geojson');
  const dataset = await loadDataset(dataFile, args.data ?? dataFile);
  checkAgainstDataset(args, dataset);
  const { CHROMIUM_PATH: chromiumPath, launchChromium } = await import('./chromium.ts');
  if (!existsSync(chromiumPath)) {
    throw new CliError(
      `Chromium not found at ${chromiumPath}; install Debian's chromium package or set CHROMIUM_PATH`,
    );
  }
  await ensureBuilt();
  const server = await startServer(repoPath('dist'), dirname(dataFile));
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  try {
    try {
      browser = await launchChromium();
    } catch (error) {
      throw new CliError(`Chromium at ${chromiumPath} did not start: ${pageErrorMessage(error)}`);
    }
    const page = await browser.newPage({ viewport: args.size, deviceScaleFactor: 1 });
    const query = formatUrlState({
      date: args.date ?? args.frames?.from,
      view: args.view === undefined ? undefined : parseView(args.view),
      select: args.select,
      mode: args.mode === 'window' ? 'window' : undefined,
      window: args.window,
      ...args.filters,
      lang: args.lang ?? 'en',
      calendar: args.calendar,
      theme: args.theme,
      data: args.data && `/fixtures/${encodeURIComponent(basename(dataFile))}`,
    });
    await page.goto(`${server.origin}/${query}`);
    await page.waitForFunction(() => window.tensionMap !== undefined);
    await page.evaluate(() => window.tensionMap.ready);
    const state = await page.evaluate(() => window.tensionMap.getState());
    if (state.title !== localText(dataset.title, args.lang ?? 'en', dataset.language))
      throw new CliError(`the app did not load ${dataFile}`);
    const image = {
      ...args.text,
      margin: args.margin,
      size: args.size,
      scale: args.scale,
      legend: args.legend,
      transparent: args.transparent,
    };
    const out = resolve(args.out);
    try {
      if (args.format === 'svg' || args.format === 'pdf') {
        const dataUrl = await page.evaluate((options) => window.tensionMap.exportVector(options), {
          size: args.size,
          legend: args.legend,
          transparent: args.transparent,
          format: args.format,
          ...(args.page ? { page: args.page } : {}),
        });
        mkdirSync(dirname(out), { recursive: true });
        writeFileSync(out, dataFromUrl(dataUrl));
        return [`${args.out}: ${state.date}`];
      }
      if (!args.frames) {
        const dataUrl = await page.evaluate(
          (options) => window.tensionMap.exportImage(options),
          image,
        );
        mkdirSync(dirname(out), { recursive: true });
        writeFileSync(out, dataFromUrl(dataUrl));
        return [`${args.out}: ${state.date}`];
      }
      const animation = { ...image, ...args.frames, fps: args.fps };
      if (args.format !== 'png') {
        const { dataUrl, dates } = await page.evaluate(
          (options) => window.tensionMap.exportAnimation(options),
          { ...animation, format: args.format },
        );
        mkdirSync(dirname(out), { recursive: true });
        writeFileSync(out, dataFromUrl(dataUrl));
        return [`${args.out}: ${dates.length} frames, ${dates[0]} to ${dates.at(-1)}`];
      }
      mkdirSync(out, { recursive: true });
      const written: string[] = [];
      await page.exposeFunction(
        '__tensionMapSnapshotFrame',
        (index: number, date: string, dataUrl: string) => {
          const name = `frame-${String(index + 1).padStart(4, '0')}.png`;
          writeFileSync(join(out, name), dataFromUrl(dataUrl));
          written.push(`${join(args.out, name)}: ${date}`);
        },
      );
      await page.evaluate(
        (options) =>
          window.tensionMap.exportFrames(options, (index, date, dataUrl) =>
            (window as unknown as Record<string, (...a: unknown[]) => Promise<void>>)
              .__tensionMapSnapshotFrame!(index, date, dataUrl),
          ),
        animation,
      );
      return written;
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw new CliError(pageErrorMessage(error));
    }
  } finally {
    await browser?.close();
    await server.close();
  }
}

/** Runs the command line and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseSnapshotArgs(argv);
  if (parsed.kind === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (parsed.kind === 'error') {
    console.error(`snapshot: ${parsed.message} (see --help)`);
    return 2;
  }
  try {
    for (const line of await run(parsed.args)) console.log(line);
    return 0;
  } catch (error) {
    const message = error instanceof CliError ? error.message : pageErrorMessage(error);
    console.error(`snapshot: ${message.replace(/\s*\n\s*/g, ' ')}`);
    return 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
