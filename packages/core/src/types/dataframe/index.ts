export { DataFrameParameterType, type DataFrameColumn, type DataFrameOptions, type DataFrameSample } from './dataframe-parameter-type.js';
export type { DanfoFrame } from './danfo-frame.js';
export type { PlainFrame } from './plain-frame.js';
export type { TypedColumn } from './js-columns.js';
export { DATAFRAME_ORIENTS, type DataFrameOrient } from './orient.js';
export type { ColumnType } from './column-type.js';
