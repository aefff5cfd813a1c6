/**
 * The state of one mounted map: dataset, slider, selection, view and load problems.
 *
 * One instance per map, handed to components through `context.ts`, so an article can
 * embed two maps that keep separate state.
 */
import { dayFromIso, isoFromDay, type Day } from '../core/model/dates.ts';
import type { PageData } from '../core/prepare/mapdata.ts';
import type { PlaceGroups } from '../core/prepare/places.ts';
import { historyUntil, stanceEventAt, type Dyad } from '../core/model/relations.ts';
import type { Dataset, Incident, Problem, RelationEvent } from '../core/model/schema.ts';
import { localText, type LocalText } from '../core/i18n/localtext.ts';
import { IncidentTimeIndex } from '../core/time/incidentindex.ts';
import {
  clampDay,
  stepDay,
  type PlaybackMode,
  type StepUnit,
  type TimeFilter,
} from '../core/time/timeline.ts';
import { playbackSpeeds, playbackTick, speedFor, type Speed } from '../core/time/playback.ts';
import {
  FILTER_FIELDS,
  isUnfiltered,
  normalizeFilters,
  relationMatches,
  searchWords,
  type Filters,
} from '../core/filter/filters.ts';
import type { Filterer } from '../core/filter/summary.ts';
import type { BucketSize, Histogram } from '../core/time/histogram.ts';
import type { MapCommand, View } from '../core/commands/command.ts';
import type { UrlState } from '../core/commands/urlstate.ts';
import { chooseLanguage, type Language } from '../core/i18n/locale.ts';
import { Locale } from './locale.svelte.ts';
import type { Theme } from '../core/style/palette.ts';

/** A relationship drawn at the slider's date: the pair and the event that sets its stance. */
export interface ShownRelation {
  dyad: Dyad;
  event: RelationEvent;
}

/** What the details panel shows. */
export type Selection =
  | {
      kind: 'incident';
      incident: Incident;
      /** Index in the dataset's incidents. */ position: number;
    }
  | { kind: 'relation'; event: RelationEvent; dyad: Dyad };

/** Where a dataset came from: links and embeds can only point at the first two. */
export type DataSource =
  { kind: 'built-in' } | { kind: 'url'; url: string } | { kind: 'file'; name: string };

/** How a data source is named in messages. */
export function sourceLabel(source: DataSource): string {
  if (source.kind === 'built-in') return 'the built-in dataset';
  return source.kind === 'url' ? source.url : source.name;
}

/** A step of loading a dataset, for the progress indicator. */
export interface LoadProgress {
  stage: 'downloading' | 'checking' | 'reading' | 'preparing' | 'receiving';
  /**
   * Items done and in all, when the stage can count them: hundredths of the text when
   * reading a table, rows when checking an imported one, incidents otherwise.
   */
  done?: number;
  total?: number;
}

/** Problems from the last failed load, for the problem list. */
export interface LoadProblems {
  /** Where the data came from: a file name or URL. */
  source: string;
  /**
   * What is wrong: lines already in words, or validation problems, which the problem list
   * says in the reader's language (`formatProblemIn`).
   */
  problems: (string | Problem)[];
}

/** The default view: the whole world. */
export const WORLD_VIEW: View = { lon: 20, lat: 30, zoom: 1.5 };

/** Most incidents the event list shows: a million-incident dataset lists its latest. */
export const MAX_LISTED = 300;

/** Days in window mode unless a link says otherwise. */
export const DEFAULT_WINDOW_DAYS = 30;

export class MapState {
  dataset = $state.raw<Dataset | null>(null);
  data = $state.raw<PageData | null>(null);
  /**
   * The crowded places of `data` at every zoom level, for the count badges; `null` until they
   * arrive. The loading worker groups them after sending the dataset (seconds at a million
   * incidents), so the first frame does not wait for them: until then the map draws no
   * badges, and a click on a mark selects it.
   */
  places = $state.raw<PlaceGroups | null>(null);
  /** Where the current dataset came from. */
  source = $state.raw<DataSource>({ kind: 'built-in' });
  styleUrl = $state<string | undefined>();
  day = $state<Day>(0);
  mode = $state<PlaybackMode>('cumulative');
  windowDays = $state(DEFAULT_WINDOW_DAYS);
  view = $state.raw<View>(WORLD_VIEW);
  /** Whether the map should frame the dataset rather than keep `view` (no view in the link). */
  fitToData = $state(true);
  /** Id of the selected incident or relation event. */
  selectedId = $state<string | undefined>();
  playing = $state(false);
  /** Playback speed in days per second, one of `speeds`. */
  speed = $state<number>(30);
  loadProblems = $state.raw<LoadProblems | null>(null);
  /** How far a large dataset has loaded, while it loads. */
  progress = $state.raw<LoadProgress | null>(null);
  /** The country whose profile is open, as an ISO 3166-1 alpha-3 code. */
  profile = $state<string | undefined>();
  /** What the map shows besides time; see `filters.ts`. Empty fields are left out. */
  filters = $state.raw<Filters>({});
  /**
   * Which incidents pass the filters, one byte each in dataset order; `null` while nothing
   * is filtered. Computed off the main thread for datasets the loading worker loaded, so it
   * lags a filter change by that computation.
   */
  mask = $state.raw<Uint8Array | null>(null);
  /** The timeline's histogram following the filters, once the timeline has asked for one. */
  histogram = $state.raw<Histogram | null>(null);
  /**
   * The timeline's bucket size (`chooseBucketSize` from the range and its width), set by the
   * timeline; `null` asks for no histogram.
   */
  bucketSize = $state<BucketSize | null>(null);
  /** A notice about ignored URL parameters or other recoverable trouble. */
  notices = $state.raw<string[]>([]);
  /** The language and calendar this map speaks in. */
  readonly locale = new Locale();
  /** The language a link, command or the reader chose, which links then carry. */
  chosenLanguage = $state<Language | undefined>();
  /** The theme a link, attribute or command chose; `undefined` follows `systemTheme`. */
  chosenTheme = $state<Theme | undefined>();
  /** The reader's `prefers-color-scheme`, kept current by whoever mounts the map. */
  systemTheme = $state<Theme>('light');

  /** The theme the map, the interface and exports are drawn in. */
  theme: Theme = $derived(this.chosenTheme ?? this.systemTheme);

  /**
   * The reader's language: the locale's, which the interface speaks and the dataset's
   * titles, summaries and labels are shown in, so both change together once its messages
   * have loaded.
   */
  get language(): Language {
    return this.locale.language;
  }

  filter: TimeFilter = $derived({ day: this.day, mode: this.mode, windowDays: this.windowDays });

  /** The playback speeds the dataset's range offers, slowest first. */
  speeds: Speed[] = $derived(playbackSpeeds(this.data?.range ?? { start: 0, end: 0 }));

  /** Whether any filter besides time is set. */
  filtered: boolean = $derived(!isUnfiltered(this.filters));

  /** The dataset's incidents ordered by time, built once per dataset. */
  allIncidents: IncidentTimeIndex = $derived(
    new IncidentTimeIndex(this.dataset?.incidents ?? [], this.data?.timeOrder),
  );

  /** The incidents that pass the filters, ordered by time. */
  timeIndex: IncidentTimeIndex = $derived(this.allIncidents.withMask(this.mask));

  /** How many incidents the slider's date shows (passing the filters). */
  shownCount: number = $derived(this.timeIndex.countShown(this.filter));

  /** How many incidents the slider's date would show without the filters. */
  totalCount: number = $derived(
    this.mask ? this.allIncidents.countShown(this.filter) : this.shownCount,
  );

  /** Whether a relation event passes the filters. */
  relationShown: (event: RelationEvent) => boolean = $derived.by(() => {
    const filters = this.filters;
    if (isUnfiltered(filters)) return () => true;
    const words = searchWords(filters.q);
    return (event: RelationEvent) => relationMatches(event, filters, words);
  });

  /**
   * Which arc stretches pass the filters, one byte each in `data.arcs`' order; `null` while
   * nothing is filtered. Relationships are few beside incidents: computed here, in place.
   */
  arcMask: Uint8Array | null = $derived.by(() => {
    const arcs = this.data?.arcs;
    const relations = this.dataset?.relations;
    if (!this.filtered || !arcs || !relations) return null;
    const byId = new Map(relations.map((event) => [event.id, event]));
    const shown = this.relationShown;
    const mask = new Uint8Array(arcs.length);
    arcs.forEach((arc, i) => {
      const event = byId.get(arc.id);
      mask[i] = event && shown(event) ? 1 : 0;
    });
    return mask;
  });

  /** The most recent shown incidents, latest first, for the event list. */
  listedIncidents: Incident[] = $derived(this.timeIndex.latestShown(this.filter, MAX_LISTED));

  /** The relationships drawn at the slider's date that pass the filters. */
  shownRelations: ShownRelation[] = $derived(
    (this.data?.dyads ?? []).flatMap((dyad) => {
      const event = stanceEventAt(dyad, this.day);
      return event && this.relationShown(event) ? [{ dyad, event }] : [];
    }),
  );

  /** How many relationships the slider's date would show without the filters. */
  totalRelations: number = $derived(
    this.filtered
      ? (this.data?.dyads ?? []).filter((dyad) => stanceEventAt(dyad, this.day)).length
      : this.shownRelations.length,
  );

  /**
   * The relationships for the event list: the latest changes first, at most `MAX_LISTED`, so
   * a dataset of thousands of pairs lists what changed lately rather than every pair.
   */
  listedRelations: ShownRelation[] = $derived(
    this.shownRelations
      .slice()
      .sort((a, b) => b.event.date.start - a.event.date.start)
      .slice(0, MAX_LISTED),
  );

  /**
   * The selected feature, looked up when the id or the dataset changes and never on a slider
   * step, so moving the slider with a selection costs no search and no GPU state pass.
   */
  selection: Selection | null = $derived(this.#findSelection());

  /** The selected pair's stances up to the slider's day, oldest first; empty for an incident. */
  selectedHistory: RelationEvent[] = $derived(
    this.selection?.kind === 'relation' ? historyUntil(this.selection.dyad, this.day) : [],
  );

  #playTimer: ReturnType<typeof setInterval> | undefined;
  #filterer: Filterer | undefined;
  /** The latest filter request; answers to earlier ones are dropped. */
  #filterRequest = 0;
  #settled: Promise<void> = Promise.resolve();
  #placesArrived: Promise<void> = Promise.resolve();
  /** Ends the wait for the places of the dataset shown, which the next dataset replaces. */
  #stopWaitingForPlaces = () => {};
  /** Whether a link, command or the reader chose the day, rather than the default. */
  #dayChosen = false;

  #findSelection(): Selection | null {
    const id = this.selectedId;
    if (!id || !this.dataset || !this.data) return null;
    const position = this.dataset.incidents.findIndex((i) => i.id === id);
    const incident = this.dataset.incidents[position];
    if (incident) return { kind: 'incident', incident, position };
    const event = this.dataset.relations.find((r) => r.id === id);
    const dyad = event && this.data.dyads.find((d) => d.events.includes(event));
    if (!event || !dyad) return null;
    return { kind: 'relation', event, dyad };
  }

  /**
   * Shows a validated and prepared dataset (from the loading worker, or `loadSync`). A day
   * nobody chose becomes the dataset's last; a chosen day is kept, within the new range. The
   * selection stays when its feature still exists, and the speed when the range offers it.
   * `places` are the dataset's crowded places (`groupPlaces`), or their promise when they come
   * later (see `places`); `null` or absent, the map draws no count badges.
   */
  accept(
    dataset: Dataset,
    data: PageData,
    source: DataSource,
    filterer?: Filterer,
    places: PlaceGroups | Promise<PlaceGroups | null> | null = null,
  ): void {
    this.day = this.#dayChosen ? clampDay(this.day, data.range) : data.range.end;
    this.speed = speedFor(data.range, this.speed);
    this.dataset = dataset;
    this.data = data;
    this.locale.countries = data.countries;
    this.source = source;
    this.loadProblems = null;
    this.progress = null;
    if (this.selectedId && !this.#hasFeature(this.selectedId)) this.selectedId = undefined;
    this.#filterer?.dispose();
    this.#filterer = filterer;
    this.mask = null;
    this.histogram = null;
    this.refilter();
    this.#stopWaitingForPlaces();
    if (places instanceof Promise) {
      this.places = null;
      // A worker replaced before it sent them never will: the wait ends with the next dataset.
      const replaced = new Promise<void>((resolve) => (this.#stopWaitingForPlaces = resolve));
      const arrived = places.then((groups) => {
        if (data === this.data) this.places = groups;
      });
      this.#placesArrived = Promise.race([arrived, replaced]);
    } else {
      this.places = places;
      this.#placesArrived = Promise.resolve();
    }
  }

  /**
   * Resolves once the crowded places of the dataset shown have arrived (or never will: the
   * worker failed), so the count badges, and exports, can be waited for.
   */
  async placesSettled(): Promise<void> {
    let current: Promise<void>;
    do {
      current = this.#placesArrived;
      await current;
    } while (current !== this.#placesArrived);
  }

  /**
   * Asks for the mask and histogram of the current filters, and the bucket size the
   * timeline's width chooses. Called when either changes; an answer that arrives after a
   * later request is dropped, so a fast typist never sees an older search win.
   */
  refilter(): void {
    const filterer = this.#filterer;
    const data = this.data;
    const dataset = this.dataset;
    if (!filterer || !data || !dataset) return;
    const id = ++this.#filterRequest;
    const size = this.bucketSize;
    const request = size
      ? { range: data.range, size, categories: dataset.categories.map((c) => c.id) }
      : null;
    this.#settled = filterer.summarize(this.filters, request).then((summary) => {
      if (id !== this.#filterRequest || data !== this.data) return;
      this.mask = summary.mask;
      this.histogram = summary.histogram;
    });
  }

  /** Resolves once the mask and histogram of the latest filter request have arrived. */
  async filtersSettled(): Promise<void> {
    let current: Promise<void>;
    do {
      current = this.#settled;
      await current;
    } while (current !== this.#settled);
  }

  /** Sets the timeline's bucket size, asking for a new histogram when it changes. */
  setBucketSize(size: BucketSize | null): void {
    if (size === this.bucketSize && (this.histogram || !size)) return;
    this.bucketSize = size;
    this.refilter();
  }

  #hasFeature(id: string): boolean {
    const dataset = this.dataset;
    return (
      !!dataset &&
      (dataset.incidents.some((f) => f.id === id) || dataset.relations.some((f) => f.id === id))
    );
  }

  /**
   * Speaks the language a command chose, else the first of the reader's languages
   * (`navigator.languages`) the interface speaks, else English; resolves once its messages
   * have loaded.
   */
  chooseLanguage(readerLanguages: readonly string[]): Promise<void> {
    const language = this.chosenLanguage ?? chooseLanguage(readerLanguages);
    return language === this.locale.language
      ? this.locale.ready()
      : this.locale.setLanguage(language);
  }

  /**
   * A text of the dataset (a title, summary or label) in the reader's language, falling back
   * to the dataset's default language, then to any (see `localText`).
   */
  text(value: LocalText): string;
  text(value: LocalText | undefined): string | undefined;
  text(value: LocalText | undefined): string | undefined {
    return localText(value, this.locale.language, this.dataset?.language);
  }

  /** Moves the slider to a day, kept within the dataset's range. */
  setDay(day: Day): void {
    this.#dayChosen = true;
    this.day = this.data ? clampDay(day, this.data.range) : day;
  }

  /** Moves the slider by days, months or years. */
  step(unit: StepUnit, delta: number): void {
    if (!this.data) return;
    this.#dayChosen = true;
    this.day = stepDay(this.day, unit, delta, this.data.range);
  }

  /** Jumps to the first or last day of the range. */
  jump(to: 'start' | 'end'): void {
    if (!this.data) return;
    this.#dayChosen = true;
    this.day = this.data.range[to];
  }

  /** Selects an incident or relation event by id; `undefined` clears the selection. */
  select(id: string | undefined): void {
    this.selectedId = id;
  }

  /** Starts playback from the current day (from the start when at the end). */
  play(): void {
    if (!this.data || this.playing) return;
    if (this.day >= this.data.range.end) this.day = this.data.range.start;
    this.playing = true;
    const { unit, count, interval } = playbackTick(this.speed);
    this.#playTimer = setInterval(() => {
      if (!this.data || this.day >= this.data.range.end) return this.pause();
      this.step(unit, count);
    }, interval);
  }

  /** Stops playback. */
  pause(): void {
    clearInterval(this.#playTimer);
    this.#playTimer = undefined;
    this.playing = false;
  }

  /** Changes the playback speed, restarting playback when it is running. */
  setSpeed(speed: number): void {
    this.speed = speed;
    if (this.playing) {
      this.pause();
      this.play();
    }
  }

  /** The state as a link carries it. */
  toUrlState(): UrlState {
    // Window mode as its first and last day (`from`, `to`), which stand for mode and length.
    const window = this.mode === 'window';
    const day = isoFromDay(this.day);
    return {
      date: window ? undefined : day,
      from: window ? isoFromDay(this.day - this.windowDays + 1) : undefined,
      to: window ? day : undefined,
      view: this.view,
      select: this.selectedId,
      profile: this.profile,
      ...this.filters,
      lang: this.chosenLanguage,
      calendar: this.locale.chosenCalendar,
      theme: this.chosenTheme,
      data: this.source.kind === 'url' ? this.source.url : undefined,
      style: this.styleUrl,
    };
  }

  /**
   * Applies a command, the one way every entry point changes what the map shows: links,
   * the step API's messages, the element's attributes and methods, `window.tensionMap` and
   * the snapshot CLI all read their input into a `MapCommand` first (see `command.ts`).
   */
  apply(command: MapCommand): void {
    if (command.lang) {
      this.chosenLanguage = command.lang;
      void this.locale.setLanguage(command.lang);
      // A calendar chosen for one language is not carried to the next: Persian's own calendar
      // is Solar Hijri, English's Gregorian.
      if (!command.calendar) this.locale.chosenCalendar = undefined;
    }
    if (command.calendar) this.locale.chosenCalendar = command.calendar;
    if (command.mode) this.mode = command.mode;
    if (command.window) this.windowDays = command.window;
    if (command.view) {
      this.view = command.view;
      this.fitToData = false;
    }
    if (command.date) this.setDay(dayFromIso(command.date)!);
    if (command.from && command.to) {
      const to = dayFromIso(command.to)!;
      this.mode = 'window';
      this.windowDays = to - dayFromIso(command.from)! + 1;
      this.setDay(to);
    }
    if (command.select !== undefined) this.select(command.select ?? undefined);
    if (command.profile !== undefined) this.profile = command.profile ?? undefined;
    if (command.theme) this.chosenTheme = command.theme;
    const changed = FILTER_FIELDS.filter((field) => command[field] !== undefined);
    if (changed.length) {
      const next: Filters = { ...this.filters };
      for (const field of changed) (next as Record<string, unknown>)[field] = command[field];
      const filters = normalizeFilters(next);
      if (JSON.stringify(filters) !== JSON.stringify(this.filters)) {
        this.filters = filters;
        this.refilter();
      }
    }
  }
}
