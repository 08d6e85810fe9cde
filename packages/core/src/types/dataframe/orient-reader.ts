import { appendPointer } from '../../json/json-pointer.js';
import { InputValidationError, type ValidationIssue } from '../../validation/input-validation-error.js';
import { compileValidator, type Validator } from '../../validation/validator.js';
import { cellSchemaOf, type ColumnType } from './column-type.js';
import { cellAt, type FrameColumn, type RowLabel, type RowSource } from './frame-data.js';
import { inferColumnType } from './infer-column-type.js';
import { tableIndexName } from './orient.js';
import { positionalCellSchema, type FrameSchemaOptions } from './orient-schema.js';

type JsonRecord = Record<string, unknown>;

/** Names that are never accepted from a request as a column or a row label. */
const FORBIDDEN_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

/** Where the request's cells are, before their types are settled. */
interface Layout {
  readonly rows: readonly unknown[];
  /** Where each sample column's cell sits in a row. */
  readonly keys: readonly (string | number)[];
  /** Columns beyond the sample's (`enforceShape: false` only). */
  readonly extras: readonly { readonly name: string; readonly key: string | number }[];
  readonly labels: readonly RowLabel[] | undefined;
  /** The JSON Pointer of the cell of `key` in row `row`. */
  readonly pointer: (row: number, key: string | number) => string;
}

function fail(issues: readonly ValidationIssue[]): void {
  if (issues.length > 0) throw new InputValidationError(issues);
}

/** Extra row-object keys, in the order they first appear, checked against {@link FORBIDDEN_NAMES}. */
function extraKeys(rows: readonly unknown[], known: ReadonlySet<string>, pointer: (row: number) => string): string[] {
  const extras = new Set<string>();
  const issues: ValidationIssue[] = [];
  rows.forEach((row, r) => {
    for (const key of Object.keys(row as JsonRecord)) {
      if (known.has(key) || extras.has(key)) continue;
      if (FORBIDDEN_NAMES.has(key)) issues.push({ path: appendPointer(pointer(r), key), message: 'is not allowed' });
      else extras.add(key);
    }
  });
  fail(issues);
  return [...extras];
}

function checkLabels(labels: readonly string[], pointer: (label: string) => string): void {
  fail(labels.filter((label) => FORBIDDEN_NAMES.has(label)).map((label) => ({ path: pointer(label), message: 'is not allowed' })));
}

/**
 * Turns a request that passed its orient's schema into rows of cells, and checks what a JSON Schema (in
 * every OpenAPI version) cannot: column order in `split`, the same row labels in every column of
 * `columns`, the table schema's fields, the type of each position in a mixed-type row array, and
 * reserved names. Validators it needs are compiled once, when the reader is made.
 */
export class OrientReader {
  readonly #columns: readonly FrameColumn[];
  readonly #names: readonly string[];
  readonly #options: FrameSchemaOptions;
  /** One validator per sample column, `{ type: 'array', items: <cell> }`, when cells must be checked by column. */
  readonly #columnValidators: readonly Validator[] | undefined;
  readonly #checkPositions: boolean;

  constructor(columns: readonly FrameColumn[], options: FrameSchemaOptions) {
    this.#columns = columns;
    this.#names = columns.map(({ name }) => name);
    this.#options = options;
    const positional = options.orient === 'split' || options.orient === 'values';
    this.#checkPositions = positional && options.enforceColumnType && positionalCellSchema(columns, options).anyOf !== undefined;
    this.#columnValidators =
      this.#checkPositions || !options.enforceColumnType
        ? columns.map(({ type }) => compileValidator({ type: 'array', items: cellSchemaOf(type) }))
        : undefined;
  }

  /** The rows, columns and labels of a validated request; `path` is its JSON Pointer in the whole input. */
  read(json: unknown, path: string): RowSource {
    const layout = this.#layout(json, path);
    const types = this.#types(layout);
    const columns: FrameColumn[] = this.#columns.map(({ name }, c) => ({ name, type: types[c]! }));
    for (const { name, key } of layout.extras) columns.push({ name, type: inferColumnType(layout.rows, key) });
    return { rows: layout.rows, columns, keys: [...layout.keys, ...layout.extras.map(({ key }) => key)], labels: layout.labels };
  }

  #layout(json: unknown, path: string): Layout {
    switch (this.#options.orient) {
      case 'records':
        return this.#objectRows(json as unknown[], undefined, (row) => appendPointer(path, row));
      case 'index': {
        const labels = Object.keys(json as JsonRecord);
        checkLabels(labels, (label) => appendPointer(path, label));
        const rows = labels.map((label) => (json as JsonRecord)[label]);
        return this.#objectRows(rows, labels, (row) => appendPointer(path, labels[row]!));
      }
      case 'table':
        return this.#table(json as JsonRecord, path);
      case 'columns':
        return this.#columnObjects(json as JsonRecord, path);
      case 'values':
        return this.#values(json as unknown[][], path);
      case 'split':
        return this.#split(json as JsonRecord, path);
    }
  }

  #objectRows(rows: readonly unknown[], labels: readonly RowLabel[] | undefined, rowPointer: (row: number) => string, skip?: string): Layout {
    const known = new Set(skip === undefined ? this.#names : [...this.#names, skip]);
    const extras = this.#options.enforceShape ? [] : extraKeys(rows, known, rowPointer).map((name) => ({ name, key: name }));
    return { rows, keys: this.#names, extras, labels, pointer: (row, key) => appendPointer(rowPointer(row), key) };
  }

  #table(json: JsonRecord, path: string): Layout {
    const indexName = tableIndexName(this.#names);
    const fields = ((json.schema as JsonRecord).fields as JsonRecord[]).map((field) => field.name as string);
    const fieldsPath = appendPointer(appendPointer(path, 'schema'), 'fields');
    const issues: ValidationIssue[] = this.#names
      .filter((name) => !fields.includes(name))
      .map((name) => ({ path: fieldsPath, message: `must describe the column "${name}"` }));
    if (this.#options.enforceShape) {
      const allowed = [indexName, ...this.#names];
      fields.forEach((name, f) => {
        if (!allowed.includes(name)) issues.push({ path: `${fieldsPath}/${f}/name`, message: `must be one of ${JSON.stringify(allowed)}` });
      });
    }
    fail(issues);
    const rows = json.data as JsonRecord[];
    const dataPath = appendPointer(path, 'data');
    const labels = rows.map((row) => row[indexName] as RowLabel);
    return this.#objectRows(rows, labels, (row) => appendPointer(dataPath, row), indexName);
  }

  #columnObjects(json: JsonRecord, path: string): Layout {
    const names = [...this.#names];
    if (!this.#options.enforceShape) {
      const known = new Set(names);
      for (const name of Object.keys(json)) {
        if (known.has(name)) continue;
        if (FORBIDDEN_NAMES.has(name)) fail([{ path: appendPointer(path, name), message: 'is not allowed' }]);
        names.push(name);
      }
    }
    const columns = names.map((name) => json[name] as JsonRecord);
    const labels = Object.keys(columns[0]!);
    checkLabels(labels, (label) => appendPointer(appendPointer(path, names[0]!), label));
    const labelSet = new Set(labels);
    const issues: ValidationIssue[] = [];
    columns.forEach((column, c) => {
      const columnPath = appendPointer(path, names[c]!);
      for (const label of labels) if (!Object.hasOwn(column, label)) issues.push({ path: appendPointer(columnPath, label), message: 'is required' });
      for (const label of Object.keys(column)) if (!labelSet.has(label)) issues.push({ path: appendPointer(columnPath, label), message: 'is not allowed' });
    });
    fail(issues);
    const rows = labels.map((label) => columns.map((column) => column[label]));
    const count = this.#names.length;
    return {
      rows,
      keys: this.#names.map((_, c) => c),
      extras: names.slice(count).map((name, e) => ({ name, key: count + e })),
      labels,
      pointer: (row, key) => appendPointer(appendPointer(path, names[key as number]!), labels[row]!),
    };
  }

  #values(rows: readonly unknown[][], path: string): Layout {
    const count = this.#names.length;
    const width = this.#options.enforceShape ? count : rows.reduce((widest, row) => Math.max(widest, row.length), count);
    const extras = Array.from({ length: width - count }, (_, e) => ({ name: String(count + e), key: count + e }));
    return {
      rows,
      keys: this.#names.map((_, c) => c),
      extras,
      labels: undefined,
      pointer: (row, key) => appendPointer(appendPointer(path, row), key),
    };
  }

  #split(json: JsonRecord, path: string): Layout {
    const given = json.columns as string[];
    const rows = json.data as unknown[][];
    const index = json.index as RowLabel[] | undefined;
    const columnsPath = appendPointer(path, 'columns');
    const dataPath = appendPointer(path, 'data');
    const issues: ValidationIssue[] = [];
    let keys: number[];
    const extras: { name: string; key: number }[] = [];
    if (this.#options.enforceShape) {
      this.#names.forEach((name, c) => {
        if (given[c] !== name) issues.push({ path: `${columnsPath}/${c}`, message: `must be ${JSON.stringify(name)} (the sample's columns, in order)` });
      });
      keys = this.#names.map((_, c) => c);
    } else {
      keys = this.#names.map((name) => given.indexOf(name));
      keys.forEach((key, c) => {
        if (key < 0) issues.push({ path: columnsPath, message: `must include ${JSON.stringify(this.#names[c])}` });
      });
      const seen = new Set<string>();
      given.forEach((name, position) => {
        if (seen.has(name)) issues.push({ path: `${columnsPath}/${position}`, message: `must not repeat ${JSON.stringify(name)}` });
        else if (FORBIDDEN_NAMES.has(name)) issues.push({ path: `${columnsPath}/${position}`, message: 'is not allowed' });
        else if (!this.#names.includes(name)) extras.push({ name, key: position });
        seen.add(name);
      });
      rows.forEach((row, r) => {
        if (row.length !== given.length) {
          issues.push({ path: `${dataPath}/${r}`, message: `must have exactly ${given.length} items (one per column)` });
        }
      });
    }
    if (index && index.length !== rows.length) {
      issues.push({ path: appendPointer(path, 'index'), message: `must have exactly ${rows.length} items (one per row of data)` });
    }
    fail(issues);
    return { rows, keys, extras, labels: index, pointer: (row, key) => `${dataPath}/${row}/${key}` };
  }

  /** The type of each sample column: the sample's own, checked by position where rows are arrays. */
  #types(layout: Layout): ColumnType[] {
    const validators = this.#columnValidators;
    if (!validators) return this.#columns.map(({ type }) => type);
    const issues: ValidationIssue[] = [];
    const types = this.#columns.map(({ type }, c) => {
      const key = layout.keys[c]!;
      const error = validators[c]!(layout.rows.map((row) => cellAt(row, key)));
      if (!error) return type;
      if (!this.#options.enforceColumnType) return inferColumnType(layout.rows, key);
      for (const issue of error.errors) {
        const [, row = '0', rest = ''] = /^\/(\d+)(.*)$/.exec(issue.path) ?? [];
        issues.push({ path: layout.pointer(Number(row), key) + rest, message: issue.message });
      }
      return type;
    });
    fail(issues);
    return types;
  }
}
