/**
 * Starting one map: its state, its automation interface, the Svelte component (the full app
 * or the embed) and its first dataset. The page (`main.ts`) and the `<tension-map>` element
 * both start maps here, so they differ only in what they add around it: the page its URL
 * and host messages, the element its attributes and events.
 */
import { mount, unmount } from 'svelte';
import type { MapCommand } from '../core/commands/command.ts';
import { loadInitialData } from '../loading/load.ts';
import { mapStateContext } from '../state/context.ts';
import { MapState } from '../state/state.svelte.ts';
import App from '../ui/App.svelte';
import { fontsLoaded, installFonts } from '../ui/dom/fonts.ts';
import { createAutomation, type MapController, type TensionMapApi } from './automation.ts';

/** What to mount, where. */
export interface MountOptions {
  target: HTMLElement;
  /** The full app with its header and dialogs, or the compact embed. */
  layout: 'app' | 'embed';
  /** Where the app's own files (basemap, fonts) are served from, without a trailing slash. */
  assetBase: string;
  /** Whether the embed fills a container of fixed height rather than setting its own. */
  fill?: boolean;
  /** The state to show; a new one unless given (an element keeps its state when moved). */
  state?: MapState;
  /** Applied before the first frame: a link's state or an element's attributes. */
  command?: MapCommand;
}

/** A mounted map. */
export interface MountedMap {
  state: MapState;
  api: TensionMapApi;
  /** The map component's controller, once its first frame is drawn (see `api.ready`). */
  controller: Promise<MapController>;
  /** The mounted component's root element, once mounted. */
  root: HTMLElement | null;
  /**
   * Loads the first dataset, `dataUrl` or else the built-in one; resolves once it is shown
   * or its problems are listed.
   */
  load(dataUrl?: string): Promise<void>;
  /** Removes the component and its map. */
  destroy(): void;
}

/**
 * Mounts a map into `target`, once the embed's component has loaded when it is the embed (the
 * full app never downloads it). Its `api.ready` resolves once the first state is drawn, and
 * rejects with a reason when the map cannot start (no WebGL, no basemap).
 */
export async function mountMap(options: MountOptions): Promise<MountedMap> {
  const state = options.state ?? new MapState();
  if (options.command) state.apply(options.command);
  // The first frame is in the reader's language: its catalogue arrives before the mount.
  await state.chooseLanguage(navigator.languages);
  // The reader's colour scheme, which the map follows while nothing chooses a theme.
  const scheme = matchMedia('(prefers-color-scheme: dark)');
  const followScheme = () => (state.systemTheme = scheme.matches ? 'dark' : 'light');
  followScheme();
  scheme.addEventListener('change', followScheme);
  // On the document, not in a shadow root, where `@font-face` would do nothing.
  installFonts(options.assetBase);

  let resolveController: (controller: MapController) => void = () => {};
  let rejectController: (reason: string) => void = () => {};
  const controller = new Promise<MapController>((resolve, reject) => {
    // Ready only once the text is in the bundled fonts, so no screenshot catches a fallback.
    resolveController = (c) => void fontsLoaded().then(() => resolve(c));
    rejectController = (reason) => reject(new Error(reason));
  });
  const api = createAutomation(state, controller);

  const props = {
    assetBase: options.assetBase,
    onready: resolveController,
    onfail: rejectController,
  };
  const context = mapStateContext(state);
  const component =
    options.layout === 'embed'
      ? mount((await import('../ui/EmbedApp.svelte')).default, {
          target: options.target,
          props: { ...props, fill: !!options.fill },
          context,
        })
      : mount(App, { target: options.target, props, context });
  const root = options.target.firstElementChild;

  return {
    state,
    api,
    controller,
    root: root instanceof HTMLElement ? root : null,
    load: (dataUrl) => loadInitialData(state, dataUrl),
    destroy: () => {
      scheme.removeEventListener('change', followScheme);
      void unmount(component);
    },
  };
}
