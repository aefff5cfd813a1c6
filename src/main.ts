/**
 * Starts the app: reads the link, loads the dataset (the built-in one unless `?data=` names
 * another), mounts the full app or, with `?embed=1`, the embed, and installs
 * `window.tensionMap`.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import { parseOrigins } from './core/commands/messages.ts';
import { parseUrlState } from './core/commands/urlstate.ts';
import type { TensionMapApi } from './embed/automation.ts';
import { connectToHost } from './embed/host.svelte.ts';
import { mountMap } from './embed/mount.ts';
import { syncLocation } from './state/urlsync.svelte.ts';

declare global {
  interface Window {
    tensionMap: TensionMapApi;
  }
}

async function start(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const { state: link, problems } = parseUrlState(location.search, location.href);
  const embed = params.get('embed') === '1';
  if (embed) document.documentElement.classList.add('embedded');
  const map = mountMap({
    target: document.getElementById('app')!,
    layout: embed ? 'embed' : 'app',
    assetBase: new URL(import.meta.env.BASE_URL, location.href).href.replace(/\/$/, ''),
    fill: params.get('fill') === '1',
    command: link,
  });
  map.state.notices = problems;
  map.state.styleUrl = link.style;
  window.tensionMap = map.api;
  if (embed && window.parent !== window && map.root) {
    connectToHost(map.state, map.api, map.root, {
      id: params.get('id') ?? 'tension-map',
      origins: parseOrigins(params.get('origins')),
    });
  }
  syncLocation(map.state);
  await map.load(link.data);
}

void start();
