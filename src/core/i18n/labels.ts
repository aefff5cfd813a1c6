/**
 * Names of the app's own vocabulary in the reader's language, where a dataset uses it as is.
 */
import type { Speaker } from './locale.ts';
import type { Category } from '../model/schema.ts';
import { CATEGORY_LABELS } from '../style/palette.ts';

/**
 * A category's label: the catalogue's word for a built-in category whose label the dataset
 * left as the app's English one (`attack` labelled "Attack"), else the dataset's own label,
 * which is the author's text in the author's language.
 */
export function categoryLabel(speaker: Speaker, category: Category): string {
  return CATEGORY_LABELS[category.id] === category.label
    ? speaker.t(`category.${category.id}`)
    : category.label;
}
