-- Incidents per day, map cell and category: a Parquet extract of incidents in the Tension
-- Map layout (geojson/FORMAT.md, "Parquet"; what `npm run convert` writes) becomes a
-- dataset the map opens, with one incident per cell, date and category carrying the count.
-- Relation events pass through as they are: they are few (thousands of pairs, not millions).
--
-- Run it with the DuckDB command line (1.1 or later; no extension needed), from the folder
-- holding the extract:
--
--   duckdb -cmd "SET VARIABLE source = 'incidents.parquet'; SET VARIABLE cell_zoom = 6" \
--          < docs/sql/daily-cells.sql
--
-- (in the DuckDB shell: the SET VARIABLE statements, then `.read docs/sql/daily-cells.sql`).
-- Both variables are optional; the defaults are below. It writes `daily-cells.parquet` to the
-- working directory; `npm run validate -- daily-cells.parquet` checks it, and the map opens it.
-- tests/docs/scaling.test.ts runs this file as it is on a synthetic extract.
--
-- What an aggregate is:
-- - A cell is a Web Mercator tile at zoom `cell_zoom` (6: 64 × 64 tiles, about 600 km at the
--   equator; each step up halves the side), so cells nest like the map's own tiles.
-- - `date` is the incidents' date as written: day-dated incidents give daily cells, month- or
--   year-dated ones stay month- or year-dated (a month-dated incident is never put on the first
--   day of its month). An incident with an end date counts on the day it starts.
-- - One aggregate per cell, date and category, so colours and the category filter still mean
--   what they say; the count is in `count` (a column the format allows and the map ignores) and
--   in the title ("412 attack incidents").
-- - The point is the mean position of the cell's incidents (cells never straddle the
--   antimeridian, so the mean is inside the cell), placed with precision `region`.
-- - `fatalities` and `injured` are sums of the known figures (empty when none is known);
--   `countries` is every country involved, sorted. `status` is left out: an aggregate of
--   confirmed and disputed incidents is neither.
-- - Its source cites the extract (its metadata `title`); title, attribution, anchors and
--   categories of the extract are carried over in the file's metadata.

SET VARIABLE source = coalesce(getvariable('source'), 'incidents.parquet');
SET VARIABLE cell_zoom = coalesce(getvariable('cell_zoom'), 6);

-- The extract's dataset fields, from the Parquet key-value metadata.
CREATE OR REPLACE TEMP TABLE extract_metadata AS
SELECT decode(key) AS key, decode(value) AS value
FROM parquet_kv_metadata(getvariable('source'));

SET VARIABLE source_title = coalesce(
  (SELECT value FROM extract_metadata WHERE key = 'title'), getvariable('source'));
SET VARIABLE source_attribution = coalesce(
  (SELECT value FROM extract_metadata WHERE key = 'attribution'), getvariable('source_title'));
SET VARIABLE source_anchors = coalesce(
  (SELECT value FROM extract_metadata WHERE key = 'anchors'), '{}');
SET VARIABLE source_categories = coalesce(
  (SELECT value FROM extract_metadata WHERE key = 'categories'), '{}');

-- Views, not tables: DuckDB streams the extract through the aggregation instead of holding it.
CREATE OR REPLACE TEMP VIEW extract AS
SELECT *,
       kind = 'relation' OR (kind IS NULL AND "from" IS NOT NULL AND "to" IS NOT NULL) AS is_relation
FROM read_parquet(getvariable('source'), file_row_number = true);

CREATE OR REPLACE TEMP VIEW daily_cells AS
WITH located AS (
  SELECT *,
         -- Web Mercator tile of the point at the cell zoom; latitudes past ±85.0511° (the
         -- square map's edge) go in the edge row, longitude 180 in the last column.
         pow(2, getvariable('cell_zoom'))::BIGINT AS side,
         least(side - 1, floor((longitude + 180) / 360 * side))::BIGINT AS cell_x,
         least(side - 1, greatest(0, floor(
           (1 - ln(tan(radians(greatest(-85.0511, least(85.0511, latitude))))
                   + 1 / cos(radians(greatest(-85.0511, least(85.0511, latitude))))) / pi())
           / 2 * side)))::BIGINT AS cell_y,
         CAST(date AS VARCHAR) AS date_text
  FROM extract
  WHERE NOT is_relation
),
cells AS (
  SELECT date_text, cell_x, cell_y, category,
         count(*) AS count,
         round(avg(longitude), 4) AS longitude,
         round(avg(latitude), 4) AS latitude,
         list_sort(list_distinct(flatten(list(countries)))) AS countries,
         sum(fatalities)::BIGINT AS fatalities,
         sum(injured)::BIGINT AS injured
  FROM located
  GROUP BY ALL
)
SELECT 'incident' AS kind,
       format('{}-z{}-{}-{}-{}', date_text, getvariable('cell_zoom'), cell_x, cell_y, category) AS id,
       format('{} {} incident{}', count, category, CASE WHEN count = 1 THEN '' ELSE 's' END) AS title,
       date_text AS date,
       format('{} incidents of category {} on {} in map cell {}/{}/{} (zoom/x/y), counted from "{}".',
              count, category, date_text, getvariable('cell_zoom'), cell_x, cell_y,
              getvariable('source_title')) AS summary,
       category, countries, 'region' AS precision, fatalities, injured,
       json_array(json_object('title', getvariable('source_title')))::VARCHAR AS sources,
       longitude, latitude, count, cell_x, cell_y
FROM cells;

-- Aggregates by date and cell, then the relation events in their order in the extract (a
-- pair's events of the same day count in file order).
COPY (
  SELECT * EXCLUDE (cell_x, cell_y, file_row_number, is_relation) FROM (
    SELECT *, false AS is_relation FROM daily_cells
    UNION ALL BY NAME
    SELECT * FROM extract WHERE is_relation
  )
  ORDER BY is_relation, file_row_number, date, cell_y, cell_x, category
) TO 'daily-cells.parquet' (
  FORMAT parquet,
  KV_METADATA {
    title: 'Incidents per day and map cell: ' || getvariable('source_title'),
    description: 'Counts per date, map cell (zoom ' || getvariable('cell_zoom') || ') and category, made by docs/sql/daily-cells.sql; each incident stands for the number in its title.',
    attribution: getvariable('source_attribution'),
    anchors: getvariable('source_anchors'),
    categories: getvariable('source_categories')
  }
);
