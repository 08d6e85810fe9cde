import { DataType, type Data } from 'apache-arrow';
import { BodyFormatError } from '../body-format-error.js';

function invalid(column: string, message: string): BodyFormatError {
  return new BodyFormatError('arrow.invalid', `Arrow column "${column}" ${message}`);
}

/** Checks that a column's validity bitmap covers its rows (an empty bitmap means no nulls). */
function checkValidity(data: Data, column: string): void {
  const bitmap = data.nullBitmap as Uint8Array | undefined;
  if (bitmap && bitmap.length > 0 && bitmap.length * 8 < data.offset + data.length) {
    throw invalid(column, `has a validity bitmap of ${bitmap.length} bytes for ${data.offset + data.length} rows`);
  }
}

function checkFixedWidth(data: Data, column: string): void {
  const values = data.values as ArrayLike<unknown> | undefined;
  const needed = DataType.isBool(data.type) ? Math.ceil((data.offset + data.length) / 8) : (data.offset + data.length) * data.stride;
  if (!values || values.length < needed) throw invalid(column, `has ${values?.length ?? 0} values for ${data.length} rows`);
}

function checkOffsets(data: Data, column: string): void {
  const offsets = data.valueOffsets as ArrayLike<number | bigint> | undefined;
  const bytes = (data.values as Uint8Array | undefined)?.length ?? 0;
  const first = data.offset;
  const last = data.offset + data.length;
  if (!offsets || offsets.length < last + 1) throw invalid(column, `has ${offsets?.length ?? 0} value offsets for ${data.length} rows`);
  let previous = Number(offsets[first]);
  if (previous < 0) throw invalid(column, `has a negative value offset`);
  for (let i = first + 1; i <= last; i++) {
    const offset = Number(offsets[i]);
    if (offset < previous) throw invalid(column, `has value offsets that go backwards at row ${i - 1 - first}`);
    previous = offset;
  }
  if (previous > bytes) throw invalid(column, `has value offsets up to ${previous} in ${bytes} bytes of values`);
}

function checkIndices(data: Data, column: string, size: number): void {
  const indices = data.values as ArrayLike<number | bigint>;
  const bitmap = data.nullBitmap as Uint8Array | undefined;
  const nullable = bitmap !== undefined && bitmap.length > 0;
  for (let i = data.offset, end = data.offset + data.length; i < end; i++) {
    if (nullable && (bitmap[i >> 3]! & (1 << (i & 7))) === 0) continue;
    const index = Number(indices[i]);
    if (!(index >= 0 && index < size)) throw invalid(column, `row ${i - data.offset} refers to dictionary entry ${index}, beyond its ${size} entries`);
  }
}

/**
 * Checks that one chunk of a column holds everything its length promises, so no read of a row goes past its
 * buffers: validity bitmap, values, value offsets (in order, within the values), dictionary presence and
 * indices. Covers the column types a DataFrame parameter takes (integers, floats, booleans, strings,
 * dictionaries of strings, timestamps, dates).
 *
 * @throws BodyFormatError `arrow.invalid`.
 */
export function checkColumnData(data: Data, column: string): void {
  checkValidity(data, column);
  const type = data.type as DataType;
  if (DataType.isUtf8(type) || DataType.isLargeUtf8(type)) return checkOffsets(data, column);
  checkFixedWidth(data, column);
  if (DataType.isDictionary(type)) {
    const dictionary = data.dictionary;
    if (!dictionary) throw invalid(column, `refers to dictionary ${type.id}, which the stream never sent`);
    for (const chunk of dictionary.data) checkColumnData(chunk, `${column}" dictionary "${type.id}`);
    checkIndices(data, column, dictionary.length);
  }
}
