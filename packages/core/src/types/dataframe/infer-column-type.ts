import type { ColumnType } from './column-type.js';
import { cellAt } from './frame-data.js';

const EMPTY: ColumnType = Object.freeze({ kind: 'number', format: 'double', nullable: true });

/**
 * The type of a column taken from a request's values (`enforceColumnType: false`, or an extra column under
 * `enforceShape: false`): all booleans → boolean, all numbers → double, all strings → string, anything
 * mixed → `scalar`. A column with no values (or only nulls) is a nullable double, as Arrow infers it.
 */
export function inferColumnType(rows: readonly unknown[], key: string | number): ColumnType {
  let kind: 'boolean' | 'number' | 'string' | 'scalar' | undefined;
  let nullable = false;
  for (const row of rows) {
    const value = cellAt(row, key);
    if (value === null || value === undefined) {
      nullable = true;
      continue;
    }
    const seen = typeof value === 'boolean' ? 'boolean' : typeof value === 'number' || typeof value === 'bigint' ? 'number' : typeof value === 'string' ? 'string' : 'scalar';
    kind = kind === undefined || kind === seen ? seen : 'scalar';
  }
  if (kind === undefined) return EMPTY;
  return kind === 'number' ? { kind, format: 'double', nullable } : { kind, nullable };
}
