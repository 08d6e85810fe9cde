// Arrow IPC bodies written by another Arrow implementation (@uwdata/flechette), checked against an
// apache-arrow sample; bad bodies named by code; a fuzzer (fixed seed) finds no other way to fail.
import { DataFrameParameterType } from '@inferschema/core/dataframe';
import { ARROW_FILE, arrowCodec, BodyFormatError, bodyCodecs, type BodyFormatProblem } from '@inferschema/core/codecs';
import * as fl from '@uwdata/flechette';
import {
  Dictionary,
  Field,
  Int32,
  makeData,
  Message,
  MessageHeader,
  RecordBatch,
  Schema,
  Struct,
  Table,
  tableFromArrays,
  tableFromIPC,
  tableToIPC,
  Utf8,
  vectorFromArray,
} from 'apache-arrow';
import fc from 'fast-check';

/** The sample: an apache-arrow table whose `id` column may not hold nulls. */
function sampleTable(): Table {
  const base = tableFromArrays({
    id: Int32Array.of(1),
    score: Float64Array.of(0.5),
    label: ['a'],
    flag: [true],
    big: BigInt64Array.of(1n),
  });
  const category = vectorFromArray(['x'], new Dictionary(new Utf8(), new Int32()));
  const fields = [...base.schema.fields.map((field) => (field.name === 'id' ? new Field('id', field.type, false) : field)), new Field('category', category.type, true)];
  const children = [...base.batches[0]!.data.children, category.data[0]!];
  const schema = new Schema(fields);
  return new Table(schema, new RecordBatch(schema, makeData({ type: new Struct(fields), length: 1, nullCount: 0, children })));
}

const sample = sampleTable();
const people = new DataFrameParameterType(sample);
const loose = new DataFrameParameterType(sample, { enforceColumnType: false, enforceShape: false });

const ROWS = 1000;
function flechetteColumns(rows = ROWS): Record<string, unknown[] | ArrayLike<unknown>> {
  return {
    id: Int32Array.from({ length: rows }, (_, i) => i),
    score: Float64Array.from({ length: rows }, (_, i) => i / 8),
    label: Array.from({ length: rows }, (_, i) => (i % 7 === 0 ? null : `row ${i} ✓`)),
    flag: Array.from({ length: rows }, (_, i) => i % 3 === 0),
    big: BigInt64Array.from({ length: rows }, (_, i) => BigInt(i) * 10_000_000_000n),
    category: Array.from({ length: rows }, (_, i) => ['x', 'y', 'z'][i % 3]!),
  };
}

const FLECHETTE_TYPES = { id: fl.int32(), score: fl.float64(), label: fl.utf8(), flag: fl.bool(), big: fl.int64(), category: fl.dictionary(fl.utf8()) };

function flechette(columns = flechetteColumns(), options: { format?: 'stream' | 'file'; types?: Record<string, unknown>; maxBatchRows?: number } = {}): Uint8Array {
  const table = fl.tableFromArrays(columns as never, { types: (options.types ?? FLECHETTE_TYPES) as never, maxBatchRows: options.maxBatchRows });
  return fl.tableToIPC(table, { format: options.format ?? 'stream' })!;
}

function rejected(bytes: Uint8Array, type = people): BodyFormatError {
  const before = bytes.slice();
  let caught: unknown;
  try {
    arrowCodec.decode(bytes, type);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(BodyFormatError);
  expect(bytes).toEqual(before);
  return caught as BodyFormatError;
}

function expectProblem(bytes: Uint8Array, code: BodyFormatProblem, message: string | RegExp, type = people): void {
  const error = rejected(bytes, type);
  expect(error.code).toBe(code);
  expect(error.errors[0]!.message).toMatch(message);
}

/** Where each message of an IPC stream starts and ends, and what it is. */
function messagesOf(bytes: Uint8Array): { start: number; end: number; kind: string }[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: { start: number; end: number; kind: string }[] = [];
  for (let at = 0; at + 8 <= bytes.length; ) {
    const length = view.getInt32(at + 4, true);
    if (length === 0) break;
    const message = Message.decode(bytes.subarray(at + 8, at + 8 + length));
    const end = at + 8 + length + Number(message.bodyLength);
    out.push({ start: at, end, kind: MessageHeader[message.headerType]! });
    at = end;
  }
  return out;
}

function without(bytes: Uint8Array, start: number, end: number): Uint8Array {
  const out = new Uint8Array(bytes.length - (end - start));
  out.set(bytes.subarray(0, start));
  out.set(bytes.subarray(end), start);
  return out;
}

describe('arrowCodec: bodies written by flechette', () => {
  it('is registered for both media types and the .arrow/.arrows extensions', () => {
    expect(bodyCodecs.forMediaType('application/vnd.apache.arrow.stream')?.codec).toBe(arrowCodec);
    expect(bodyCodecs.forMediaType('Application/Vnd.Apache.Arrow.File; x=1')?.codec).toBe(arrowCodec);
    expect(bodyCodecs.forFileName('data.arrow')).toEqual({ codec: arrowCodec, mediaType: ARROW_FILE });
    expect(bodyCodecs.mediaTypesFor(people)).toEqual(['application/json', 'application/vnd.apache.arrow.stream', 'application/vnd.apache.arrow.file']);
    expect(bodyCodecs.mediaTypesFor(new DataFrameParameterType({ a: [1] }))).toEqual(['application/json']);
  });

  for (const format of ['stream', 'file'] as const) {
    it(`decodes the ${format} format into a Table with the sample's fields over the body's buffers`, () => {
      const bytes = flechette(undefined, { format, maxBatchRows: 300 });
      const table = arrowCodec.decode(bytes, people) as Table;
      expect(table.numRows).toBe(ROWS);
      expect(table.batches).toHaveLength(4);
      expect(table.schema.names).toEqual(['id', 'score', 'label', 'flag', 'big', 'category']);
      expect(table.schema.fields[0]!.nullable).toBe(false);
      expect(table.getChild('id')!.get(999)).toBe(999);
      expect(table.getChild('score')!.get(9)).toBe(9 / 8);
      expect(table.getChild('label')!.get(7)).toBeNull();
      expect(table.getChild('label')!.get(8)).toBe('row 8 ✓');
      expect(table.getChild('flag')!.get(3)).toBe(true);
      expect(table.getChild('big')!.get(999)).toBe(9_990_000_000_000n);
      expect(table.getChild('category')!.get(4)).toBe('y');
      const values = table.getChild('score')!.data[0]!.values as Float64Array;
      expect(values.buffer).toBe(bytes.buffer);
    });
  }

  it('matches columns by name, whatever their order', () => {
    const { category, id, ...rest } = flechetteColumns(5);
    const bytes = flechette({ category: category!, ...rest, id: id! });
    const table = arrowCodec.decode(bytes, people) as Table;
    expect(table.schema.names).toEqual(['id', 'score', 'label', 'flag', 'big', 'category']);
    expect(table.getChild('id')!.toArray()).toEqual(Int32Array.of(0, 1, 2, 3, 4));
  });

  it('takes large strings where the sample has strings, and keeps the body\'s field for them', () => {
    const bytes = flechette(undefined, { types: { ...FLECHETTE_TYPES, label: fl.largeUtf8() } });
    const table = arrowCodec.decode(bytes, people) as Table;
    expect(String(table.schema.fields[2]!.type)).toBe('LargeUtf8');
    expect(table.getChild('label')!.get(8)).toBe('row 8 ✓');
  });

  it('names a column missing, extra, of another type, or with nulls the sample cannot hold', () => {
    const { big, ...noBig } = flechetteColumns(5);
    void big;
    expectProblem(flechette(noBig), 'schema', 'Arrow table has no column "big" (columns: id, score, label, flag, category)');
    expectProblem(flechette({ ...flechetteColumns(5), extra: [1, 2, 3, 4, 5] }, { types: { ...FLECHETTE_TYPES, extra: fl.float64() } }), 'schema', 'Arrow table has the column "extra", which the sample does not (columns: id, score, label, flag, big, category)');
    expectProblem(flechette(undefined, { types: { ...FLECHETTE_TYPES, id: fl.int64() } }), 'schema', 'Arrow table column "id" holds int64 (Arrow Int64), the sample\'s holds int32 (Arrow Int32)');
    expectProblem(flechette(undefined, { types: { ...FLECHETTE_TYPES, score: fl.float32() } }), 'schema', 'Arrow table column "score" holds float (Arrow Float32), the sample\'s holds double (Arrow Float64)');
    const withNull = { ...flechetteColumns(5), id: [1, null, 3, null, 5] };
    expectProblem(flechette(withNull), 'schema', 'Arrow table column "id" has 2 nulls; the sample\'s column is not nullable');
    expectProblem(flechette({ ...flechetteColumns(2), nested: [[1], [2]] }, { types: { ...FLECHETTE_TYPES, nested: fl.list(fl.int32()) } }), 'schema', /has the column "nested", which the sample does not/);
  });

  it('honours enforceColumnType: false and enforceShape: false', () => {
    const bytes = flechette({ ...flechetteColumns(3), extra: ['p', 'q', 'r'] }, { types: { ...FLECHETTE_TYPES, id: fl.int64(), extra: fl.utf8() } });
    const table = arrowCodec.decode(bytes, loose) as Table;
    expect(table.schema.names).toEqual(['id', 'score', 'label', 'flag', 'big', 'category', 'extra']);
    expect(table.getChild('id')!.get(2)).toBe(2n);
    expectProblem(flechette({ ...flechetteColumns(2), nested: [[1], [2]] }, { types: { ...FLECHETTE_TYPES, nested: fl.list(fl.int32()) } }), 'schema', 'Arrow table column "nested" has the Arrow type List<Int32>, which a DataFrame parameter does not take', loose);
  });

  it('writes a Table as a stream or a file that flechette reads back', () => {
    const table = arrowCodec.decode(flechette(), people) as Table;
    for (const mediaType of ['application/vnd.apache.arrow.stream', ARROW_FILE]) {
      const back = fl.tableFromIPC(arrowCodec.encode(table, people, mediaType), { useBigInt: true });
      expect(back.numRows).toBe(ROWS);
      expect(back.getChild('label').at(8)).toBe('row 8 ✓');
      expect(back.getChild('big').at(999)).toBe(9_990_000_000_000n);
    }
  });
});

describe('arrowCodec: bad bodies', () => {
  const stream = flechette(undefined, { maxBatchRows: 400 });
  const messages = messagesOf(stream);

  it('names a stream cut mid-batch, or followed by other bytes', () => {
    const batch = messages.find((message) => message.kind === 'RecordBatch')!;
    expectProblem(stream.subarray(0, batch.end - 10), 'arrow.framing', /^Arrow IPC stream is cut inside RecordBatch message 2: its body needs \d+ bytes, \d+ are left$/);
    expectProblem(stream.subarray(0, batch.start + 6), 'arrow.framing', 'Arrow IPC stream is cut inside the length of message 2');
    const longer = new Uint8Array(stream.length + 5000);
    longer.set(stream);
    expectProblem(longer, 'arrow.framing', 'Arrow IPC stream has 5000 bytes after its end-of-stream marker');
    expectProblem(new TextEncoder().encode('[{"id": 1}]'), 'arrow.framing', /^Arrow IPC stream is cut inside message 0/);
  });

  it('names a file without its footer', () => {
    const file = flechette(undefined, { format: 'file' });
    expectProblem(file.subarray(0, file.length - 3), 'arrow.framing', 'Arrow IPC file is truncated: it does not end with ARROW1');
  });

  it('names a batch whose dictionary the stream never sent', () => {
    const dictionary = messages.find((message) => message.kind === 'DictionaryBatch')!;
    expectProblem(without(stream, dictionary.start, dictionary.end), 'arrow.invalid', /dictionary/i);
  });

  it('names a stream with no schema', () => {
    const schema = messages[0]!;
    expectProblem(without(stream, schema.start, schema.end), 'arrow.invalid', /.+/);
    expectProblem(new Uint8Array(0), 'arrow.invalid', 'Arrow IPC body has no schema message (or a schema without columns)');
  });

  it('names value offsets that go backwards or past their buffer', () => {
    const bad = (offsets: Int32Array) => {
      const field = new Field('label', new Utf8(), true);
      const data = makeData({ type: new Utf8(), length: 3, nullCount: 0, valueOffsets: offsets, data: new TextEncoder().encode('abcdefgh') });
      const schema = new Schema([field]);
      return tableToIPC(new Table(schema, new RecordBatch(schema, makeData({ type: new Struct([field]), length: 3, nullCount: 0, children: [data] }))), 'stream');
    };
    const labels = new DataFrameParameterType(tableFromArrays({ label: ['a'] }));
    expect((arrowCodec.decode(bad(Int32Array.of(0, 2, 4, 8)), labels) as Table).getChild('label')!.get(2)).toBe('efgh');
    expectProblem(bad(Int32Array.of(0, 5, 2, 8)), 'arrow.invalid', 'Arrow column "label" has value offsets that go backwards at row 1', labels);
    expectProblem(bad(Int32Array.of(0, 2, 4, 900)), 'arrow.invalid', 'Arrow column "label" has value offsets up to 900 in 8 bytes of values', labels);
  });

  it('names dictionary indices beyond the dictionary', () => {
    const type = new Dictionary(new Utf8(), new Int32());
    const field = new Field('category', type, true);
    const dictionary = vectorFromArray(['x', 'y'], new Utf8());
    const data = makeData({ type, length: 2, nullCount: 0, data: Int32Array.of(1, 7), dictionary });
    const schema = new Schema([field]);
    const bytes = tableToIPC(new Table(schema, new RecordBatch(schema, makeData({ type: new Struct([field]), length: 2, nullCount: 0, children: [data] }))), 'stream');
    const categories = new DataFrameParameterType(new Table({ category: vectorFromArray(['x'], type) }));
    expectProblem(bytes, 'arrow.invalid', 'Arrow column "category" row 1 refers to dictionary entry 7, beyond its 2 entries', categories);
  });
});

describe('arrowCodec: fuzzing (fixed seed)', () => {
  const valid = flechette(flechetteColumns(20), { maxBatchRows: 8 });
  const file = flechette(flechetteColumns(20), { format: 'file' });
  const options = { seed: 20261203, numRuns: 1500 };

  /** Decoding either gives a table whose every cell can be read, or fails with a BodyFormatError. */
  function decodesOrNames(bytes: Uint8Array, type = people): void {
    let table: Table;
    try {
      table = arrowCodec.decode(bytes, type) as Table;
    } catch (error) {
      if (!(error instanceof BodyFormatError)) throw error;
      return;
    }
    expect(table.numRows).toBeLessThanOrEqual(bytes.length * 8);
    for (const column of table.schema.names) {
      const vector = table.getChild(column)!;
      for (let row = 0; row < Math.min(vector.length, 64); row++) vector.get(row);
    }
  }

  it('survives random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => decodesOrNames(bytes)), options);
  });

  for (const [name, body] of [['stream', valid], ['file', file]] as const) {
    it(`survives mutations and truncations of a valid ${name}`, () => {
      const mutation = fc.record({
        flips: fc.array(fc.tuple(fc.nat(body.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
        cut: fc.option(fc.nat(body.length), { nil: undefined }),
      });
      fc.assert(
        fc.property(mutation, ({ flips, cut }) => {
          const bytes = body.slice(0, cut ?? body.length);
          for (const [at, value] of flips) if (at < bytes.length) bytes[at] = value;
          decodesOrNames(bytes);
          decodesOrNames(bytes, loose);
        }),
        options,
      );
    });
  }

  it('reads what it wrote', () => {
    const table = arrowCodec.decode(valid, people) as Table;
    expect(tableFromIPC(arrowCodec.encode(table, people)).numRows).toBe(20);
  });
});
