/**
 * A `Speaker` outside a mounted map (unit tests, Node tools). Kept apart from
 * `catalogues.ts` because it names countries from the full country table, which the page
 * never bundles: a mounted map names them from its loaded data instead (`Locale`).
 */
import { countryByCode } from '../core/model/countries.ts';
import {
  defaultCalendar,
  formatDayIn,
  formatNumberIn,
  formatSpanIn,
  type Calendar,
  type Speaker,
} from '../core/i18n/locale.ts';
import { countryNameIn, createTranslate, type Messages } from './catalogues.ts';

/**
 * A `Speaker` for `messages`: the same messages, country names and formats a map in that
 * language shows, with every country the app knows named.
 */
export function speakerFor(messages: Messages, calendar?: Calendar): Speaker {
  const { language } = messages;
  const chosen = calendar ?? defaultCalendar(language);
  return {
    language,
    calendar: chosen,
    t: createTranslate(messages),
    country: (iso3) => countryNameIn(messages, iso3, countryByCode(iso3)),
    date: (date, endDate) => formatSpanIn(date, endDate, language, chosen),
    day: (day) => formatDayIn(day, language, chosen),
    number: (value) => formatNumberIn(value, language),
  };
}
