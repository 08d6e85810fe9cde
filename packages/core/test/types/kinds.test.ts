import ndarray from 'ndarray';
import { tableFromArrays } from 'apache-arrow';
import { DataFrameParameterType } from '@inferschema/core/dataframe';
import {
  isDataFrameType,
  isNdArrayType,
  isParameterType,
  isStandardType,
  PARAMETER_KINDS,
} from '@inferschema/core/runtime';
import { NdArrayParameterType, ParameterType, StandardParameterType } from '@inferschema/core';
import { Float64ListType } from '../fixtures/support/float64-list-type.mjs';
import { importSecondCopy, type CoreCopy } from '../support/second-copy.js';

function typesOf(core: Pick<CoreCopy, 'StandardParameterType' | 'NdArrayParameterType' | 'DataFrameParameterType'>) {
  return {
    standard: new core.StandardParameterType({ text: 'hi' }),
    ndarray: new core.NdArrayParameterType(ndarray(new Float32Array(4), [2, 2])),
    dataframe: new core.DataFrameParameterType(tableFromArrays({ age: Int32Array.of(25) })),
  };
}

describe('the kind tag', () => {
  it('says what each built-in type is, and custom for a class derived from ParameterType', () => {
    const types = typesOf({ StandardParameterType, NdArrayParameterType, DataFrameParameterType });
    expect(types.standard.kind).toBe('standard');
    expect(types.ndarray.kind).toBe('ndarray');
    expect(types.dataframe.kind).toBe('dataframe');
    expect(new Float64ListType([1]).kind).toBe('custom');
    expect(PARAMETER_KINDS).toEqual(['standard', 'ndarray', 'dataframe', 'custom']);
  });

  it('types the guards: each narrows to its class', () => {
    const type: unknown = new NdArrayParameterType(new Float64Array(2));
    if (isNdArrayType(type)) expectTypeOf(type.dtype).toEqualTypeOf<import('@inferschema/core').NdArrayDType>();
    if (isDataFrameType(type)) expectTypeOf(type.orient).toEqualTypeOf<import('@inferschema/core/dataframe').DataFrameOrient>();
    if (isParameterType(type)) expectTypeOf(type.kind).toEqualTypeOf<import('@inferschema/core/runtime').ParameterKind>();
  });
});

describe('the guards', () => {
  it('recognize each kind and nothing else', () => {
    const { standard, ndarray: array, dataframe } = typesOf({ StandardParameterType, NdArrayParameterType, DataFrameParameterType });
    const custom = new Float64ListType([1]);
    expect([standard, array, dataframe, custom].map(isParameterType)).toEqual([true, true, true, true]);
    expect([standard, array, dataframe, custom].map(isStandardType)).toEqual([true, false, false, false]);
    expect([standard, array, dataframe, custom].map(isNdArrayType)).toEqual([false, true, false, false]);
    expect([standard, array, dataframe, custom].map(isDataFrameType)).toEqual([false, false, true, false]);
    for (const value of [null, undefined, 1, 'ndarray', {}, { kind: 'ndarray' }, ndarray(new Float32Array(1)), tableFromArrays({ a: [1] })]) {
      expect([isParameterType(value), isStandardType(value), isNdArrayType(value), isDataFrameType(value)]).toEqual([false, false, false, false]);
    }
  });

  it('work on types built by a second copy of the package, where instanceof a subclass does not', async () => {
    const { core, dispose } = await importSecondCopy();
    try {
      expect(core.NdArrayParameterType).not.toBe(NdArrayParameterType);
      const types = typesOf(core);
      expect(types.ndarray instanceof (NdArrayParameterType as unknown as typeof ParameterType)).toBe(false);
      expect(types.dataframe instanceof DataFrameParameterType).toBe(false);
      expect(types.standard instanceof StandardParameterType).toBe(false);

      expect(isStandardType(types.standard)).toBe(true);
      expect(isNdArrayType(types.ndarray)).toBe(true);
      expect(isDataFrameType(types.dataframe)).toBe(true);
      expect([isNdArrayType(types.standard), isDataFrameType(types.ndarray), isStandardType(types.dataframe)]).toEqual([false, false, false]);
      expect(Object.values(types).every(isParameterType)).toBe(true);
      // And the other way round: the copy's guards recognize this copy's types.
      expect(core.isNdArrayType(new NdArrayParameterType(new Float64Array(1)))).toBe(true);
      expect(core.isDataFrameType(new DataFrameParameterType({ a: [1] }))).toBe(true);
      // What the guards narrow to is usable: the copy's ndarray type reads through this copy's API.
      if (isNdArrayType(types.ndarray)) expect([types.ndarray.dtype, types.ndarray.shape]).toEqual(['float32', [2, 2]]);
    } finally {
      dispose();
    }
  });
});
