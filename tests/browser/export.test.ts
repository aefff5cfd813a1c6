/**
 * Exports in a real browser: PNG snapshots, animated GIFs and data, made by the same code
 * the Export dialog and the snapshot CLI call, through `window.tensionMap`.
 */
import { ALL_FORMATS, BufferSource, EncodedPacketSink, Input } from 'mediabunny';
import { GifReader } from 'omggif';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageOptions } from '../../src/export/image.ts';
import type { Rect, SnapshotLayout } from '../../src/core/export/snapshot.ts';
import { formatProblem, validateDataset } from '../../src/core/validation/validate.ts';
import { launchChromium, openApp } from './chromium.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

const TEHRAN: [number, number] = [51.389, 35.6892];
const ATTACK: [number, number, number] = [0xd5, 0x5e, 0x00];

const bytesOf = (dataUrl: string) => Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
const decodePng = (dataUrl: string) => PNG.sync.read(bytesOf(dataUrl));

async function exportPng(
  page: Page,
  options: ImageOptions,
): Promise<{ png: PNG; layout: SnapshotLayout; dataUrl: string }> {
  const layout = await page.evaluate((o) => window.tensionMap.exportLayout(o), options);
  const dataUrl = await page.evaluate((o) => window.tensionMap.exportImage(o), options);
  return { png: decodePng(dataUrl), layout, dataUrl };
}

function pixel(png: PNG, x: number, y: number): [number, number, number, number] {
  const i = (Math.round(y) * png.width + Math.round(x)) * 4;
  return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!, png.data[i + 3]!];
}

/** Standard deviation of the grey level inside a rectangle given in CSS pixels. */
function variance(png: PNG, rect: Rect, scale: number): number {
  const values: number[] = [];
  for (let y = Math.ceil(rect.y * scale); y < Math.floor((rect.y + rect.height) * scale); y++) {
    for (let x = Math.ceil(rect.x * scale); x < Math.floor((rect.x + rect.width) * scale); x++) {
      const [r, g, b] = pixel(png, x, y);
      values.push((r + g + b) / 3);
    }
  }
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length);
}

const near = (color: number[], target: number[], tolerance = 24) =>
  target.every((c, i) => Math.abs(color[i]! - c) <= tolerance);

/**
 * Where a place lands in an exported PNG: the export map has the live map's centre and
 * zoom, so a place is as far from the map area's centre as it is from the live map's.
 */
async function placeInExport(page: Page, layout: SnapshotLayout, [lon, lat]: [number, number]) {
  const point = await page.evaluate(([x, y]) => window.tensionMap.project(x!, y!), [lon, lat]);
  const box = (await page.locator('.map').boundingBox())!;
  return {
    x: (layout.map.x + layout.map.width / 2 + point.x - box.width / 2) * layout.scale,
    y: (layout.map.y + layout.map.height / 2 + point.y - box.height / 2) * layout.scale,
  };
}

describe('PNG snapshots of the built-in dataset', () => {
  let page: Page;
  let errors: string[];
  beforeAll(async () => {
    ({ page, errors } = await openApp(browser, '?date=2023-01-27&view=47,38,4', {
      width: 1000,
      height: 700,
    }));
  });
  afterAll(() => page.close());

  it('is size × scale pixels, at 1× and 2×, or the width asked for', async () => {
    const one = await exportPng(page, { size: { width: 800, height: 500 }, scale: 1 });
    expect([one.png.width, one.png.height]).toEqual([800, 500]);
    const two = await exportPng(page, { size: { width: 800, height: 500 }, scale: 2 });
    expect([two.png.width, two.png.height]).toEqual([1600, 1000]);
    const wide = await exportPng(page, { size: { width: 800, height: 500 }, width: 1200 });
    expect([wide.png.width, wide.png.height]).toEqual([1200, 750]);
    expect(errors).toEqual([]);
  });

  it('by default frames the live map with the header above and the footer below', async () => {
    // Without the legend, which goes beside the map when no corner of this view is empty.
    const { png, layout } = await exportPng(page, { legend: false });
    const box = (await page.locator('.map').boundingBox())!;
    expect(layout.map.width).toBe(Math.round(box.width));
    expect(layout.map.height).toBe(Math.round(box.height));
    expect(png.height).toBe(layout.header.height + layout.map.height + layout.footer.height);
  });

  it('keeps the live map’s size when the legend goes beside or below it, the image growing', async () => {
    const { png, layout } = await exportPng(page, {});
    const box = (await page.locator('.map').boundingBox())!;
    expect([layout.map.width, layout.map.height]).toEqual([
      Math.round(box.width),
      Math.round(box.height),
    ]);
    expect([png.width, png.height]).toEqual([layout.width, layout.height]);
  });

  it('draws the title, date line and legend (their areas are not blank)', async () => {
    const { png, layout } = await exportPng(page, { size: { width: 1000, height: 600 }, scale: 2 });
    const title = { ...layout.header, height: layout.header.height / 2 };
    const date = {
      ...layout.header,
      y: layout.header.height / 2,
      height: layout.header.height / 2,
    };
    expect(variance(png, title, 2)).toBeGreaterThan(10);
    expect(variance(png, date, 2)).toBeGreaterThan(5);
    expect(variance(png, layout.footer, 2)).toBeGreaterThan(5);
    expect(layout.legend).not.toBeNull();
    expect(variance(png, layout.legend!, 2)).toBeGreaterThan(10);
    const bare = await exportPng(page, {
      size: { width: 1000, height: 600 },
      scale: 2,
      legend: false,
    });
    expect(bare.layout.legend).toBeNull();
    const where = layout.legend!.entries.find((e) => e.type === 'item')!;
    // The first legend mark is drawn over the map only when the legend is on.
    expect(pixel(png, (where.x + 8) * 2, (where.y + 10) * 2)).not.toEqual(
      pixel(bare.png, (where.x + 8) * 2, (where.y + 10) * 2),
    );
  });

  it('refuses, with a clear message, a size beyond what the browser can draw', async () => {
    const request = page.evaluate(() =>
      window.tensionMap.exportImage({ size: { width: 1200, height: 675 }, scale: 4 }),
    );
    await expect(request).rejects.toThrow(
      'a 4800 × 2700 px image needs a 4800 × 2268 px map, but this browser draws maps of at most 4096 × 4096 px; choose a smaller scale or size',
    );
    await expect(
      page.evaluate(() => window.tensionMap.exportImage({ size: { width: 300, height: 200 } })),
    ).rejects.toThrow(/the legend does not fit in a 300 × 200 image/);
  });

  it('gives the same bytes for the same inputs', async () => {
    const options = { size: { width: 600, height: 400 }, scale: 1 };
    const first = await exportPng(page, options);
    const second = await exportPng(page, options);
    expect(second.dataUrl).toBe(first.dataUrl);
  });

  it('leaves the background transparent without the basemap, keeping the overlay', async () => {
    const { png, layout } = await exportPng(page, {
      size: { width: 800, height: 500 },
      transparent: true,
      legend: false,
    });
    const { map } = layout;
    expect(pixel(png, map.x + map.width - 5, map.y + map.height - 5)[3]).toBe(0);
    expect(pixel(png, 2, 2)[3]).toBe(0);
    let opaque = 0;
    for (let y = map.y; y < map.y + map.height; y += 2) {
      for (let x = map.x; x < map.x + map.width; x += 2) if (pixel(png, x, y)[3] === 255) opaque++;
    }
    expect(opaque).toBeGreaterThan(200);
    const withBasemap = await exportPng(page, { size: { width: 800, height: 500 }, legend: false });
    expect(pixel(withBasemap.png, map.x + map.width - 5, map.y + map.height - 5)[3]).toBe(255);
  });
});

describe('a right-to-left snapshot', () => {
  it('mirrors the legend in Hebrew: the panel on the other side, swatches right of their labels', async () => {
    const size = { size: { width: 1000, height: 600 }, scale: 2 };
    const english = await openApp(browser, '?date=2023-01-27&view=47,38,4', {
      width: 1000,
      height: 700,
    });
    const ltr = (await exportPng(english.page, size)).layout;
    await english.page.close();
    const { page, errors } = await openApp(browser, '?lang=he&date=2023-01-27&view=47,38,4', {
      width: 1000,
      height: 700,
    });
    const { png, layout } = await exportPng(page, size);
    await page.close();
    expect(layout.direction).toBe('rtl');
    const centre = (legend: Rect) => legend.x + legend.width / 2 - layout.width / 2;
    expect(Math.sign(centre(layout.legend!))).toBe(-Math.sign(centre(ltr.legend!)));
    const items = layout.legend!.entries.flatMap((e) => (e.type === 'item' ? [e] : []));
    expect(items.length).toBeGreaterThan(3);
    for (const entry of items) {
      const middle = (entry.y + 10) * 2;
      if (entry.item.kind === 'mark' && entry.item.opacity === 1 && !entry.item.centre) {
        // The mark is drawn at its mirrored place, right of the label's end.
        const cx = entry.x + 28 - 8;
        expect(cx).toBeGreaterThan(entry.labelX);
        const target = [1, 3, 5].map((i) => parseInt(entry.item.color.slice(i, i + 2), 16));
        expect(near(pixel(png, cx * 2, middle), target, 40), entry.item.label).toBe(true);
      }
      // Everything inked left of the swatch is the label, and it ends where the layout says.
      let rightmost = -1;
      for (let x = Math.ceil(layout.legend!.x * 2) + 4; x < Math.floor(entry.x * 2) - 1; x++) {
        for (let y = middle - 10; y <= middle + 10; y++) {
          const [r, g, b] = pixel(png, x, y);
          if ((r + g + b) / 3 < 120) rightmost = Math.max(rightmost, x);
        }
      }
      expect(rightmost, entry.item.label).toBeGreaterThan((entry.labelX - 8) * 2);
      expect(rightmost, entry.item.label).toBeLessThanOrEqual((entry.labelX + 1) * 2);
    }
    expect(errors).toEqual([]);
  }, 120_000);
});

describe('what a snapshot shows', () => {
  let page: Page;
  beforeAll(async () => {
    ({ page } = await openApp(
      browser,
      '?data=/fixtures/browser/tehran-attack.geojson&date=2023-01-27&view=51.39,35.69,6',
      { width: 900, height: 700 },
    ));
  });
  afterAll(() => page.close());
  const options = { size: { width: 800, height: 500 }, scale: 2, legend: false };

  /** The pixels within `radius` CSS pixels of Tehran in an export. */
  async function aroundTehran(radius: number) {
    const { png, layout } = await exportPng(page, options);
    const centre = await placeInExport(page, layout, TEHRAN);
    const around: [number, number, number, number][] = [];
    const r = radius * layout.scale;
    for (let dy = -r; dy <= r; dy++)
      for (let dx = -r; dx <= r; dx++) around.push(pixel(png, centre.x + dx, centre.y + dy));
    return { png, layout, centre, around };
  }

  it('draws the Tehran attack in the attack colour on 27 Jan 2023', async () => {
    expect(await page.evaluate(() => window.tensionMap.getState().title)).toBe(
      'Tehran embassy attack (export test)',
    );
    await page.evaluate(() => window.tensionMap.setDate('2023-01-27'));
    const { around } = await aroundTehran(1);
    for (const color of around) expect(near(color, ATTACK), `pixel ${color.join(',')}`).toBe(true);
  });

  it('does not draw it on 1 Dec 2022', async () => {
    await page.evaluate(() => window.tensionMap.setDate('2022-12-01'));
    const { around } = await aroundTehran(6);
    for (const color of around) expect(near(color, ATTACK, 60)).toBe(false);
    await page.evaluate(() => window.tensionMap.setDate('2023-01-27'));
  });

  it('carries the selection highlight over from the live map', async () => {
    // The attack's circle has a radius of 7.2 px; selected, a 3 px dark ring surrounds it.
    const ringPixel = async () => {
      const { png, layout, centre } = await aroundTehran(0);
      return pixel(png, centre.x, centre.y - 8.7 * layout.scale);
    };
    await page.evaluate(() => window.tensionMap.select(null));
    const plain = await ringPixel();
    await page.evaluate(() => window.tensionMap.select('tehran-embassy-attack'));
    const selected = await ringPixel();
    expect(near(selected, [0x11, 0x11, 0x11], 40)).toBe(true);
    expect(near(plain, [0x11, 0x11, 0x11], 40)).toBe(false);
    await page.evaluate(() => window.tensionMap.select(null));
  });

  it('exports the features in effect as GeoJSON our validator accepts, and as CSV', async () => {
    const geojson = await page.evaluate(() => window.tensionMap.exportData('geojson'));
    const result = validateDataset(geojson);
    expect(result.problems.map(formatProblem)).toEqual([]);
    expect(result.ok && result.dataset.incidents.map((i) => i.id).sort()).toEqual([
      'london-embassy-attack',
      'tehran-embassy-attack',
    ]);
    const csv = await page.evaluate(() => window.tensionMap.exportData('csv'));
    expect(csv.split('\r\n')[0]).toBe(
      'kind,id,title,date,end_date,category_or_stance,countries,lon,lat,status,precision,fatalities,injured,source_url',
    );
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(3);
  });
});

describe('animated exports', () => {
  it('has one frame per step, dated in order, ending on the last day and holding it, with the date stamped in the header', async () => {
    const { page, errors } = await openApp(browser, '?date=2023-01-27&view=47,38,4', {
      width: 800,
      height: 600,
    });
    const { dataUrl, dates } = await page.evaluate(() =>
      window.tensionMap.exportAnimation({
        size: { width: 480, height: 300 },
        legend: false,
        from: '2022-08-01',
        to: '2022-10-01',
        every: '2w',
        fps: 5,
      }),
    );
    expect(dates).toEqual(['2022-08-14', '2022-08-28', '2022-09-11', '2022-09-25', '2022-10-01']);
    const gif = new GifReader(new Uint8Array(bytesOf(dataUrl)));
    expect([gif.width, gif.height]).toEqual([480, 300]);
    expect(gif.numFrames()).toBe(dates.length);
    expect(gif.loopCount()).toBe(0);
    expect(gif.frameInfo(0).delay).toBe(20);
    // The last frame stays 2 s longer before the loop starts again (delays in 1/100 s).
    expect(gif.frameInfo(dates.length - 1).delay).toBe(220);
    const frames = Array.from({ length: gif.numFrames() }, (_, i) => {
      const rgba = new Uint8Array(gif.width * gif.height * 4);
      gif.decodeAndBlitFrameRGBA(i, rgba);
      return rgba;
    });
    // The date line (the header's lower half) differs from each frame to the next.
    const dateLine = (rgba: Uint8Array) => rgba.slice(32 * 480 * 4, 64 * 480 * 4).join();
    for (let i = 1; i < frames.length; i++)
      expect(dateLine(frames[i]!)).not.toBe(dateLine(frames[i - 1]!));
    // The first frame's date line matches a still export of that day.
    await page.evaluate(() => window.tensionMap.setDate('2022-08-14'));
    const still = decodePng(
      await page.evaluate(() =>
        window.tensionMap.exportImage({ size: { width: 480, height: 300 }, legend: false }),
      ),
    );
    let same = 0;
    for (let i = 32 * 480; i < 64 * 480; i++)
      if (
        near(
          [...still.data.subarray(i * 4, i * 4 + 3)],
          [...frames[0]!.subarray(i * 4, i * 4 + 3)],
          40,
        )
      )
        same++;
    expect(same / (32 * 480)).toBeGreaterThan(0.98);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('counts the crowded places of each frame’s own date, not of the live map’s', async () => {
    const { page, errors } = await openApp(browser, '?date=2023-01-27&view=49,36,5', {
      width: 800,
      height: 600,
    });
    const size = { width: 600, height: 400 };
    const layout = await page.evaluate(
      (s) => window.tensionMap.exportLayout({ size: s, legend: false }),
      size,
    );
    const frames: PNG[] = [];
    await page.exposeFunction('keepFrame', (dataUrl: string) => frames.push(decodePng(dataUrl)));
    await page.evaluate(
      (s) =>
        window.tensionMap.exportFrames(
          { size: s, legend: false, from: '2022-08-01', to: '2023-01-27', every: '2m' },
          (_index, _date, dataUrl) =>
            (window as unknown as { keepFrame: (d: string) => Promise<void> }).keepFrame(dataUrl),
        ),
      size,
    );
    // The badge's dark disc sits 10 px right of and 10 px above its place's centre.
    const centre = await placeInExport(page, layout, TEHRAN);
    const badgePixels = (png: PNG) => {
      let dark = 0;
      for (let dy = -2; dy <= 2; dy++)
        for (let dx = -2; dx <= 2; dx++)
          if (near(pixel(png, centre.x + 10 + dx, centre.y - 10 + dy), [0x22, 0x22, 0x22], 30))
            dark++;
      return dark;
    };
    expect(frames.length).toBeGreaterThan(2);
    // On the last day the attack and the statements about it crowd Tehran; in August nothing.
    expect(badgePixels(frames.at(-1)!)).toBeGreaterThan(5);
    expect(badgePixels(frames[0]!)).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('encodes WebM video, one VP9 frame per step at the asked frame rate, the same every time', async () => {
    const { page } = await openApp(browser, '?date=2023-01-27&view=47,38,4', {
      width: 800,
      height: 600,
    });
    const options = {
      format: 'webm' as const,
      size: { width: 480, height: 300 },
      legend: false,
      from: '2022-08-01',
      to: '2022-09-01',
      every: '1w',
      fps: 2,
    };
    const first = await page.evaluate((o) => window.tensionMap.exportAnimation(o), options);
    expect(first.dataUrl).toMatch(/^data:video\/webm;base64,/);
    expect(first.dates).toEqual([
      '2022-08-07',
      '2022-08-14',
      '2022-08-21',
      '2022-08-28',
      '2022-09-01',
    ]);
    const input = new Input({
      source: new BufferSource(bytesOf(first.dataUrl)),
      formats: ALL_FORMATS,
    });
    const track = (await input.getPrimaryVideoTrack())!;
    expect([track.codec, track.displayWidth, track.displayHeight]).toEqual(['vp9', 480, 300]);
    const timestamps: number[] = [];
    for await (const packet of new EncodedPacketSink(track).packets())
      timestamps.push(packet.timestamp);
    // One frame a step, and the last again 2 s later: it is held that long before looping.
    expect(timestamps).toEqual([0, 0.5, 1, 1.5, 2, 4]);
    expect(await input.computeDuration()).toBeCloseTo(4.5, 1);
    const second = await page.evaluate((o) => window.tensionMap.exportAnimation(o), options);
    expect(second.dataUrl).toBe(first.dataUrl);
    await page.close();
  });

  it('refuses dates outside the dataset and steps it cannot read', async () => {
    const { page } = await openApp(browser);
    await expect(
      page.evaluate(() =>
        window.tensionMap.exportAnimation({ from: '2020-01-01', to: '2022-10-01', every: '7d' }),
      ),
    ).rejects.toThrow(/outside the dataset's range/);
    await expect(
      page.evaluate(() =>
        window.tensionMap.exportAnimation({
          from: '2022-08-01',
          to: '2022-10-01',
          every: 'weekly',
        }),
      ),
    ).rejects.toThrow(/is not a number of days, weeks or months/);
    await page.close();
  });
});
