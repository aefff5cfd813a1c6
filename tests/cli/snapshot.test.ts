import { describe, expect, it } from 'vitest';
import { parseSnapshotArgs, type ParsedArgs } from '../../src/cli/snapshot.ts';

const parse = (line: string): ParsedArgs => parseSnapshotArgs(line.split(' ').filter(Boolean));
const args = (line: string) => {
  const parsed = parse(line);
  if (parsed.kind !== 'run') throw new Error(`expected a run, got ${JSON.stringify(parsed)}`);
  return parsed.args;
};
const error = (line: string) => {
  const parsed = parse(line);
  if (parsed.kind !== 'error') throw new Error(`expected an error, got ${JSON.stringify(parsed)}`);
  return parsed.message;
};

describe('parseSnapshotArgs', () => {
  it('reads the README example', () => {
    expect(
      args('--date 2023-01-27 --view 47,38,4 --size 1200x675 --scale 2 --out map.png'),
    ).toEqual({
      out: 'map.png',
      filters: {},
      date: '2023-01-27',
      view: '47,38,4',
      size: { width: 1200, height: 675 },
      margin: 0,
      text: {},
      scale: 2,
      mode: 'cumulative',
      legend: true,
      transparent: false,
      format: 'png',
      fps: 4,
    });
  });

  it('has defaults for everything but --out', () => {
    expect(args('--out a.png')).toMatchObject({
      size: { width: 1200, height: 675 },
      scale: 1,
      legend: true,
    });
    expect(error('--date 2023-01-27')).toMatch(/^--out is missing/);
  });

  it('reads flags, data, selection, window mode and --key=value', () => {
    expect(
      args(
        '--out=a.png --data d.geojson --select tehran-embassy-attack --no-legend --transparent --mode window --window 30',
      ),
    ).toMatchObject({
      out: 'a.png',
      data: 'd.geojson',
      select: 'tehran-embassy-attack',
      legend: false,
      transparent: true,
      mode: 'window',
      window: 30,
    });
    expect(args('--out a.png --window 7').mode).toBe('window');
    expect(args('--out a.png --mode cumulative --window 7').mode).toBe('cumulative');
  });

  it('reads size presets, print margins, and the title, subtitle, note and byline', () => {
    expect(args('--size a4 --out a.png')).toMatchObject({
      size: { width: 794, height: 1123 },
      margin: 48,
    });
    expect(args('--size 4:5 --out a.png')).toMatchObject({
      size: { width: 1080, height: 1350 },
      margin: 0,
    });
    expect(args('--size 1:1 --out a.png').size).toEqual({ width: 1080, height: 1080 });
    expect(args('--size letter --out a.png').margin).toBe(48);
    expect(error('--size a5 --out a.png')).toMatch(/or a preset \(16:9, 1:1, 4:5, a4, letter\)$/);
    const parsed = parseSnapshotArgs([
      '--out',
      'a.png',
      '--title',
      'Embassy attack',
      '--subtitle',
      'Tehran, 27 January 2023',
      '--note',
      'Places approximate',
      '--byline',
      'Map: J. Doe',
    ]);
    expect(parsed.kind === 'run' && parsed.args.text).toEqual({
      title: 'Embassy attack',
      subtitle: 'Tehran, 27 January 2023',
      note: 'Places approximate',
      byline: 'Map: J. Doe',
    });
  });

  it('reads frame sequences and GIFs', () => {
    expect(args('--from 2022-08-01 --to 2023-01-31 --every 7d --out frames/').frames).toEqual({
      from: '2022-08-01',
      to: '2023-01-31',
      every: '7d',
    });
    expect(args('--from 2022-08-01 --to 2023-01-31 --out frames/').frames?.every).toBe('7d');
    expect(
      args('--from 2022-08-01 --to 2023-01-31 --every 1m --format gif --fps 2 --out a.gif'),
    ).toMatchObject({
      format: 'gif',
      fps: 2,
    });
    expect(args('--from 2022-08-01 --to 2023-01-31 --format webm --out a.webm').format).toBe(
      'webm',
    );
    expect(args('-- --out a.png').out).toBe('a.png');
  });

  it('prints help for --help and -h', () => {
    expect(parse('--help')).toEqual({ kind: 'help' });
    expect(parse('--out a.png -h')).toEqual({ kind: 'help' });
  });

  it.each([
    ['--out a.png --date 2023-02-30', '--date "2023-02-30" is not a calendar date YYYY-MM-DD'],
    ['--out a.png --date tomorrow', '--date "tomorrow" is not a calendar date YYYY-MM-DD'],
    ['--out a.png --view 47,38', '--view "47,38" is not lon,lat,zoom'],
    ['--out a.png --size 1200', '--size "1200" is not WIDTHxHEIGHT'],
    ['--out a.png --size 10x10', '--size "10x10" is not WIDTHxHEIGHT'],
    ['--out a.png --size 9000x600', '--size "9000x600" is not WIDTHxHEIGHT'],
    ['--out a.png --scale 0', '--scale "0" is not a number from 0.25 to 8'],
    ['--out a.png --scale two', '--scale "two" is not a number'],
    ['--out a.png --mode daily', '--mode "daily" is not cumulative or window'],
    ['--out a.png --window 0', '--window "0" is not a whole number of days'],
    ['--out a.png --window 1.5', '--window "1.5" is not a whole number of days'],
    ['--out a.png --format mp4', '--format "mp4" is not png, gif, webm, svg or pdf'],
    ['--out a.pdf --format pdf --page a3', '--page "a3" is not a4 or letter'],
    ['--out a.png --page a4', '--page needs --format svg or pdf'],
    [
      '--out a.svg --format svg --from 2022-08-01 --to 2022-09-01',
      '--format svg makes one image; leave out --from and --to',
    ],
    ['--out a.png --from 2022-08-01', '--from and --to go together'],
    ['--out a.png --from 2022-08-01 --to 2022-09-01 --every 7', '--every "7" is not a step'],
    [
      '--out a.png --from 2022-09-01 --to 2022-08-01',
      '--from/--to: the last frame 2022-08-01 is before the first 2022-09-01',
    ],
    ['--out a.png --date 2022-08-01 --from 2022-08-01 --to 2022-09-01', 'use --date for one image'],
    ['--out a.png --every 7d', '--every needs --from and --to'],
    ['--out a.gif --format gif', '--format gif needs --from and --to'],
    ['--out a.webm --format webm', '--format webm needs --from and --to'],
    ['--out a.png --fps 0', '--fps "0" is not a number of frames per second'],
    ['--out a.png --bogus', 'unknown option --bogus'],
    ['--out a.png extra', 'unexpected argument "extra"'],
    ['--out', '--out needs a value'],
    ['--out --date 2023-01-01', '--out needs a value'],
    ['--out a.png --out b.png', '--out is given twice'],
    ['--out a.png --no-legend=yes', '--no-legend takes no value'],
  ])('refuses %s', (line, message) => {
    expect(error(line)).toContain(message);
  });

  it('refuses frame ranges too long for an animation', () => {
    expect(error('--out f --from 1900-01-01 --to 2023-01-01 --every 1d')).toMatch(
      /more than 1000 frames/,
    );
  });
});
