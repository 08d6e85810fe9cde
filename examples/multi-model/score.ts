/**
 * Two models deployed together, in Azure ML's multi-model layout (`model/NAME/VERSION/…`), located with
 * `getModelPath`: two versions of `house-price` (a linear regression) and `sells-fast` (a logistic
 * regression). Each house gets a price, from the latest `house-price` unless the request names a version, and
 * the probability that it sells within 30 days. Written without classes or decorators: `withSchemas`.
 */
import { DataFrameParameterType } from '@inferschema/core/dataframe';
import { getModelPath, InputValidationError, integer, StandardParameterType, withSchemas } from '@inferschema/core';
import { predict, readModel, type LinearModel } from './linear-model.js';

/** The versions of `house-price` a request may ask for, besides the latest one. */
const PRICE_VERSIONS = [1, 2];

const houses = new DataFrameParameterType({
  area_m2: [84.5, 120],
  bedrooms: Int32Array.of(2, 4),
  age_years: Int32Array.of(12, 40),
  distance_km: [3.2, 11.5],
});

const valuations = new DataFrameParameterType({
  price: [267_350, 304_750],
  price_model: ['house-price:2', 'house-price:2'],
  sells_within_30_days: [0.5364, 0.0859],
});

const priceVersion = new StandardParameterType(integer(2, 'int32'));

let prices: Map<number, LinearModel>;
let latestPrice: LinearModel;
let sellsFast: LinearModel;

/** `getModelPath` reads `AZUREML_MODEL_DIR`, which the runtime sets before it calls `init`. */
export function init(): void {
  latestPrice = readModel(getModelPath('house-price'));
  prices = new Map(PRICE_VERSIONS.map((version) => [version, readModel(getModelPath('house-price', version))]));
  prices.set(latestPrice.version, latestPrice);
  sellsFast = readModel(getModelPath('sells-fast', 1));
}

export const run = withSchemas(
  { inputs: [['houses', houses], ['priceVersion', priceVersion, { optional: true }]], output: valuations },
  (houses, priceVersion) => {
    const priceModel = priceVersion === undefined ? latestPrice : prices.get(priceVersion);
    if (!priceModel) {
      const known = [...prices.keys()].sort((a, b) => a - b).join(', ');
      throw new InputValidationError([{ path: '/priceVersion', message: `must be one of: ${known}` }]);
    }
    const rows = houses.area_m2.map((area_m2, index) => ({
      area_m2,
      bedrooms: houses.bedrooms[index]!,
      age_years: houses.age_years[index]!,
      distance_km: houses.distance_km[index]!,
    }));
    return {
      price: rows.map((row) => predict(priceModel, row)),
      price_model: rows.map(() => `${priceModel.name}:${priceModel.version}`),
      sells_within_30_days: rows.map((row) => predict(sellsFast, row)),
    };
  },
);
