import { tableFromIPC, type Table } from 'apache-arrow';
import { BodyFormatError } from '../body-format-error.js';
import { checkFileFraming, isArrowFile, streamLength } from './ipc-framing.js';

export { tableToIPC } from 'apache-arrow';
export { fitTable } from './fit-table.js';
export { ownTable } from './own-table.js';

/**
 * Reads an Arrow IPC stream or file (told apart by the `ARROW1` magic, whatever the media type says).
 *
 * @throws BodyFormatError `arrow.framing` or `arrow.invalid`.
 */
export function readArrowTable(bytes: Uint8Array): Table {
  let source = bytes;
  if (isArrowFile(bytes)) checkFileFraming(bytes);
  else source = bytes.subarray(0, streamLength(bytes));
  let table: Table;
  try {
    table = tableFromIPC(source);
  } catch (error) {
    throw new BodyFormatError('arrow.invalid', `Arrow IPC body cannot be read: ${(error as Error).message}`);
  }
  if (table.schema.fields.length === 0) throw new BodyFormatError('arrow.invalid', 'Arrow IPC body has no schema message (or a schema without columns)');
  return table;
}

