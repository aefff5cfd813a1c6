import { describe, expect, it } from 'vitest';
import {
  COMMAND_FIELDS,
  commandFromText,
  MAX_WINDOW_DAYS,
  parseCommand,
  readField,
} from '../../../src/core/commands/command.ts';
import { formatUrlState, parseUrlState } from '../../../src/core/commands/urlstate.ts';
import { parseSetMessage, SET } from '../../../src/core/commands/messages.ts';
import { parseSnapshotArgs } from '../../../src/cli/snapshot.ts';

describe('theme', () => {
  it('is read alike from a link, a script and the snapshot command line', () => {
    expect(parseUrlState('?theme=dark').state.theme).toBe('dark');
    expect(parseCommand({ theme: 'light' })).toEqual({ ok: true, value: { theme: 'light' } });
    const cli = parseSnapshotArgs(['--out', 'a.png', '--theme', 'dark']);
    expect(cli.kind === 'run' && cli.args.theme).toBe('dark');
  });

  it('refuses anything but light or dark, in the same words everywhere', () => {
    expect(parseUrlState('?theme=blue').problems).toEqual([
      'URL parameter theme="blue" ignored: use light or dark',
    ]);
    expect(parseCommand({ theme: 'Dark' })).toEqual({
      ok: false,
      reason: 'theme must be light or dark',
    });
    expect(parseSnapshotArgs(['--out', 'a.png', '--theme', 'sepia'])).toEqual({
      kind: 'error',
      message: '--theme "sepia" is not light or dark',
    });
  });

  it('is written into links', () => {
    expect(formatUrlState({ date: '2023-01-27', theme: 'dark' })).toBe(
      '?date=2023-01-27&theme=dark',
    );
  });
});

describe('commandFromText', () => {
  it('reads every field from text and leaves absent and empty ones out', () => {
    const text: Record<string, string> = {
      date: '2023-01-27',
      view: '47,38,4',
      select: 'tehran-embassy-attack',
      mode: 'window',
      window: '30',
    };
    expect(commandFromText((field) => text[field])).toEqual({
      command: {
        date: '2023-01-27',
        view: { lon: 47, lat: 38, zoom: 4 },
        select: 'tehran-embassy-attack',
        mode: 'window',
        window: 30,
      },
      problems: [],
    });
    expect(commandFromText(() => '')).toEqual({ command: {}, problems: [] });
    expect(commandFromText(() => null)).toEqual({ command: {}, problems: [] });
  });

  it('lists each refused field with what it takes, and keeps the rest', () => {
    const text: Record<string, string> = { date: '2023-02-30', window: '1.5', mode: 'window' };
    const { command, problems } = commandFromText((field) => text[field]);
    expect(command).toEqual({ mode: 'window' });
    expect(problems).toEqual([
      { field: 'date', value: '2023-02-30', expected: 'a calendar date YYYY-MM-DD' },
      {
        field: 'window',
        value: '1.5',
        expected: `a whole number of days from 1 to ${MAX_WINDOW_DAYS}`,
      },
    ]);
  });
});

describe('one rule per field, whichever way a command arrives', () => {
  // Each row: a field and values every entry point must refuse.
  const refused: [string, string][] = [
    ['window', '0'],
    ['window', String(MAX_WINDOW_DAYS + 1)],
    ['date', '2023-13-01'],
    ['view', '200,0,3'],
    ['mode', 'daily'],
    ['profile', 'iran'],
  ];
  for (const [field, value] of refused) {
    it(`refuses ${field}=${value} in links, messages, the CLI and script calls`, () => {
      const typed = field === 'window' ? Number(value) : value;
      expect(parseUrlState(`?${field}=${value}`).problems).toHaveLength(1);
      expect(parseSetMessage({ type: SET, [field]: typed })?.ok).toBe(false);
      expect(parseCommand({ [field]: typed }).ok).toBe(false);
      expect(readField(field as (typeof COMMAND_FIELDS)[number], typed).ok).toBe(false);
      expect(parseSnapshotArgs(['--out', 'a.png', `--${field}`, value]).kind).toBe('error');
    });
  }

  it('accepts the longest window everywhere', () => {
    const longest = String(MAX_WINDOW_DAYS);
    expect(parseUrlState(`?window=${longest}`).state.window).toBe(MAX_WINDOW_DAYS);
    expect(parseCommand({ window: MAX_WINDOW_DAYS })).toEqual({
      ok: true,
      value: { window: MAX_WINDOW_DAYS },
    });
    const cli = parseSnapshotArgs(['--out', 'a.png', '--window', longest]);
    expect(cli.kind === 'run' && cli.args.window).toBe(MAX_WINDOW_DAYS);
  });

  it('names the field in a script call’s reason', () => {
    expect(parseCommand({ window: 0 })).toEqual({
      ok: false,
      reason: `window must be a whole number of days from 1 to ${MAX_WINDOW_DAYS}`,
    });
    expect(parseCommand({ dat: '2023-01-01' })).toEqual({
      ok: false,
      reason: 'unknown field "dat"',
    });
  });
});

describe('a window as its first and last day', () => {
  it('reads from and to together, in order, at most MAX_WINDOW_DAYS long', () => {
    expect(parseCommand({ from: '2023-01-01', to: '2023-01-27' })).toEqual({
      ok: true,
      value: { from: '2023-01-01', to: '2023-01-27' },
    });
    expect(parseCommand({ from: '1816-01-01', to: '1816-01-01' }).ok).toBe(true);
    const refused = `from and to must be given together, in order, at most ${MAX_WINDOW_DAYS} days apart`;
    for (const command of [
      { from: '2023-01-01' },
      { to: '2023-01-27' },
      { from: '2023-01-28', to: '2023-01-27' },
      { from: '1800-01-01', to: '2023-01-27' },
    ]) {
      expect(parseCommand(command)).toEqual({ ok: false, reason: refused });
    }
    expect(parseCommand({ from: '2023-02-30', to: '2023-03-01' })).toEqual({
      ok: false,
      reason: 'from must be a calendar date YYYY-MM-DD',
    });
  });

  it('reads from text whole or not at all, keeping the other fields', () => {
    const text: Record<string, string> = { from: '2023-01-01', to: '2023-01-27', view: '47,38,4' };
    expect(commandFromText((field) => text[field]).command).toEqual({
      from: '2023-01-01',
      to: '2023-01-27',
      view: { lon: 47, lat: 38, zoom: 4 },
    });
    const reversed: Record<string, string> = {
      from: '2023-02-01',
      to: '2023-01-27',
      date: '2023-01-05',
    };
    const { command, problems } = commandFromText((field) => reversed[field]);
    expect(command).toEqual({ date: '2023-01-05' });
    expect(problems.map((p) => p.field)).toEqual(['from', 'to']);
    // A bad `to` leaves `from` alone, which is refused too.
    const half = commandFromText((field) => ({ from: '2023-01-01', to: 'soon' })[field as string]);
    expect(half.command).toEqual({});
    expect(half.problems.map((p) => p.field).sort()).toEqual(['from', 'to']);
  });

  it('goes in links as from= and to=, and the old date, mode and window still read', () => {
    const text = formatUrlState({
      from: '2022-09-01',
      to: '2022-10-15',
      view: { lon: 44, lat: 36, zoom: 4 },
    });
    expect(text).toBe('?from=2022-09-01&to=2022-10-15&view=44,36,4');
    expect(parseUrlState(text).state).toEqual({
      from: '2022-09-01',
      to: '2022-10-15',
      view: { lon: 44, lat: 36, zoom: 4 },
    });
    expect(parseUrlState('?date=2022-10-15&mode=window&window=45').state).toEqual({
      date: '2022-10-15',
      mode: 'window',
      window: 45,
    });
    expect(parseUrlState('?from=2022-10-16&to=2022-10-15').problems).toEqual([
      `URL parameter from="2022-10-16" ignored: use given together, in order, at most ${MAX_WINDOW_DAYS} days apart`,
      `URL parameter to="2022-10-15" ignored: use given together, in order, at most ${MAX_WINDOW_DAYS} days apart`,
    ]);
  });

  it('comes through the step API as any command does', () => {
    expect(
      parseSetMessage({ type: 'tension-map:set', from: '2023-01-01', to: '2023-01-27' }),
    ).toEqual({
      ok: true,
      value: { from: '2023-01-01', to: '2023-01-27' },
    });
  });
});
