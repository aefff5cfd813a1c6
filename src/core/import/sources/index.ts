/**
 * The standard sources, recognised from a table and imported through the same mapping step
 * as any spreadsheet (see "Standard sources" in geojson/FORMAT.md).
 */
import { applyMapping, type ApplyOptions, type ImportResult } from '../apply.ts';
import type { Table } from '../table.ts';
import { acled } from './acled.ts';
import { atop, cowAlliance } from './alliances.ts';
import { cowMid } from './cowmid.ts';
import { gdelt } from './gdelt.ts';
import { gdeltRelations } from './goldstein.ts';
import type { SourceId, StandardSource } from './source.ts';
import { ucdp } from './ucdp.ts';

export type { SourceId, StandardSource } from './source.ts';

/**
 * Every standard source, in the order they are tried. GDELT's derived relations come after
 * GDELT itself, so a GDELT file is recognised as events; relations are asked for by name.
 */
export const STANDARD_SOURCES: readonly StandardSource[] = [
  acled,
  ucdp,
  gdelt,
  cowMid,
  atop,
  cowAlliance,
  gdeltRelations,
];

/** The source a `--from` value names, or `undefined`. */
export function sourceById(id: string): StandardSource | undefined {
  return STANDARD_SOURCES.find((s) => s.id === id);
}

/** The standard source a table comes from, recognised from its headers; else `undefined`. */
export function recogniseSource(table: Table): StandardSource | undefined {
  return STANDARD_SOURCES.find((s) => s.recognise(table));
}

/**
 * Imports a standard source's table: rewritten into our layout by the source's rule, then
 * mapped like any table, every problem naming the source's line and column. Rows that cite
 * several articles or outlets keep them all. Never throws.
 */
export function importSource(
  source: StandardSource,
  table: Table,
  options: ApplyOptions = {},
): ImportResult {
  const converted = source.convert(table);
  const citations = converted.citations;
  // Added before the mapping's validation, so the dataset it validates is the one shown.
  const amend: ApplyOptions['amend'] = (feature, line) => {
    const cited = citations?.get(line);
    const first = (feature.properties.sources as Record<string, string>[] | undefined)?.[0];
    if (cited && cited.length > 1) {
      feature.properties.sources = first?.url ? [first, ...cited] : cited;
    } else if (cited?.[0]?.published && first) first.published = cited[0].published;
  };
  const result = applyMapping(
    converted.table,
    converted.mapping,
    citations ? { ...options, amend } : options,
  );
  if (converted.rowsRead !== undefined) result.rowsRead = converted.rowsRead;
  return result;
}
