/** How a DataFrame is laid out in JSON: pandas' `to_json` orients. */
export type DataFrameOrient = 'records' | 'split' | 'index' | 'columns' | 'values' | 'table';

/**
 * Every orient, in pandas' order.
 *
 * @example
 * DATAFRAME_ORIENTS.map((orient) => new DataFrameParameterType(sample, { orient }));
 */
export const DATAFRAME_ORIENTS: readonly DataFrameOrient[] = Object.freeze(['split', 'records', 'index', 'columns', 'values', 'table']);

/** The name of the row-label field in `orient: 'table'` (pandas renames it when a column is called `index`). */
export function tableIndexName(names: readonly string[]): string {
  return names.includes('index') ? 'level_0' : 'index';
}

/** The table-schema version pandas writes in `orient: 'table'`. */
export const PANDAS_TABLE_VERSION = '1.4.0';
