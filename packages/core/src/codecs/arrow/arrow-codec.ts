import { tableFromIPC, tableToIPC, type Table } from 'apache-arrow';
import { isArrowTable } from '../../types/dataframe/arrow-frame.js';
import type { DataFrameParameterType } from '../../types/dataframe/dataframe-parameter-type.js';
import { isDataFrameType } from '../../types/kind.js';
import type { ParameterType } from '../../types/parameter-type.js';
import type { BodyCodec } from '../body-codec.js';
import { BodyFormatError } from '../body-format-error.js';
import { fitTable, type TableRules } from './fit-table.js';
import { checkFileFraming, isArrowFile, streamLength } from './ipc-framing.js';

/** The IPC stream format (a sequence of messages). */
export const ARROW_STREAM = 'application/vnd.apache.arrow.stream';
/** The IPC file format (the stream between `ARROW1` markers, with a footer for random access). */
export const ARROW_FILE = 'application/vnd.apache.arrow.file';

/** The rules of a DataFrame type whose sample is an Arrow table (the only frames this codec reads). */
function rulesOf(type: ParameterType): TableRules | undefined {
  if (!isDataFrameType(type) || !isArrowTable(type.sample)) return undefined;
  return { sample: type.sample, enforceColumnType: type.enforceColumnType, enforceShape: type.enforceShape };
}

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

/**
 * `application/vnd.apache.arrow.stream` and `application/vnd.apache.arrow.file`: Arrow IPC for a
 * {@link DataFrameParameterType} whose sample is an apache-arrow `Table`. A body decodes into a `Table` over
 * the body's own buffers, checked against the sample's schema (see `fitTable`); a `Table` result is written
 * in the format asked for (stream by default).
 */
export const arrowCodec: BodyCodec = Object.freeze({
  name: 'arrow',
  mediaTypes: Object.freeze([ARROW_STREAM, ARROW_FILE]),
  extensions: Object.freeze({ '.arrows': ARROW_STREAM, '.arrow': ARROW_FILE, '.feather': ARROW_FILE }),
  carries: 'value' as const,
  supports: (type: ParameterType) => rulesOf(type) !== undefined,
  decode(bytes: Uint8Array, type: ParameterType): Table {
    const rules = rulesOf(type);
    if (!rules) throw new TypeError('The Arrow codec decodes DataFrameParameterType parameters whose sample is an Arrow Table');
    return fitTable(readArrowTable(bytes), rules);
  },
  encode(value: unknown, _type: ParameterType, mediaType: string = ARROW_STREAM): Uint8Array {
    if (!isArrowTable(value)) throw new TypeError('An Arrow IPC body is written from an apache-arrow Table');
    return tableToIPC(value, mediaType === ARROW_FILE ? 'file' : 'stream');
  },
});
