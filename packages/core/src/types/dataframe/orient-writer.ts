import type { JsonObject, JsonValue } from '../../json/json-value.js';
import { TABLE_FIELD_TYPES } from './column-type.js';
import type { FrameCells } from './frame-data.js';
import { PANDAS_TABLE_VERSION, tableIndexName, type DataFrameOrient } from './orient.js';

/** A fresh object with own keys only (a column called `__proto__` stays a column). */
function objectOf(entries: Iterable<readonly [string, JsonValue]>): JsonObject {
  const object: JsonObject = {};
  for (const [key, value] of entries) Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  return object;
}

function rowArrays({ cells, labels }: FrameCells): JsonValue[][] {
  return labels.map((_, row) => cells.map((column) => column[row]!));
}

function rowObjects({ columns, cells, labels }: FrameCells, label?: string): JsonObject[] {
  return labels.map((value, row) => {
    const entries = columns.map(({ name }, c): [string, JsonValue] => [name, cells[c]![row]!]);
    return objectOf(label === undefined ? entries : [[label, value], ...entries]);
  });
}

function tableJson(frame: FrameCells): JsonObject {
  const indexName = tableIndexName(frame.columns.map(({ name }) => name));
  const labelType = frame.labels.some((label) => typeof label === 'string') ? 'string' : 'integer';
  return {
    schema: {
      fields: [
        { name: indexName, type: labelType },
        ...frame.columns.map(({ name, type }) => ({ name, type: TABLE_FIELD_TYPES[type.kind] })),
      ],
      primaryKey: [indexName],
      pandas_version: PANDAS_TABLE_VERSION,
    },
    data: rowObjects(frame, indexName),
  };
}

/**
 * Writes a frame's cells as pandas' `to_json(orient=…)` lays them out. Row labels become object keys in
 * `index` and `columns`, and the `index` field in `split` and `table`.
 *
 * @example
 * writeOrient(frame, 'split'); // { columns: ['name', 'age'], index: [0, 1], data: [['Sarah', 25], ['John', 26]] }
 */
export function writeOrient(frame: FrameCells, orient: DataFrameOrient): JsonValue {
  switch (orient) {
    case 'records':
      return rowObjects(frame);
    case 'values':
      return rowArrays(frame);
    case 'split':
      return { columns: frame.columns.map(({ name }) => name), index: [...frame.labels], data: rowArrays(frame) };
    case 'index': {
      const rows = rowObjects(frame);
      return objectOf(frame.labels.map((label, row) => [String(label), rows[row]!]));
    }
    case 'columns':
      return objectOf(
        frame.columns.map(({ name }, c) => [name, objectOf(frame.labels.map((label, row) => [String(label), frame.cells[c]![row]!]))]),
      );
    case 'table':
      return tableJson(frame);
  }
}
