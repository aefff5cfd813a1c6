/**
 * Reading arcs off the page by colour: where an arc of the built-in dataset is, and how many
 * pixels of a stance's colour are near it. Shared by the map's and the benchmark's tests.
 */
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { buildMapData } from '../../src/core/prepare/mapdata.ts';
import { builtInDataset } from '../builtin.ts';

/** A point on the Azerbaijan–Israel arc, in page pixels, left of where the details open. */
export async function onArc(page: Page): Promise<{ x: number; y: number }> {
  const arc = buildMapData(builtInDataset()).arcs.features.find(
    (feature) => feature.properties.id === 'aze-isr-2022-11-18',
  )!;
  const line = arc.geometry.coordinates as [number, number][];
  // A quarter of the way from Israel.
  const [lon, lat] = line[Math.floor((line.length * 3) / 4)]!;
  const inMap = await page.evaluate(([x, y]) => window.tensionMap.project(x, y), [
    lon,
    lat,
  ] as const);
  const box = (await page.locator('.map').boundingBox())!;
  return { x: box.x + inMap.x, y: box.y + inMap.y };
}

/** Pixels of a colour (`#rrggbb`) within 15 px of a point on the page. */
export async function colouredNear(page: Page, point: { x: number; y: number }, hex: string) {
  const shot = PNG.sync.read(
    await page.screenshot({ clip: { x: point.x - 15, y: point.y - 15, width: 30, height: 30 } }),
  );
  const [red, green, blue] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  let count = 0;
  for (let i = 0; i < shot.data.length; i += 4) {
    const [r, g, b] = [shot.data[i]!, shot.data[i + 1]!, shot.data[i + 2]!];
    if (Math.abs(r - red!) + Math.abs(g - green!) + Math.abs(b - blue!) < 40) count++;
  }
  return count;
}
