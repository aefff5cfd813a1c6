/**
 * The script embed: `<tension-map>`, a custom element showing one map with its own state.
 *
 *   <script type="module" src="https://maps.example.org/tension-map.js"></script>
 *   <tension-map data="…geojson" date="2023-01-27" view="47,38,4"></tension-map>
 *
 * Attributes `data`, `date`, `view`, `select`, `mode`, `window` (or the window's `from` and
 * `to`), the filters and `theme`
 * (`light` or `dark`; without it, the reader's colour scheme) set the map; the methods
 * `set`, `setDate`, `setView`, `select`, `getState` drive it from a page's script
 * (scrollytelling), and `tension-map:ready` / `tension-map:state` events report back. Styles,
 * MapLibre's included, live in the element's shadow root and touch nothing else on the page.
 */
import maplibreCss from 'maplibre-gl/dist/maplibre-gl.css?inline';
import themeCss from './ui/theme.css?inline';
import {
  COMMAND_FIELDS,
  commandFromText,
  parseCommand,
  type MapCommand,
} from './core/commands/command.ts';
import { READY, STATE } from './core/commands/messages.ts';
import type { PublicState, RenderedIds } from './embed/automation.ts';
import { watchRenderedState } from './embed/host.svelte.ts';
import { mountMap, type MountedMap } from './embed/mount.ts';
import { loadDataset } from './loading/load.ts';
import { MapState } from './state/state.svelte.ts';

const ATTRIBUTES = ['data', ...COMMAND_FIELDS] as const;

const HOST_CSS = `
:host { display: block; position: relative; min-height: 300px; contain: content; }
:host([hidden]) { display: none; }
.root { height: 100%; }
`;

/** Where the script was loaded from: the basemap and fonts sit beside it. */
const assetBase = new URL('.', import.meta.url).href.replace(/\/$/, '');

/** The `<tension-map>` element. */
export class TensionMapElement extends HTMLElement {
  static observedAttributes = [...ATTRIBUTES];

  readonly #state = new MapState();
  #map: MountedMap | undefined;
  #stop: (() => void) | undefined;
  #started: Promise<void> | undefined;

  connectedCallback(): void {
    this.#started ??= this.#start();
  }

  disconnectedCallback(): void {
    // Moving the element in the DOM disconnects and reconnects it; only tear down when it
    // has really left the page.
    queueMicrotask(() => {
      if (this.isConnected || !this.#map) return;
      this.#stop?.();
      this.#map.destroy();
      this.#map = undefined;
      this.#started = undefined;
    });
  }

  async #start(): Promise<void> {
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    shadow.replaceChildren();
    const style = document.createElement('style');
    style.textContent = maplibreCss + themeCss + HOST_CSS;
    const target = document.createElement('div');
    target.className = 'root';
    shadow.append(style, target);

    const map = await mountMap({
      target,
      layout: 'embed',
      assetBase,
      fill: true,
      state: this.#state,
      command: this.#attributeCommand(),
    });
    this.#map = map;
    const data = this.getAttribute('data');
    await map.load(data ? new URL(data, document.baseURI).href : undefined);
    try {
      await map.api.ready;
    } catch {
      return; // The map says why it cannot start; there is no state to report.
    }
    this.dispatchEvent(new CustomEvent(READY, { detail: map.api.getState() }));
    this.#stop = watchRenderedState(this.#state, map.api, (state) =>
      this.dispatchEvent(new CustomEvent(STATE, { detail: state })),
    );
  }

  /** The command the attributes describe; bad attributes are reported and skipped. */
  #attributeCommand(): MapCommand {
    const { command, problems } = commandFromText((field) => this.getAttribute(field));
    for (const { field, value, expected } of problems) {
      console.warn(`<tension-map>: ignored ${field}="${value}": use ${expected}`);
    }
    return command;
  }

  attributeChangedCallback(name: string, previous: string | null, value: string | null): void {
    if (!this.#map || previous === value) return;
    if (name === 'data') {
      if (value) void this.#loadData(new URL(value, document.baseURI).href);
      return;
    }
    // Removing `select` or `profile` closes what it opened; other fields keep their value,
    // since a map has no "no date" or "no view" to go back to.
    if (value === null && (name === 'select' || name === 'profile')) {
      this.#state.apply({ [name]: null });
      return;
    }
    // Without the attribute, the reader's colour scheme decides again.
    if (name === 'theme' && value === null) this.#state.chosenTheme = undefined;
    this.#state.apply(this.#attributeCommand());
  }

  async #loadData(url: string): Promise<void> {
    await loadDataset(this.#state, { url }, { kind: 'url', url });
  }

  /** Resolves once the map has drawn its first state. */
  get ready(): Promise<void> {
    return (this.#started ?? Promise.resolve()).then(() => this.#map?.api.ready);
  }

  /**
   * Moves the map: any of `date`, `view`, `select`, `mode`, `window`, `from` and `to`, the
   * filters. Resolves once the new
   * state is drawn; a malformed command is refused with a console warning and changes
   * nothing.
   */
  async set(command: unknown): Promise<void> {
    const parsed = parseCommand(command);
    if (!parsed.ok) {
      console.warn(`<tension-map>: ignored a malformed command: ${parsed.reason}`);
      return;
    }
    await this.ready;
    this.#state.apply(parsed.value);
    await this.#map?.api.settled();
  }

  /** Moves the slider to a `YYYY-MM-DD` date. */
  setDate(date: string): Promise<void> {
    return this.set({ date });
  }

  /** Moves the map to `lon,lat,zoom`. */
  setView(view: string | [number, number, number]): Promise<void> {
    return this.set({ view });
  }

  /** Selects an incident or relation event by id; `null` clears the selection. */
  select(id: string | null): Promise<void> {
    return this.set({ select: id });
  }

  /** What the map shows now, or `null` before it is ready. */
  getState(): PublicState | null {
    return this.#map?.api.getState() ?? null;
  }

  /** Ids of the incidents and relation events drawn now. */
  renderedIds(): RenderedIds {
    return this.#map?.api.renderedIds() ?? { incidents: [], relations: [], labels: [], places: [] };
  }
}

if (!customElements.get('tension-map')) customElements.define('tension-map', TensionMapElement);

declare global {
  interface HTMLElementTagNameMap {
    'tension-map': TensionMapElement;
  }
}
