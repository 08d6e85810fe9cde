// The entry script: `init` loads the model from the model directory, `run` scores a table of houses. The
// sample frames declare the columns `run` takes and returns (pandas' `records` orient: one object per row);
// inferschema validates every request against them and writes them into swagger.json.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inputSchema, modelInit, outputSchema } from '@inferschema/core';
import { DataFrameParameterType } from '@inferschema/core/dataframe';

/** A house price: a base, plus so much per square metre and per room. */
interface PriceModel {
  base: number;
  perSquareMetre: number;
  perRoom: number;
}

const houseFrame = new DataFrameParameterType({ area: Float64Array.of(72.5, 120), rooms: Int32Array.of(3, 5) });
const priceFrame = new DataFrameParameterType({ price: Float64Array.of(246250, 375000) });

export default class HousePrices {
  #model: PriceModel = { base: 0, perSquareMetre: 0, perRoom: 0 };

  @modelInit
  async init(modelDir: string) {
    this.#model = JSON.parse(await readFile(join(modelDir, 'model.json'), 'utf8')) as PriceModel;
  }

  @inputSchema('houses', houseFrame)
  @outputSchema(priceFrame)
  run(houses: { area: Float64Array; rooms: Int32Array }) {
    const { base, perSquareMetre, perRoom } = this.#model;
    return { price: houses.area.map((area, row) => base + area * perSquareMetre + houses.rooms[row]! * perRoom) };
  }
}
