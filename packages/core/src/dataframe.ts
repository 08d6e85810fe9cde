/**
 * @inferschema/core/dataframe: `DataFrameParameterType`, a parameter built from a sample frame (an apache-arrow
 * `Table`, a danfojs `DataFrame` or a plain `{ column: values[] }` object) and read in any pandas orient.
 * Its own entry point because it needs `apache-arrow` (an optional peer dependency: `npm install apache-arrow`);
 * importing `@inferschema/core` never loads it.
 *
 * @example
 * import { DataFrameParameterType } from '@inferschema/core/dataframe';
 *
 * const houses = new DataFrameParameterType({ area: [72.5], rooms: [3] }, { orient: 'records' });
 *
 * @module
 */
export * from './types/dataframe/index.js';
