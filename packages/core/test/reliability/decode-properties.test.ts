import { DATAFRAME_ORIENTS, DataFrameParameterType } from '@inferschema/core/dataframe';
import {
  InputValidationError,
  integer,
  NdArrayParameterType,
  parseJson,
  StandardParameterType,
  type JsonValue,
} from '@inferschema/core';
import { Float64, Int32, Int64, Table, Utf8, vectorFromArray } from 'apache-arrow';
import fc from 'fast-check';
import ndarray from 'ndarray';
import { assertDecodeContract, checkDecodeContract, type ContractOutcomes, type Decoder, type RoundTrip } from './decode-contract.js';
import { anyJson, deeplyNested, ownKeyObject, SEED, variantsOf } from './hostile-values.js';

/** A parameter type under test: its valid example (from its own schema) and how a decode is checked. */
interface Subject {
  readonly name: string;
  readonly type: Decoder & { toJsonSchema(): { example?: unknown } };
  readonly roundTrip: RoundTrip;
}

const standardSubjects: Subject[] = [
  {
    name: 'nested object with an integer, a date, a list and a nested object',
    type: new StandardParameterType({
      text: 'hello',
      topK: integer(5, 'int32'),
      when: new Date('2024-01-31T12:00:00Z'),
      scores: [0.5],
      meta: { tags: ['a'], flag: true, none: null },
    }),
    roundTrip: 'same-value',
  },
  {
    name: 'int64, uint64 and int8 integers',
    type: new StandardParameterType({ id: 9_007_199_254_740_993n, ids: [1n], small: integer(3, 'int8'), unsigned: integer(1, 'uint64') }),
    roundTrip: 'same-value',
  },
  {
    name: 'bytes and a nested ndarray type',
    type: new StandardParameterType({ blob: new Uint8Array([1, 2, 3]), matrix: new NdArrayParameterType(ndarray(new Float64Array([1, 2, 3, 4]), [2, 2])) }),
    roundTrip: 'same-value',
  },
  { name: 'array of a union (number, string, object)', type: new StandardParameterType([1, 'a', { k: true }]), roundTrip: 'same-value' },
  { name: 'a list of dates', type: new StandardParameterType([new Date(0)]), roundTrip: 'same-value' },
];

const ndarraySubjects: Subject[] = [
  { name: 'float64 [1, 10] (the regression input)', type: new NdArrayParameterType(new Float64Array(10).fill(1.5), { shape: [1, 10] }), roundTrip: 'same-value' },
  { name: 'int64 [2, 2]', type: new NdArrayParameterType(ndarray(BigInt64Array.of(1n, 2n, 3n, 9_007_199_254_740_993n), [2, 2])), roundTrip: 'same-value' },
  { name: 'int8 [1, 2, 2]', type: new NdArrayParameterType(ndarray(Int8Array.of(1, -2, 3, -4), [1, 2, 2])), roundTrip: 'same-value' },
  { name: 'uint64 [3]', type: new NdArrayParameterType(BigUint64Array.of(1n, 2n, 2n ** 64n - 1n)), roundTrip: 'same-value' },
  { name: 'float32 [2]', type: new NdArrayParameterType(Float32Array.of(0.5, 1.5)), roundTrip: 'same-float32' },
  { name: 'bool [2]', type: new NdArrayParameterType([true, false], { dtype: 'bool' }), roundTrip: 'same-value' },
  { name: 'string [2]', type: new NdArrayParameterType(['a', 'b']), roundTrip: 'same-value' },
  { name: 'datetime64 [1]', type: new NdArrayParameterType([new Date(0)]), roundTrip: 'same-value' },
  { name: 'float64, enforceDtype off', type: new NdArrayParameterType(Float64Array.of(1, 2), { enforceDtype: false }), roundTrip: 'fixpoint' },
  { name: 'float64 [1, 2], enforceShape off', type: new NdArrayParameterType(ndarray(Float64Array.of(1, 2), [1, 2]), { enforceShape: false }), roundTrip: 'same-value' },
];

const plainFrame = () => ({
  name: ['Sarah', 'John'],
  age: Int32Array.of(25, 26),
  score: [0.5, null],
  id: [1n, 9_007_199_254_740_993n],
  when: [new Date('2024-01-31T12:00:00Z'), new Date(0)],
  ok: [true, false],
});

const arrowFrame = () =>
  new Table({
    name: vectorFromArray(['Sarah', 'John'], new Utf8()),
    age: vectorFromArray([25, 26], new Int32()),
    id: vectorFromArray([1n, 2n], new Int64()),
    score: vectorFromArray([0.5, 1], new Float64()),
  });

// Orients whose row labels or layout are rewritten by encode (labels renumbered, keys reordered) are checked
// as a fixpoint; the others must encode back to the input.
const SAME_VALUE_ORIENTS = new Set(['records', 'values']);

const dataFrameSubjects: Subject[] = [
  ...DATAFRAME_ORIENTS.map((orient): Subject => ({
    name: `plain frame (string, int32, nullable double, int64, date, bool), orient ${orient}`,
    type: new DataFrameParameterType(plainFrame(), { orient }),
    roundTrip: SAME_VALUE_ORIENTS.has(orient) ? 'same-value' : 'fixpoint',
  })),
  ...DATAFRAME_ORIENTS.map((orient): Subject => ({
    name: `Arrow table (utf8, int32, int64, float64), orient ${orient}`,
    type: new DataFrameParameterType(arrowFrame(), { orient }),
    roundTrip: SAME_VALUE_ORIENTS.has(orient) ? 'same-value' : 'fixpoint',
  })),
  ...(['records', 'split'] as const).map((orient): Subject => ({
    name: `plain frame, column types and shape not enforced, orient ${orient}`,
    type: new DataFrameParameterType(plainFrame(), { orient, enforceColumnType: false, enforceShape: false }),
    roundTrip: 'fixpoint',
  })),
];

function exampleOf(subject: Subject): unknown {
  const { example } = subject.type.toJsonSchema();
  expect(example).toBeDefined();
  return example;
}

function checkFamily(family: string, subjects: readonly Subject[]): void {
  describe(`${family}.decode on hostile input (fast-check, seed ${SEED})`, () => {
    for (const subject of subjects) {
      it(`${subject.name}: returns a value that encodes back to the input, or throws InputValidationError; never mutates`, () => {
        const example = exampleOf(subject);
        const outcomes = assertDecodeContract(subject.type, variantsOf(example), subject.roundTrip, 200);
        // Both paths are exercised: the generator reaches the conversion code, not only the validator.
        expect(outcomes.accepted).toBeGreaterThan(0);
        expect(outcomes.rejected).toBeGreaterThan(0);
      });
    }

    it('every type: arbitrary JSON of any shape, and JSON text parsed with exact integers', () => {
      const outcomes: ContractOutcomes = { accepted: 0, rejected: 0 };
      const fromText = fc.json({ maxDepth: 4 }).map((text) => parseJson(text, { exactIntegers: true }));
      fc.assert(
        fc.property(fc.constantFrom(...subjects), fc.oneof(anyJson, fromText), (subject, input) => {
          checkDecodeContract(subject.type, input, subject.roundTrip, outcomes);
        }),
        { seed: SEED, numRuns: 400 },
      );
      expect(outcomes.rejected).toBeGreaterThan(0);
    });

    it('every type: 100,000 levels of nesting and own __proto__ / constructor keys are rejected, not a crash', () => {
      const outcomes: ContractOutcomes = { accepted: 0, rejected: 0 };
      // Each input is built twice: the second copy is the snapshot (a recursive copy would overflow first).
      const builders = [
        () => deeplyNested(100_000, 'array'),
        () => deeplyNested(100_000, 'object'),
        () => parseJson(`{"data": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`) as JsonValue,
        () => ownKeyObject('__proto__', { polluted: true }),
        () => JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}') as unknown,
        () => [ownKeyObject('__proto__', { polluted: true })],
      ];
      // The deep inputs cost up to half a second each (the detailed second validation pass), so they go to the
      // first type of each family; the prototype keys go to every type.
      let expected = 0;
      for (const [index, subject] of subjects.entries()) {
        for (const [kind, build] of builders.entries()) {
          if (kind < 3 && index > 0) continue;
          checkDecodeContract(subject.type, build(), subject.roundTrip, outcomes, build());
          expected += 1;
        }
      }
      expect(outcomes.rejected).toBe(expected);
      expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });
}

checkFamily('StandardParameterType', standardSubjects);
checkFamily('NdArrayParameterType', ndarraySubjects);
checkFamily('DataFrameParameterType', dataFrameSubjects);

describe('decode-contract helpers', () => {
  it('a decode that throws something other than InputValidationError fails the contract', () => {
    const broken: Decoder = {
      decode: () => {
        throw new RangeError('Maximum call stack size exceeded');
      },
      encode: () => null,
    };
    expect(() => checkDecodeContract(broken, {}, 'same-value', { accepted: 0, rejected: 0 })).toThrow('instead of InputValidationError');
  });

  it('a decode that mutates its input fails the contract', () => {
    const mutating: Decoder = {
      decode: (json) => {
        (json as Record<string, unknown>).added = 1;
        throw new InputValidationError([{ path: '', message: 'no' }]);
      },
      encode: () => null,
    };
    expect(() => checkDecodeContract(mutating, {}, 'same-value', { accepted: 0, rejected: 0 })).toThrow();
  });
});
