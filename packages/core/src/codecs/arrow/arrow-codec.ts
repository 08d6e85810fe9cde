import type { Table } from 'apache-arrow';
import { isArrowTable } from '../../types/dataframe/is-arrow-table.js';
import { arrowMissing, importWithArrow } from '../../types/dataframe/optional-arrow.js';
import type { DataFrameParameterType } from '../../types/dataframe/dataframe-parameter-type.js';
import { isDataFrameType } from '../../types/kind.js';
import type { ParameterType } from '../../types/parameter-type.js';
import type { BodyCodec } from '../body-codec.js';
import type { TableRules } from './fit-table.js';

/** The IPC stream format (a sequence of messages). */
export const ARROW_STREAM = 'application/vnd.apache.arrow.stream';
/** The IPC file format (the stream between `ARROW1` markers, with a footer for random access). */
export const ARROW_FILE = 'application/vnd.apache.arrow.file';

/** The rules of a DataFrame type whose sample is an Arrow table (the only frames this codec reads). */
function rulesOf(type: ParameterType): TableRules | undefined {
  if (!isDataFrameType(type) || !isArrowTable(type.sample)) return undefined;
  return { sample: type.sample, enforceColumnType: type.enforceColumnType, enforceShape: type.enforceShape };
}

/** The Arrow IPC reader and writer, or undefined when apache-arrow (an optional peer dependency) is not installed. */
const arrowIo = await importWithArrow(() => import('./arrow-io.js'));

function io(): NonNullable<typeof arrowIo> {
  if (!arrowIo) throw arrowMissing();
  return arrowIo;
}

/**
 * Reads an Arrow IPC stream or file (told apart by the `ARROW1` magic, whatever the media type says).
 *
 * @throws BodyFormatError `arrow.framing` or `arrow.invalid`.
 */
export function readArrowTable(bytes: Uint8Array): Table {
  return io().readArrowTable(bytes);
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
    return io().fitTable(io().readArrowTable(bytes), rules);
  },
  encode(value: unknown, _type: ParameterType, mediaType: string = ARROW_STREAM): Uint8Array {
    if (!isArrowTable(value)) throw new TypeError('An Arrow IPC body is written from an apache-arrow Table');
    return io().tableToIPC(io().ownTable(value), mediaType === ARROW_FILE ? 'file' : 'stream');
  },
});
