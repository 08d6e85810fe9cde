import { DataFrameParameterType } from '@inferschema/core/dataframe';
import type { DecodedValue } from '@inferschema/core';

/** The houses both models score: a plain `{ column: values[] }` frame, integer columns as `Int32Array`. */
export const houses = new DataFrameParameterType({
  area_m2: [84.5, 120],
  bedrooms: Int32Array.of(2, 4),
  age_years: Int32Array.of(12, 40),
  distance_km: [3.2, 11.5],
});

type Houses = DecodedValue<typeof houses>;

/** The houses as rows of features. */
export function rowsOf(frame: Houses): Record<string, number>[] {
  return frame.area_m2.map((area_m2, index) => ({
    area_m2,
    bedrooms: frame.bedrooms[index]!,
    age_years: frame.age_years[index]!,
    distance_km: frame.distance_km[index]!,
  }));
}
