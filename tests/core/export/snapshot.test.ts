import { builtInDataset } from '../../builtin.ts';
import { describe, expect, it } from 'vitest';
import { dayFromIso, isoFromDay } from '../../../src/core/model/dates.ts';
import { legendModel, legendShown, nothingShown } from '../../../src/core/style/legend.ts';
import { buildDyads, stanceEventAt } from '../../../src/core/model/relations.ts';
import { arcFeatures } from '../../../src/core/prepare/mapdata.ts';
import { CATEGORY_COLORS, STANCE_STYLES } from '../../../src/core/style/palette.ts';
import { STATUS_CENTRE } from '../../../src/core/style/marks.ts';
import {
  attributionParts,
  canvasLimitProblem,
  dateLine,
  drawnOnMap,
  drawnShapes,
  fitText,
  FOOTER_HEIGHT,
  frameDays,
  HEADER_HEIGHT,
  imageSizeForMap,
  mapPixelSize,
  parseStep,
  plainAttribution,
  resolveScale,
  slugify,
  snapshotFileName,
  snapshotLayout,
  SnapshotError,
  shapeHitsRect,
  SIZE_PRESETS,
  sourceLabels,
  sourceLine,
  type DrawnShape,
  type MeasureText,
  type Rect,
  legendMarkCentre,
  LEGEND_SWATCH,
  mirrorLegend,
} from '../../../src/core/export/snapshot.ts';
import { validateDataset } from '../../../src/core/validation/validate.ts';
import { ENGLISH_MESSAGES } from '../../../src/i18n/catalogues.ts';
import { speakerFor } from '../../../src/i18n/speaker.ts';

const english = speakerFor(ENGLISH_MESSAGES);

/** A stand-in for `measureText`: 6 px per character whatever the font. */
const measure: MeasureText = (text) => [...text].length * 6;
const day = (iso: string) => dayFromIso(iso)!;

const builtIn = builtInDataset;

/** Small discs over the whole map and beyond, so no corner of it is free for a legend. */
function discsEverywhere(): DrawnShape[] {
  const discs: DrawnShape[] = [];
  for (let x = -700; x <= 700; x += 20)
    for (let y = -700; y <= 700; y += 20) discs.push({ kind: 'disc', x, y, radius: 4 });
  return discs;
}
describe('file names', () => {
  it('slugifies titles of any script, dropping accents and punctuation', () => {
    expect(slugify('Azerbaijan, Iran and Israel, 2022–2023')).toBe(
      'azerbaijan-iran-and-israel-2022-2023',
    );
    expect(slugify('Türkiye: Ça va?')).toBe('turkiye-ca-va');
    expect(slugify('Привет, мир')).toBe('привет-мир');
    expect(slugify('  ---  ')).toBe('');
    expect(slugify('a'.repeat(79) + ' b')).toBe('a'.repeat(79));
  });

  it('names a file after the title and the date', () => {
    expect(
      snapshotFileName(
        { title: 'Azerbaijan, Iran and Israel, 2022–2023' },
        day('2023-01-27'),
        'png',
      ),
    ).toBe('azerbaijan-iran-and-israel-2022-2023_2023-01-27.png');
    expect(snapshotFileName({ title: 'X' }, [day('2022-08-01'), day('2023-01-31')], 'gif')).toBe(
      'x_2022-08-01_2023-01-31.gif',
    );
  });

  it('falls back to the data file name, then to tension-map', () => {
    expect(
      snapshotFileName(
        { title: '…', dataFile: 'https://example.org/data/My%20Data.geojson?x=1' },
        0,
        'csv',
      ),
    ).toBe('my-data_1970-01-01.csv');
    expect(snapshotFileName({ title: '…', dataFile: 'Données 100%.json' }, 0, 'csv')).toBe(
      'donnees-100_1970-01-01.csv',
    );
    expect(snapshotFileName({ title: '' }, 0, 'png')).toBe('tension-map_1970-01-01.png');
  });
});

describe('text lines', () => {
  it('writes the day, or the window of days shown', () => {
    expect(dateLine({ day: day('2023-01-27'), mode: 'cumulative', windowDays: 30 })).toBe(
      '27 Jan 2023',
    );
    expect(dateLine({ day: day('2023-01-27'), mode: 'window', windowDays: 31 })).toBe(
      '28 Dec 2022 – 27 Jan 2023',
    );
    expect(dateLine({ day: day('2023-01-27'), mode: 'window', windowDays: 30 })).toBe(
      '29 Dec 2022 – 27 Jan 2023',
    );
    expect(dateLine({ day: day('2023-01-27'), mode: 'window', windowDays: 1 })).toBe('27 Jan 2023');
  });

  it('lists distinct sources, most cited first, by publisher, title or host', () => {
    const labels = sourceLabels([
      {
        sources: [
          { url: 'https://a.org/1', publisher: 'A' },
          { url: 'https://a.org/2', publisher: 'A' },
        ],
      },
      { sources: [{ url: 'https://www.b.org/x' }] },
      {
        sources: [
          { url: 'https://c.org', title: 'C report' },
          { url: 'https://a.org/3', publisher: 'A' },
        ],
      },
      { sources: [{ url: 'https://b.org/y' }] },
    ]);
    expect(labels).toEqual(['A', 'b.org', 'C report']);
  });

  it('fits the sources line, ending with how many more there are', () => {
    expect(sourceLine([], 500, measure)).toBe('');
    expect(sourceLine(['Caspian Policy Center'], 500, measure)).toBe(
      'Source: Caspian Policy Center',
    );
    expect(sourceLine(['A', 'B', 'C'], 500, measure)).toBe('Sources: A; B; C');
    const long = ['Alpha News', 'Beta Wire', 'Gamma Times', 'Delta Post'];
    const line = sourceLine(long, 41 * 6, measure);
    expect(line).toBe('Sources: Alpha News; Beta Wire and 2 more');
    expect(measure(line, '')).toBeLessThanOrEqual(246);
    expect(sourceLine(long, 40 * 6, measure)).toBe('Sources: Alpha News and 3 more');
    const squeezed = sourceLine(['A very long publisher name indeed', 'B'], 30 * 6, measure);
    expect(squeezed).toMatch(/^Sources: A very.*… and 1 more$/);
    expect(measure(squeezed, '')).toBeLessThanOrEqual(180);
  });

  it('shortens text with an ellipsis at a code point', () => {
    expect(fitText('short', 100, '', measure)).toBe('short');
    expect(fitText('hello world', 36, '', measure)).toBe('hello…');
    expect(fitText('😀😀😀😀', 18, '', measure)).toBe('😀😀…');
  });

  it('writes the credits from plain or HTML attributions', () => {
    expect(attributionParts(' Caspian Policy Center ', ['Natural Earth'])).toEqual({
      data: 'Data: Caspian Policy Center',
      basemap: 'Basemap: Natural Earth',
    });
    expect(attributionParts(undefined, ['Natural Earth', 'Natural Earth'])).toEqual({
      data: '',
      basemap: 'Basemap: Natural Earth',
    });
    expect(attributionParts('X', [])).toEqual({ data: 'Data: X', basemap: '' });
    expect(
      plainAttribution('<a href="https://osm.org">&copy; OpenStreetMap</a> &amp; friends'),
    ).toBe('© OpenStreetMap & friends');
  });
});

describe('frames', () => {
  it('parses steps in days, weeks and months', () => {
    expect(parseStep('7d')).toEqual({ count: 7, unit: 'day' });
    expect(parseStep('2w')).toEqual({ count: 14, unit: 'day' });
    expect(parseStep('1m')).toEqual({ count: 1, unit: 'month' });
    for (const bad of ['0d', '7', 'd', '1y', '-1d', '1.5d', '']) expect(parseStep(bad)).toBeNull();
  });

  it('gives a frame per week, each on its last day, ending on the last day asked for', () => {
    const days = frameDays(day('2022-08-01'), day('2023-01-31'), { count: 7, unit: 'day' });
    expect(days).toHaveLength(27);
    expect(isoFromDay(days[0]!)).toBe('2022-08-07');
    expect(isoFromDay(days.at(-2)!)).toBe('2023-01-29');
    expect(isoFromDay(days.at(-1)!)).toBe('2023-01-31');
    expect(days.every((d, i) => i === 0 || d > days[i - 1]!)).toBe(true);
  });

  it('shows each month whole, ending on 31 January', () => {
    const days = frameDays(day('2022-08-01'), day('2023-01-31'), { count: 1, unit: 'month' });
    expect(days.map(isoFromDay)).toEqual([
      '2022-08-31',
      '2022-09-30',
      '2022-10-31',
      '2022-11-30',
      '2022-12-31',
      '2023-01-31',
    ]);
  });

  it('ends on the last day even when its period is cut short', () => {
    const days = frameDays(day('2022-08-01'), day('2023-01-27'), { count: 1, unit: 'month' });
    expect(isoFromDay(days.at(-1)!)).toBe('2023-01-27');
    expect(days).toHaveLength(6);
    expect(
      frameDays(day('2023-01-01'), day('2023-01-03'), { count: 1, unit: 'day' }).map(isoFromDay),
    ).toEqual(['2023-01-01', '2023-01-02', '2023-01-03']);
  });

  it('counts months from the first day, so the periods do not drift', () => {
    const days = frameDays(day('2023-01-15'), day('2023-05-14'), { count: 1, unit: 'month' });
    expect(days.map(isoFromDay)).toEqual(['2023-02-14', '2023-03-14', '2023-04-14', '2023-05-14']);
  });

  it('gives one frame for one day, and refuses reversed or endless ranges', () => {
    expect(frameDays(day('2023-01-01'), day('2023-01-15'), { count: 7, unit: 'day' })).toHaveLength(
      3,
    );
    expect(
      frameDays(day('2023-01-01'), day('2023-01-01'), { count: 7, unit: 'day' }).map(isoFromDay),
    ).toEqual(['2023-01-01']);
    expect(() =>
      frameDays(day('2023-01-02'), day('2023-01-01'), { count: 1, unit: 'day' }),
    ).toThrow(SnapshotError);
    expect(() =>
      frameDays(day('1900-01-01'), day('2023-01-01'), { count: 1, unit: 'day' }),
    ).toThrow(/1000 frames/);
  });
});

/** The built-in dataset's legend at a day, cumulative. */
function shownAt(iso: string) {
  const dataset = builtIn();
  const filter = { day: day(iso), mode: 'cumulative' as const, windowDays: 30 };
  return legendShown(dataset.incidents, buildDyads(dataset.relations), filter);
}

/** Every item of the built-in dataset's legend: all that the map shows on its last day. */
const everything = () => legendModel(builtIn().categories, shownAt('2023-01-31'), english);

/** The legend panel in the shapes' coordinates: from the map's centre. */
function fromCentre(panel: Rect, map: Rect): Rect {
  return {
    ...panel,
    x: panel.x - (map.x + map.width / 2),
    y: panel.y - (map.y + map.height / 2),
  };
}

describe('layout', () => {
  const legend = everything();

  it('splits the image into header, map and footer, and sizes the PNG by scale', () => {
    const layout = snapshotLayout({ width: 1200, height: 675, scale: 2, legend, measure });
    expect(layout.pixelWidth).toBe(2400);
    expect(layout.pixelHeight).toBe(1350);
    expect(layout.header).toEqual({ x: 0, y: 0, width: 1200, height: HEADER_HEIGHT });
    expect(layout.map).toEqual({
      x: 0,
      y: HEADER_HEIGHT,
      width: 1200,
      height: 675 - HEADER_HEIGHT - FOOTER_HEIGHT,
    });
    expect(layout.footer.y + layout.footer.height).toBe(675);
    expect(mapPixelSize(layout)).toEqual({ width: 2400, height: 2 * layout.map.height });
  });

  it('puts the legend over the map, with every item inside the panel', () => {
    const layout = snapshotLayout({ width: 1200, height: 675, scale: 1, legend, measure });
    const panel = layout.legend!;
    expect(panel.x).toBeGreaterThan(layout.map.x);
    expect(panel.y).toBeGreaterThan(layout.map.y);
    expect(panel.y + panel.height).toBeLessThan(layout.map.y + layout.map.height);
    const items = panel.entries.filter((e) => e.type === 'item');
    expect(items).toHaveLength(legend.reduce((n, s) => n + s.items.length, 0));
    for (const entry of panel.entries) {
      expect(entry.x).toBeGreaterThanOrEqual(panel.x);
      expect(entry.y + 20).toBeLessThanOrEqual(panel.y + panel.height);
    }
  });

  it('flows a tall legend into columns, never ending a column with a heading', () => {
    const layout = snapshotLayout({ width: 1200, height: 400, scale: 1, legend, measure });
    const panel = layout.legend!;
    const columns = new Set(panel.entries.map((e) => e.x));
    expect(columns.size).toBeGreaterThan(1);
    for (let i = 0; i < panel.entries.length; i++) {
      const entry = panel.entries[i]!;
      if (entry.type === 'heading') expect(panel.entries[i + 1]?.x).toBe(entry.x);
    }
    expect(panel.y + panel.height).toBeLessThanOrEqual(layout.map.y + layout.map.height);
  });

  it('leaves the legend out on request, and refuses images too small for it or for a map', () => {
    expect(
      snapshotLayout({ width: 300, height: 260, scale: 1, legend: null, measure }).legend,
    ).toBeNull();
    expect(() => snapshotLayout({ width: 240, height: 188, scale: 1, legend, measure })).toThrow(
      /legend does not fit/,
    );
    expect(() =>
      snapshotLayout({ width: 100, height: 100, scale: 1, legend: null, measure }),
    ).toThrow(SnapshotError);
    expect(() =>
      snapshotLayout({ width: 1200.5, height: 675, scale: 1, legend: null, measure }),
    ).toThrow(/whole pixels/);
  });

  it('gives the image size for a map size, and the scale for a width', () => {
    expect(imageSizeForMap(800, 500)).toEqual({
      width: 800,
      height: 500 + HEADER_HEIGHT + FOOTER_HEIGHT,
    });
    expect(resolveScale({}, 800)).toBe(1);
    expect(resolveScale({ scale: 3 }, 800)).toBe(3);
    expect(resolveScale({ width: 2000 }, 800)).toBe(2.5);
    expect(() => resolveScale({ scale: 0 }, 800)).toThrow(SnapshotError);
    expect(() => resolveScale({ scale: 20 }, 800)).toThrow(/between 0.25 and 8/);
    expect(() => resolveScale({ width: 10.5 }, 800)).toThrow(/whole number/);
  });
});

describe('canvas limits', () => {
  const limits = {
    maxCanvasSize: [4096, 4096] as [number, number],
    maxTextureSize: 8192,
    maxRenderbufferSize: 8192,
  };
  const layout = (width: number, height: number, scale: number) =>
    snapshotLayout({ width, height, scale, legend: null, measure });

  it('accepts an export within MapLibre’s and WebGL’s limits', () => {
    expect(canvasLimitProblem(layout(1200, 675, 3), limits)).toBeNull();
    expect(canvasLimitProblem(layout(2048, 2048, 2), limits)).toBeNull();
  });

  it('refuses one beyond them, saying what the limit is', () => {
    expect(canvasLimitProblem(layout(1200, 675, 4), limits)).toBe(
      'a 4800 × 2700 px image needs a 4800 × 2268 px map, but this browser draws maps of at most ' +
        '4096 × 4096 px; choose a smaller scale or size',
    );
    expect(canvasLimitProblem(layout(1200, 675, 3), { ...limits, maxTextureSize: 2048 })).toMatch(
      /at most 2048 × 2048 px/,
    );
  });
});

describe('legendModel', () => {
  const model = everything();

  it('lists only the categories shown, in the map’s colours', () => {
    const incidents = model.find((s) => s.title === 'Incidents')!;
    const used = new Set(builtIn().incidents.map((i) => i.category));
    expect(incidents.items).toHaveLength(used.size);
    const attack = incidents.items.find((i) => i.label === 'Attack')!;
    expect(attack).toMatchObject({ kind: 'mark', color: CATEGORY_COLORS.attack });
  });

  it('draws each stance in effect with its colour, width and dash, and only those', () => {
    const relations = model.find((s) => s.title === 'Relations')!;
    const dataset = builtIn();
    const inEffect = new Set(
      buildDyads(dataset.relations).map((d) => stanceEventAt(d, day('2023-01-31'))?.stance),
    );
    expect(relations.items.map((i) => i.label)).toEqual(
      Object.entries(STANCE_STYLES)
        .filter(([stance]) => inEffect.has(stance as never))
        .map(([, s]) => s.label),
    );
    expect(relations.items.find((i) => i.label === 'Hostility')).toEqual({
      kind: 'line',
      label: 'Hostility',
      color: STANCE_STYLES.hostility.color,
      width: STANCE_STYLES.hostility.width,
      dash: STANCE_STYLES.hostility.dash,
      filter: { field: 'stance', value: 'hostility' },
    });
  });

  it('explains the statuses shown with the map’s marks, and leaves out what is not shown', () => {
    expect(model.map((s) => s.title)).toEqual([
      'Incidents',
      'Status',
      'Place and size',
      'Relations',
    ]);
    const status = model.find((s) => s.title === 'Status')!.items;
    const statuses = new Set(builtIn().incidents.map((i) => i.status));
    // The legend's status marks are the map's: the same white centre and disputed dot.
    expect(status.map((i) => i.kind === 'mark' && [i.label, i.centre, i.disputed])).toEqual(
      (['confirmed', 'reported', 'claimed', 'disputed'] as const)
        .filter((s) => statuses.has(s))
        .map((s) => [s, STATUS_CENTRE[s], s === 'disputed']),
    );
    const place = model.find((s) => s.title === 'Place and size')!.items;
    expect(place.some((i) => i.kind === 'mark' && i.halo > 0)).toBe(true);
    expect(legendModel(builtIn().categories, nothingShown(), english)).toEqual([]);
  });

  it('follows the day: early on, fewer categories, no stance that has not begun', () => {
    const early = legendModel(builtIn().categories, shownAt('2022-08-10'), english);
    const late = everything();
    const count = (m: typeof early) => m.reduce((n, s) => n + s.items.length, 0);
    expect(count(early)).toBeLessThan(count(late));
    const shown = shownAt('2022-08-10');
    const incidents = early.find((s) => s.title === 'Incidents')?.items ?? [];
    expect(incidents).toHaveLength(shown.categories.size);
    expect(shown.stances.has('hostility')).toBe(false);
    expect(early.flatMap((s) => s.items).some((i) => i.label === 'Hostility')).toBe(false);
  });
});

describe('legend placement', () => {
  const dataset = builtIn();
  const dyads = buildDyads(dataset.relations);
  const arcs = arcFeatures(dataset, dyads);
  const filter = { day: day('2023-01-27'), mode: 'cumulative' as const, windowDays: 30 };
  const legend = everything();

  const layoutAt = (
    view: { lon: number; lat: number; zoom: number },
    width: number,
    height: number,
  ) => {
    const drawn = drawnShapes(drawnOnMap(dataset, arcs, [filter]), view, measure);
    return { drawn, layout: snapshotLayout({ width, height, scale: 1, legend, measure, drawn }) };
  };

  /**
   * Whether the legend covers any drawn shape. The map is clipped to its rectangle, so a
   * legend beside or below it covers nothing.
   */
  const covers = (drawn: readonly DrawnShape[], layout: ReturnType<typeof snapshotLayout>) => {
    const { legend: panel, map } = layout;
    const overMap =
      panel!.x < map.x + map.width &&
      panel!.x + panel!.width > map.x &&
      panel!.y < map.y + map.height &&
      panel!.y + panel!.height > map.y;
    return overMap && drawn.some((shape) => shapeHitsRect(shape, fromCentre(panel!, map)));
  };

  it('never covers an incident, arc or label, at any view or size', () => {
    const views = [
      { lon: 51.4, lat: 35.7, zoom: 6 },
      { lon: 47, lat: 38, zoom: 4 },
      { lon: 44, lat: 37, zoom: 3 },
      { lon: 0, lat: 20, zoom: 1 },
    ];
    const sizes = [
      [800, 450],
      [1200, 675],
      [600, 800],
      [1080, 1080],
      [640, 360],
    ] as const;
    for (const view of views) {
      for (const [width, height] of sizes) {
        const { drawn, layout } = layoutAt(view, width, height);
        expect(drawn.length).toBeGreaterThan(0);
        expect(covers(drawn, layout), `${JSON.stringify(view)} ${width}×${height}`).toBe(false);
        const { legend: panel, map } = layout;
        // Inside the image, and off the map unless it sits in one of its corners.
        expect(panel!.x + panel!.width).toBeLessThanOrEqual(width);
        expect(panel!.y + panel!.height).toBeLessThanOrEqual(layout.footer.y);
        expect(map.height).toBeGreaterThan(80);
      }
    }
  });

  it('keeps the Tehran attack clear at 800 × 450, putting the legend beside or below the map', () => {
    const { drawn, layout } = layoutAt({ lon: 51.4, lat: 35.7, zoom: 6 }, 800, 450);
    const tehran = drawn.find((s) => s.kind === 'disc' && Math.hypot(s.x, s.y) < 40)!;
    expect(tehran).toBeDefined();
    expect(shapeHitsRect(tehran, fromCentre(layout.legend!, layout.map))).toBe(false);
    const legendArea = layout.legend!.width * layout.legend!.height;
    expect(legendArea / (800 * 450)).toBeLessThan(0.35);
  });

  it('uses an empty corner of the map when there is one, keeping the whole map', () => {
    const corner = { kind: 'disc' as const, x: 300, y: 100, radius: 10 };
    const layout = snapshotLayout({
      width: 1200,
      height: 675,
      scale: 1,
      legend,
      measure,
      drawn: [corner],
    });
    expect(layout.map.width).toBe(1200);
    expect(layout.legend!.x).toBeLessThan(600);
    expect(layout.legend!.y).toBeLessThan(layout.map.y + 20);
    // A mark in the top-left corner sends it elsewhere.
    const blocked = { kind: 'disc' as const, x: -560, y: -230, radius: 10 };
    const moved = snapshotLayout({
      width: 1200,
      height: 675,
      scale: 1,
      legend,
      measure,
      drawn: [blocked],
    });
    expect(covers([blocked], moved)).toBe(false);
    expect(moved.legend!.x > 600 || moved.legend!.y > moved.map.y + 20).toBe(true);
  });

  it('puts it beside a wide map and below a narrow one when every corner is taken', () => {
    const everywhere = discsEverywhere();
    const wide = snapshotLayout({
      width: 1200,
      height: 675,
      scale: 1,
      legend,
      measure,
      drawn: everywhere,
    });
    expect(wide.legend!.x).toBeGreaterThanOrEqual(wide.map.x + wide.map.width);
    const narrow = snapshotLayout({
      width: 600,
      height: 900,
      scale: 1,
      legend,
      measure,
      drawn: everywhere,
    });
    expect(narrow.legend!.y).toBeGreaterThanOrEqual(narrow.map.y + narrow.map.height);
  });

  it('grows the image instead of shrinking the map when asked to keep the map', () => {
    const everywhere = discsEverywhere();
    const size = imageSizeForMap(679, 547);
    const layout = snapshotLayout({
      ...size,
      scale: 2,
      legend,
      measure,
      drawn: everywhere,
      keepMapSize: true,
    });
    expect([layout.map.width, layout.map.height]).toEqual([679, 547]);
    const panel = layout.legend!;
    const beside = panel.x >= layout.map.x + layout.map.width;
    const below = panel.y >= layout.map.y + layout.map.height;
    expect(beside || below).toBe(true);
    expect(layout.width + layout.height).toBeGreaterThan(size.width + size.height);
    expect(panel.x + panel.width).toBeLessThanOrEqual(layout.width);
    expect(panel.y + panel.height).toBeLessThanOrEqual(layout.footer.y);
    expect(layout.footer.y + layout.footer.height).toBe(layout.height);
    expect(layout.footer.width).toBe(layout.width);
    expect([layout.pixelWidth, layout.pixelHeight]).toEqual([2 * layout.width, 2 * layout.height]);
  });

  it('sees lines that cross a panel without a vertex in it', () => {
    const line: DrawnShape = {
      kind: 'line',
      points: [
        [-100, 0],
        [100, 0],
      ],
      width: 4,
    };
    expect(shapeHitsRect(line, { x: -10, y: -10, width: 20, height: 20 })).toBe(true);
    expect(shapeHitsRect(line, { x: -10, y: 10, width: 20, height: 20 })).toBe(false);
  });

  it('leaves room for a subtitle, note and byline, and margins on paper', () => {
    const a4 = SIZE_PRESETS.find((p) => p.id === 'a4')!;
    const layout = snapshotLayout({
      width: a4.width,
      height: a4.height,
      scale: 1,
      legend: null,
      measure,
      margin: a4.margin,
      text: { title: 'T', subtitle: 'S', note: 'N', byline: 'B' },
    });
    expect(layout.header).toEqual({
      x: 48,
      y: 48,
      width: a4.width - 96,
      height: HEADER_HEIGHT + 20,
    });
    expect(layout.footer.height).toBe(FOOTER_HEIGHT + 34);
    expect(layout.footer.y + layout.footer.height).toBe(a4.height - 48);
    expect(layout.map.y).toBe(48 + HEADER_HEIGHT + 20);
  });
});

describe('the layout right to left', () => {
  const legend = everything();
  const items = (layout: ReturnType<typeof snapshotLayout>) =>
    layout.legend!.entries.filter((e) => e.type === 'item');

  it('puts each swatch to the right of its label, the labels ending at their swatches', () => {
    const rtl = snapshotLayout({
      width: 1200,
      height: 675,
      scale: 1,
      legend,
      measure,
      direction: 'rtl',
    });
    expect(rtl.direction).toBe('rtl');
    expect(items(rtl).length).toBeGreaterThan(3);
    for (const entry of items(rtl)) {
      expect(entry.align).toBe('right');
      expect(entry.labelX).toBeLessThan(entry.x);
      expect(entry.labelX - entry.labelWidth).toBeGreaterThanOrEqual(rtl.legend!.x);
      expect(entry.x + LEGEND_SWATCH).toBeLessThanOrEqual(rtl.legend!.x + rtl.legend!.width);
      expect(legendMarkCentre(entry)).toBeGreaterThan(entry.labelX);
    }
    for (const entry of rtl.legend!.entries.filter((e) => e.type === 'heading')) {
      expect(entry.align).toBe('right');
    }
    const ltr = snapshotLayout({ width: 1200, height: 675, scale: 1, legend, measure });
    for (const entry of items(ltr)) {
      expect(entry.align).toBe('left');
      expect(entry.labelX).toBeGreaterThan(entry.x + LEGEND_SWATCH);
      expect(legendMarkCentre(entry)).toBeLessThan(entry.labelX);
    }
  });

  it('is the mirror of the left-to-right legend: top right corner, same rows', () => {
    const ltr = snapshotLayout({ width: 1200, height: 675, scale: 1, legend, measure });
    const rtl = snapshotLayout({
      width: 1200,
      height: 675,
      scale: 1,
      legend,
      measure,
      direction: 'rtl',
    });
    const [a, b] = [ltr.legend!, rtl.legend!];
    expect(b.x + b.width).toBe(1200 - (a.x - 0));
    expect([b.y, b.width, b.height]).toEqual([a.y, a.width, a.height]);
    items(ltr).forEach((entry, i) => {
      const mirrored = items(rtl)[i]!;
      expect(mirrored.y).toBe(entry.y);
      expect(mirrored.x + LEGEND_SWATCH).toBeCloseTo(1200 - entry.x, 6);
      expect(mirrored.labelX).toBeCloseTo(1200 - entry.labelX, 6);
    });
  });

  it('flows columns from the right, and goes left of a wide map whose corners are taken', () => {
    const tall = snapshotLayout({
      width: 1200,
      height: 400,
      scale: 1,
      legend,
      measure,
      direction: 'rtl',
    });
    const headings = tall.legend!.entries.filter((e) => e.type === 'heading');
    expect(new Set(headings.map((h) => h.x)).size).toBeGreaterThan(1);
    expect(headings[0]!.x).toBe(Math.max(...headings.map((h) => h.x)));
    const everywhere = discsEverywhere();
    const wide = snapshotLayout({
      width: 1200,
      height: 675,
      scale: 1,
      legend,
      measure,
      drawn: everywhere,
      direction: 'rtl',
    });
    expect(wide.legend!.x + wide.legend!.width).toBeLessThanOrEqual(wide.map.x);
    expect(wide.map.x + wide.map.width).toBe(1200);
    const kept = snapshotLayout({
      ...imageSizeForMap(679, 547),
      scale: 1,
      legend,
      measure,
      drawn: everywhere,
      keepMapSize: true,
      direction: 'rtl',
    });
    expect([kept.map.width, kept.map.height]).toEqual([679, 547]);
    expect(kept.legend!.x + kept.legend!.width).toBeLessThanOrEqual(kept.map.x);
    expect(kept.map.x + kept.map.width).toBe(kept.width);
  });

  it('mirrors twice back to where it started', () => {
    const panel = snapshotLayout({ width: 1200, height: 675, scale: 1, legend, measure }).legend!;
    expect(mirrorLegend(mirrorLegend(panel))).toEqual(panel);
  });
});
