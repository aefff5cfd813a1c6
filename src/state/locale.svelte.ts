/**
 * The language one mounted map speaks: its messages, direction, calendar and the forms of its
 * dates, numbers and country names.
 *
 * One instance per map (see `MapState.locale`), so an English article can hold a Persian map
 * beside an English one. Components read `t`, `dir` and the formatters; changing the language
 * fetches its catalogue first and switches only once it has arrived, so the interface never
 * shows a half-translated state.
 */
import type { CountryName } from '../core/model/countries.ts';
import type { CalendarDate, Day } from '../core/model/dates.ts';
import {
  defaultCalendar,
  direction,
  formatDayIn,
  formatNumberIn,
  formatSpanIn,
  type Calendar,
  type Language,
  type Speaker,
  type Translate,
} from '../core/i18n/locale.ts';
import {
  countryNameIn,
  createTranslate,
  ENGLISH_MESSAGES,
  loadMessages,
  type Messages,
} from '../i18n/catalogues.ts';

export class Locale implements Speaker {
  #messages = $state.raw<Messages>(ENGLISH_MESSAGES);
  #translate = $state.raw<Translate>(createTranslate(ENGLISH_MESSAGES));
  /** The calendar the reader asked for, if any; otherwise the language's own. */
  chosenCalendar = $state<Calendar | undefined>();
  /** The latest language asked for: an earlier request that loads later is dropped. */
  #requested: Language = 'en';
  #loaded: Promise<void> = Promise.resolve();

  /** The language the interface speaks now. */
  language: Language = $derived(this.#messages.language);
  /** Its direction, for the `dir` of the map's root. */
  dir: 'ltr' | 'rtl' = $derived(direction(this.language));
  calendar: Calendar = $derived(this.chosenCalendar ?? defaultCalendar(this.language));

  /** A message in the current language; see `createTranslate`. */
  t: Translate = (key, values) => this.#translate(key, values);

  /**
   * Switches to `language` once its messages have loaded; resolves then. A failed load (the
   * reader went offline) keeps the current language.
   */
  setLanguage(language: Language): Promise<void> {
    this.#requested = language;
    this.#loaded = loadMessages(language).then(
      (messages) => {
        if (this.#requested !== language || messages === this.#messages) return;
        this.#translate = createTranslate(messages);
        this.#messages = messages;
      },
      () => {
        this.#requested = this.#messages.language;
      },
    );
    return this.#loaded;
  }

  /** Resolves once the language last asked for is in place (or has failed to load). */
  ready(): Promise<void> {
    return this.#loaded;
  }

  /**
   * The countries the shown dataset names, from its prepared data (`MapData.countries`):
   * the country table stays in the loading worker, so names come from here.
   */
  countries = $state.raw<Record<string, CountryName>>({});

  country = (iso3: string): string => countryNameIn(this.#messages, iso3, this.countries[iso3]);

  day = (day: Day): string => formatDayIn(day, this.language, this.calendar);

  date = (date: CalendarDate, endDate?: CalendarDate): string =>
    formatSpanIn(date, endDate, this.language, this.calendar);

  number = (value: number): string => formatNumberIn(value, this.language);
}
