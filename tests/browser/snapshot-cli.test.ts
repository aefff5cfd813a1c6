/**
 * `npm run snapshot` as a pipeline runs it: a child process writing files, with one-line
 * errors and non-zero exits when it cannot.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GifReader } from 'omggif';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { repoPath } from '../../src/cli/serve.ts';
import { THEME_COLORS } from '../../src/core/style/palette.ts';

const work = mkdtempSync(join(tmpdir(), 'tension-map-snapshot-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the CLI as `npm run snapshot` would, and captures what it says. */
function snapshot(
  ...args: string[]
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/snapshot.ts', ...args], {
      cwd: repoPath(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** The one line a failed run prints. */
function oneLine(stderr: string): string {
  const lines = stderr.split('\n').filter((line) => line.trim() !== '');
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

describe('npm run snapshot', () => {
  it('writes a PNG of size × scale and exits 0, the same bytes every time', async () => {
    // Each run writes into a folder of its own, so a file left by an earlier run can never
    // stand in for one this run failed to write.
    const run = async () => {
      const out = join(mkdtempSync(join(work, 'run-')), 'map.png');
      const args = ['--date', '2023-01-27', '--view', '47,38,4', '--size', '640x400'];
      const result = await snapshot(...args, '--scale', '2', '--out', out);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(result.stdout.trim()).toBe(`${out}: 2023-01-27`);
      return readFileSync(out);
    };
    const bytes = await run();
    const png = PNG.sync.read(bytes);
    expect([png.width, png.height]).toEqual([1280, 800]);
    expect((await run()).equals(bytes)).toBe(true);
  });

  it('shows a --data file, and writes numbered frames for --from/--to/--every', async () => {
    const out = join(work, 'frames');
    const { status, stdout, stderr } = await snapshot(
      '--data',
      repoPath('tests', 'fixtures', 'valid', 'minimal.geojson'),
      '--from',
      '2023-01-01',
      '--to',
      '2023-01-31',
      '--every',
      '2w',
      '--size',
      '400x300',
      '--no-legend',
      '--out',
      out,
    );
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['frame-0001.png', 'frame-0002.png', 'frame-0003.png']);
    expect(
      stdout
        .trim()
        .split('\n')
        .map((l) => l.split(': ')[1]),
    ).toEqual(['2023-01-14', '2023-01-28', '2023-01-31']);
    const frame = PNG.sync.read(readFileSync(join(out, 'frame-0002.png')));
    expect([frame.width, frame.height]).toEqual([400, 300]);
  });

  it('writes an animated GIF for --format gif', async () => {
    const out = join(work, 'map.gif');
    const { status, stdout, stderr } = await snapshot(
      ...[
        '--from',
        '2022-08-01',
        '--to',
        '2022-08-15',
        '--every',
        '1w',
        '--format',
        'gif',
        '--fps',
        '2',
      ],
      ...['--size', '400x300', '--no-legend', '--out', out],
    );
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout.trim()).toBe(`${out}: 3 frames, 2022-08-07 to 2022-08-15`);
    const gif = new GifReader(new Uint8Array(readFileSync(out)));
    expect([gif.width, gif.height, gif.numFrames(), gif.frameInfo(0).delay]).toEqual([
      400, 300, 3, 50,
    ]);
  });

  it('says in one line that a date is outside the dataset, exiting 1', async () => {
    const { status, stderr } = await snapshot('--date', '2030-01-01', '--out', join(work, 'x.png'));
    expect(status).toBe(1);
    expect(oneLine(stderr)).toBe(
      "snapshot: --date 2030-01-01 is outside the dataset's range, 2021-12-25 to 2023-01-31",
    );
  });

  it('says in one line that a data file cannot be read, or is invalid', async () => {
    const missing = await snapshot('--data', 'no/such-file.geojson', '--out', join(work, 'x.png'));
    expect(missing.status).toBe(1);
    expect(oneLine(missing.stderr)).toBe(
      'snapshot: cannot read data file no/such-file.geojson: no such file',
    );
    const invalid = await snapshot(
      '--data',
      'tests/fixtures/invalid/three-problems.geojson',
      '--out',
      join(work, 'x.png'),
    );
    expect(invalid.status).toBe(1);
    expect(oneLine(invalid.stderr)).toMatch(
      /^snapshot: tests\/fixtures\/invalid\/three-problems\.geojson is not a valid dataset \(3 problems, the first: feature 0/,
    );
  });

  it('says in one line what is wrong with the arguments, exiting 2, and prints usage for --help', async () => {
    const bad = await snapshot('--size', 'big', '--out', join(work, 'x.png'));
    expect(bad.status).toBe(2);
    expect(oneLine(bad.stderr)).toMatch(/^snapshot: --size "big" is not WIDTHxHEIGHT/);
    const help = await snapshot('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm run snapshot -- --out FILE/);
  });

  it('says in one line when Chromium is missing or the size is beyond the browser', async () => {
    const noBrowser = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'src/cli/snapshot.ts', '--out', join(work, 'x.png')],
        {
          cwd: repoPath(),
          env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium' },
        },
      );
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (status) => resolve({ status, stderr }));
    });
    expect(noBrowser.status).toBe(1);
    expect(oneLine(noBrowser.stderr)).toBe(
      "snapshot: Chromium not found at /nonexistent/chromium; install Debian's chromium package or set CHROMIUM_PATH",
    );
    const huge = await snapshot(
      '--size',
      '2000x1200',
      '--scale',
      '3',
      '--out',
      join(work, 'x.png'),
    );
    expect(huge.status).toBe(1);
    expect(oneLine(huge.stderr)).toMatch(
      /^snapshot: a 6000 × 3600 px image needs a 6000 × 3276 px map, but this browser draws maps of at most/,
    );
  });
});

describe('npm run snapshot --format svg|pdf', () => {
  it('writes an SVG with the title as text and incidents as shapes', async () => {
    const out = join(mkdtempSync(join(work, 'svg-')), 'map.svg');
    const result = await snapshot(
      '--date',
      '2023-01-27',
      '--view',
      '47,38,4',
      '--format',
      'svg',
      '--out',
      out,
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const svg = readFileSync(out, 'utf8');
    expect(svg).toMatch(/<text class="title"[^>]*>Azerbaijan, Iran and Israel, 2022–2023<\/text>/);
    expect(svg.match(/<g [^>]*class="incident /g)?.length).toBeGreaterThan(3);
  });

  it('writes a Hebrew PDF with --lang he, in the bundled Noto Sans Hebrew', async () => {
    const out = join(mkdtempSync(join(work, 'pdf-he-')), 'map.pdf');
    const args = ['--date', '2023-01-27', '--view', '47,38,4', '--format', 'pdf', '--lang', 'he'];
    const result = await snapshot(...args, '--out', out);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const bytes = readFileSync(out);
    const fonts = bytes.toString('latin1').match(/\/BaseFont \/[\w-]+/g) ?? [];
    expect(fonts).toContain('/BaseFont /TensionMap-noto-sans-hebrew-hebrew-400-normal');
    // Every embedded font is a bundled file: nothing falls back to a font the PDF reader has.
    expect(fonts.filter((font) => !font.startsWith('/BaseFont /TensionMap-'))).toEqual([]);
    const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
    const text = (await (await pdf.getPage(1)).getTextContent()).items.map((i) =>
      'str' in i ? i.str : '',
    );
    expect(text).toContain(JSON.parse(readFileSync('src/i18n/he.json', 'utf8')).stance.hostility);
  });

  it('writes a dark SVG with --theme dark: dark page and sea, light text', async () => {
    const out = join(mkdtempSync(join(work, 'svg-dark-')), 'map.svg');
    const args = ['--date', '2023-01-27', '--view', '47,38,4', '--format', 'svg'];
    const result = await snapshot(...args, '--theme', 'dark', '--out', out);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const svg = readFileSync(out, 'utf8');
    const { dark } = THEME_COLORS;
    expect(svg).toContain(`<rect id="background" width="1200" height="675" fill="${dark.paper}"/>`);
    expect(svg).toMatch(new RegExp(`<g id="map"[^>]*><rect [^>]*fill="${dark.ocean}"/>`));
    expect(svg).toMatch(new RegExp(`<text class="title"[^>]*fill="${dark.text}"`));
    expect(svg).toMatch(new RegExp(`<text class="incident-label"[^>]*fill="${dark.labelText}"`));
  });

  it('writes an A4 PDF, the same bytes every time', async () => {
    const run = async () => {
      const out = join(mkdtempSync(join(work, 'pdf-')), 'map.pdf');
      const args = ['--date', '2023-01-27', '--view', '47,38,4', '--format', 'pdf', '--page', 'a4'];
      const result = await snapshot(...args, '--out', out);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      return readFileSync(out);
    };
    const bytes = await run();
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.toString('latin1')).toContain('/MediaBox [ 0 0 595.28 841.89 ]');
    expect((await run()).equals(bytes)).toBe(true);
  });
});
