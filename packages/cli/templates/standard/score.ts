// The entry script: `init` loads the model from the model directory, `run` scores one request. The samples in
// the decorators declare what `run` takes and returns; inferschema validates every request against them and
// writes them into swagger.json.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inputSchema, integer, modelInit, outputSchema, StandardParameterType } from '@inferschema/core';

/** A house price: a base, plus so much per square metre and per room. */
interface PriceModel {
  base: number;
  perSquareMetre: number;
  perRoom: number;
}

export default class HousePrice {
  #model: PriceModel = { base: 0, perSquareMetre: 0, perRoom: 0 };

  @modelInit
  async init(modelDir: string) {
    this.#model = JSON.parse(await readFile(join(modelDir, 'model.json'), 'utf8')) as PriceModel;
  }

  @inputSchema('area', new StandardParameterType(72.5))
  @inputSchema('rooms', new StandardParameterType(integer(3)))
  @outputSchema(new StandardParameterType({ price: 246250 }))
  run(area: number, rooms: number) {
    const { base, perSquareMetre, perRoom } = this.#model;
    return { price: base + area * perSquareMetre + rooms * perRoom };
  }
}
