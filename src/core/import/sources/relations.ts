/**
 * The derived table every relation source (COW disputes, ATOP and COW alliances) writes:
 * one relation event per row, placed on the line of the first source row it comes from.
 */
import type { Table } from '../table.ts';
import { derivedTable, pushRow } from './source.ts';

/** A relation event, as a source rule produced it. */
export interface PairEvent {
  line: number;
  id: string;
  from: string;
  to: string;
  stance: string;
  date: string;
  endDate?: string;
  title: string;
  summary: string;
  /** Citation of the dataset row: its publisher and title. */
  publisher: string;
  sourceTitle: string;
}

/**
 * The events as a table in our layout; `columns` names each field's column after the source
 * column it came from (`from` → `statea`), so problems point at it.
 */
export function relationTable(
  source: Table,
  events: readonly PairEvent[],
  columns: { id: string; from: string; to: string; stance: string; date: string; end: string },
): Table {
  const headers = [
    columns.id,
    'kind',
    columns.from,
    columns.to,
    columns.stance,
    columns.date,
    columns.end,
    'title',
    'summary',
    'publisher',
    'source_title',
  ];
  const table = derivedTable(source, headers);
  for (const e of [...events].sort((a, b) => a.line - b.line)) {
    pushRow(table, e.line, {
      [columns.id]: e.id,
      kind: 'relation',
      [columns.from]: e.from,
      [columns.to]: e.to,
      [columns.stance]: e.stance,
      [columns.date]: e.date,
      [columns.end]: e.endDate ?? '',
      title: e.title,
      summary: e.summary,
      publisher: e.publisher,
      source_title: e.sourceTitle,
    });
  }
  return table;
}

/** The mapping that reads a `relationTable`. */
export function relationMapping(
  columns: { id: string; from: string; to: string; stance: string; date: string; end: string },
  attribution: string,
) {
  return {
    columns: {
      id: columns.id,
      kind: 'kind',
      from: columns.from,
      to: columns.to,
      stance: columns.stance,
      date: columns.date,
      end_date: columns.end,
      title: 'title',
      summary: 'summary',
      publisher: 'publisher',
      source_title: 'source_title',
    },
    attribution,
  };
}
