import { ByteBuffer } from 'flatbuffers';
import { DictionaryBatch } from 'apache-arrow/fb/dictionary-batch';
import type { Field } from 'apache-arrow/fb/field';
import { Footer } from 'apache-arrow/fb/footer';
import { Message } from 'apache-arrow/fb/message';
import { MessageHeader } from 'apache-arrow/fb/message-header';
export { MessageHeader };
import { RecordBatch } from 'apache-arrow/fb/record-batch';
import { Schema } from 'apache-arrow/fb/schema';
import { BodyFormatError } from '../body-format-error.js';

// apache-arrow decodes metadata by looping over the lengths its flatbuffers declare (fields, buffers, record
// batch blocks, ...), allocating as it goes: a flipped byte can declare 2^31 fields in a 300-byte message.
// These walks read the same lengths first, and reject any vector that could not fit in the metadata it came
// in, or a tree of fields larger than the metadata (aliased subtables), so apache-arrow's work is bounded by
// the bytes actually sent.

const MAX_DEPTH = 64;

/** Sizes of the vector elements, in bytes (offsets to tables are 4). */
const OFFSET = 4;
const FIELD_NODE = 16;
const BUFFER = 16;
const BLOCK = 24;
const INT64 = 8;

class Bounds {
  #tables: number;
  constructor(readonly bytes: number) {
    this.#tables = Math.floor(bytes / OFFSET);
  }

  vector(length: number, elementSize: number, what: string): number {
    if (!(length >= 0) || length * elementSize > this.bytes) {
      throw new BodyFormatError('arrow.invalid', `Arrow IPC metadata declares ${length} ${what} in ${this.bytes} bytes`);
    }
    return length;
  }

  table(what: string): void {
    if (--this.#tables < 0) throw new BodyFormatError('arrow.invalid', `Arrow IPC metadata has more ${what} than its ${this.bytes} bytes can hold`);
  }
}

function checkField(field: Field, bounds: Bounds, depth: number): void {
  bounds.table('fields');
  if (depth > MAX_DEPTH) throw new BodyFormatError('arrow.invalid', `Arrow IPC schema nests fields more than ${MAX_DEPTH} deep`);
  bounds.vector(field.customMetadataLength(), OFFSET, 'metadata entries');
  const children = bounds.vector(field.childrenLength(), OFFSET, 'child fields');
  for (let i = 0; i < children; i++) {
    const child = field.children(i);
    if (child) checkField(child, bounds, depth + 1);
  }
}

function checkSchema(schema: Schema, bounds: Bounds): void {
  bounds.vector(schema.customMetadataLength(), OFFSET, 'metadata entries');
  bounds.vector(schema.featuresLength(), INT64, 'features');
  const fields = bounds.vector(schema.fieldsLength(), OFFSET, 'fields');
  for (let i = 0; i < fields; i++) {
    const field = schema.fields(i);
    if (field) checkField(field, bounds, 1);
  }
}

/**
 * Every column a DataFrame parameter takes stores at least one bit per row in the body, and apache-arrow
 * allocates a validity bitmap for the rows a batch declares: a batch may not declare more rows than its body
 * has bits.
 */
function checkRows(rows: number, bodyLength: number, what: string): void {
  if (!(rows >= 0 && rows <= bodyLength * 8)) {
    throw new BodyFormatError('arrow.invalid', `Arrow IPC ${what} declares ${rows} rows in a body of ${bodyLength} bytes`);
  }
}

function checkRecordBatch(batch: RecordBatch | null, bounds: Bounds, bodyLength: number): void {
  if (!batch) return;
  checkRows(Number(batch.length()), bodyLength, 'record batch');
  const nodes = bounds.vector(batch.nodesLength(), FIELD_NODE, 'field nodes');
  for (let i = 0; i < nodes; i++) checkRows(Number(batch.nodes(i)?.length() ?? 0), bodyLength, `column node ${i}`);
  bounds.vector(batch.buffersLength(), BUFFER, 'buffers');
  bounds.vector(batch.variadicBufferCountsLength(), INT64, 'variadic buffer counts');
}

/**
 * Checks the lengths one IPC message's metadata declares, and returns its kind and body length.
 *
 * @throws BodyFormatError `arrow.invalid`.
 */
export function checkMessageMetadata(metadata: Uint8Array): { headerType: MessageHeader; bodyLength: number } {
  const bounds = new Bounds(metadata.length);
  const message = Message.getRootAsMessage(new ByteBuffer(metadata));
  bounds.vector(message.customMetadataLength(), OFFSET, 'metadata entries');
  const type = message.headerType();
  const bodyLength = Number(message.bodyLength());
  if (type === MessageHeader.Schema) checkSchema(message.header(new Schema()) as Schema, bounds);
  else if (type === MessageHeader.RecordBatch) checkRecordBatch(message.header(new RecordBatch()) as RecordBatch, bounds, bodyLength);
  else if (type === MessageHeader.DictionaryBatch) checkRecordBatch((message.header(new DictionaryBatch()) as DictionaryBatch | null)?.data() ?? null, bounds, bodyLength);
  return { headerType: type, bodyLength };
}

/** A message an IPC file's footer lists: what it must be, where it starts, its metadata and body lengths. */
export interface FileBlock {
  readonly kind: MessageHeader;
  readonly offset: number;
  readonly metadataLength: number;
  readonly bodyLength: number;
}

/**
 * Checks the footer of an IPC file, and returns where each block it lists (schema dictionaries and record
 * batches) starts and how long its metadata is.
 *
 * @throws BodyFormatError `arrow.invalid`.
 */
export function checkFooterMetadata(footerBytes: Uint8Array): FileBlock[] {
  const bounds = new Bounds(footerBytes.length);
  const footer = Footer.getRootAsFooter(new ByteBuffer(footerBytes));
  const schema = footer.schema();
  if (schema) checkSchema(schema, bounds);
  bounds.vector(footer.customMetadataLength(), OFFSET, 'metadata entries');
  const blocks: FileBlock[] = [];
  const dictionaries = bounds.vector(footer.dictionariesLength(), BLOCK, 'dictionary blocks');
  const batches = bounds.vector(footer.recordBatchesLength(), BLOCK, 'record batch blocks');
  for (let i = 0; i < dictionaries + batches; i++) {
    const block = i < dictionaries ? footer.dictionaries(i) : footer.recordBatches(i - dictionaries);
    const kind = i < dictionaries ? MessageHeader.DictionaryBatch : MessageHeader.RecordBatch;
    if (block) blocks.push({ kind, offset: Number(block.offset()), metadataLength: block.metaDataLength(), bodyLength: Number(block.bodyLength()) });
  }
  return blocks;
}
