import type { Table } from 'apache-arrow';

/** True when `value` looks like an apache-arrow `Table` (any copy of the package; apache-arrow itself is not loaded). */
export function isArrowTable(value: unknown): value is Table {
  const table = value as Partial<Table> | null;
  return (
    typeof table === 'object' && table !== null && Array.isArray(table.schema?.fields) &&
    typeof table.getChildAt === 'function' && typeof table.numRows === 'number'
  );
}
