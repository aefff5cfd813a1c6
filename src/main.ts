/**
 * Starts the app: reads the link, loads the dataset (the built-in one unless `?data=` names
 * another), mounts the map and installs `window.tensionMap`.
 */
import { mount } from 'svelte';
import builtInUrl from '../geojson/caspian-2022-2023.geojson?url';
import App from './app/App.svelte';
import { createAutomation, type MapController, type TensionMapApi } from './app/automation.ts';
import { mapStateContext } from './app/context.ts';
import { fetchDatasetText } from './app/loading.ts';
import { MapState } from './app/state.svelte.ts';
import { parseUrlState } from './lib/urlstate.ts';

declare global {
  interface Window {
    tensionMap: TensionMapApi;
  }
}

async function start(): Promise<void> {
  const { state: link, problems } = parseUrlState(location.search, location.href);
  const state = new MapState();
  state.notices = problems;
  state.styleUrl = link.style;

  if (link.data) {
    const result = await fetchDatasetText(link.data);
    const loaded = result.ok && state.load(result.text, link.data, link.data);
    if (!result.ok) state.loadProblems = { source: link.data, problems: [result.error] };
    if (!loaded) {
      const failed = state.loadProblems;
      await loadBuiltIn(state);
      state.loadProblems = failed;
    }
  } else {
    await loadBuiltIn(state);
  }
  state.applyUrlState(link);

  let resolveController: (controller: MapController) => void = () => {};
  const controller = new Promise<MapController>((resolve) => (resolveController = resolve));
  window.tensionMap = createAutomation(state, controller);
  mount(App, {
    target: document.getElementById('app')!,
    props: { onready: resolveController },
    context: mapStateContext(state),
  });
}

async function loadBuiltIn(state: MapState): Promise<void> {
  const result = await fetchDatasetText(builtInUrl);
  if (!result.ok || !state.load(result.text, 'the built-in dataset')) {
    throw new Error(`The built-in dataset could not be loaded: ${result.ok ? 'invalid' : result.error}`);
  }
}

void start();
