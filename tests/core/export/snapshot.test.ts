import { builtInDataset } from '../../builtin.ts';
import { describe, expect, it } from 'vitest';
import { dayFromIso, isoFromDay } from '../../../src/core/model/dates.ts';
import { legendModel } from '../../../src/core/style/legend.ts';
import { CATEGORY_COLORS, STANCE_STYLES } from '../../../src/core/style/palette.ts';
import { STATUS_CENTRE } from '../../../src/core/style/marks.ts';
import {
  attributionParts,
  canvasLimitProblem,
  dateLine,
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
  sourceLabels,
  sourceLine,
  type MeasureText,
} from '../../../src/core/export/snapshot.ts';
import { validateDataset } from '../../../src/core/validation/validate.ts';

/** A stand-in for `measureText`: 6 px per character whatever the font. */
const measure: MeasureText = (text) => [...text].length * 6;
const day = (iso: string) => dayFromIso(iso)!;

const builtIn = builtInDataset;

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

describe('layout', () => {
  const legend = legendModel(builtIn());

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
    expect(() => snapshotLayout({ width: 300, height: 260, scale: 1, legend, measure })).toThrow(
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
  const model = legendModel(builtIn());

  it('lists only the categories the dataset uses, in the map’s colours', () => {
    const incidents = model.find((s) => s.title === 'Incidents')!;
    const used = new Set(builtIn().incidents.map((i) => i.category));
    expect(incidents.items).toHaveLength(used.size);
    const attack = incidents.items.find((i) => i.label === 'Attack')!;
    expect(attack).toMatchObject({ kind: 'mark', color: CATEGORY_COLORS.attack });
  });

  it('draws each stance with its colour, width and dash', () => {
    const relations = model.find((s) => s.title === 'Relations')!;
    expect(relations.items.map((i) => i.label)).toEqual(
      Object.values(STANCE_STYLES).map((s) => s.label),
    );
    expect(relations.items.find((i) => i.label === 'Hostility')).toEqual({
      kind: 'line',
      label: 'Hostility',
      color: STANCE_STYLES.hostility.color,
      width: STANCE_STYLES.hostility.width,
      dash: STANCE_STYLES.hostility.dash,
    });
  });

  it('explains status and placement, and leaves out empty sections', () => {
    expect(model.map((s) => s.title)).toEqual([
      'Incidents',
      'Status',
      'Place and size',
      'Relations',
    ]);
    const status = model.find((s) => s.title === 'Status')!.items;
    // The legend's status marks are the map's: the same white centre and disputed dot.
    expect(status.map((i) => i.kind === 'mark' && [i.label, i.centre, i.disputed])).toEqual([
      ['confirmed', STATUS_CENTRE.confirmed, false],
      ['reported', STATUS_CENTRE.reported, false],
      ['claimed', STATUS_CENTRE.claimed, false],
      ['disputed', STATUS_CENTRE.disputed, true],
    ]);
    const place = model.find((s) => s.title === 'Place and size')!.items;
    expect(place.some((i) => i.kind === 'mark' && i.halo > 0)).toBe(true);
    expect(legendModel(null).map((s) => s.title)).toEqual([
      'Status',
      'Place and size',
      'Relations',
    ]);
  });
});
