import { DataFrameParameterType } from '@inferschema/core/dataframe';
import { makeVector, Table, Utf8, vectorFromArray } from 'apache-arrow';

export const people = new DataFrameParameterType(
  new Table({ name: vectorFromArray(['Sarah', 'John'], new Utf8()), age: makeVector(Int32Array.of(25, 26)) }),
);
