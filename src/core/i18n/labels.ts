/**
 * Names of the app's own vocabulary in the reader's language, where a dataset uses it as is.
 */
import { localText, textIn } from './localtext.ts';
import type { Speaker } from './locale.ts';
import type { Category } from '../model/schema.ts';
import { CATEGORY_LABELS } from '../style/palette.ts';

/**
 * A category's label: the dataset's own label in the reader's language where it gives one
 * (see `localText`; `datasetDefault` is the dataset's default language), else the
 * catalogue's word for a built-in category whose label is the app's English one (`attack`
 * labelled "Attack"), else the dataset's label in its default language, which is the
 * author's text in the author's language.
 */
export function categoryLabel(
  speaker: Speaker,
  category: Category,
  datasetDefault?: string,
): string {
  const label = category.label;
  const own = typeof label === 'string' ? undefined : textIn(label, speaker.language);
  if (own !== undefined) return own;
  const shown = localText(label, speaker.language, datasetDefault);
  return CATEGORY_LABELS[category.id] === shown ? speaker.t(`category.${category.id}`) : shown;
}
