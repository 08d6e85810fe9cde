import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getModelPath } from '@inferschema/core';

let root: string;

function files(paths: string[]): void {
  for (const path of paths) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), 'x');
  }
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'inferschema-models-'));
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  delete process.env.AZUREML_MODEL_DIR;
});

describe('a single model', () => {
  it('registered as one file resolves to the file', () => {
    files(['model.onnx']);
    expect(getModelPath(undefined, undefined, { root })).toBe(join(root, 'model.onnx'));
  });

  it('registered as several files resolves to the directory', () => {
    files(['model.onnx', 'vocab.json']);
    expect(getModelPath(undefined, undefined, { root })).toBe(root);
  });

  it('registered as a folder resolves to the folder', () => {
    files(['my_model_folder/weights.bin', 'my_model_folder/config.json']);
    expect(getModelPath(undefined, undefined, { root })).toBe(join(root, 'my_model_folder'));
  });

  it('deployed as …/NAME/VERSION is found by its name and version', () => {
    files(['azureml-models/sklearn_regression/3/model.pkl']);
    const dir = join(root, 'azureml-models', 'sklearn_regression', '3');
    expect(getModelPath('sklearn_regression', undefined, { root: dir })).toBe(join(dir, 'model.pkl'));
    expect(getModelPath('sklearn_regression', 3, { root: dir })).toBe(join(dir, 'model.pkl'));
    expect(() => getModelPath('sklearn_regression', 2, { root: dir })).toThrow(
      `getModelPath: no model sklearn_regression version 2 (the directory is sklearn_regression version 3): ${dir} holds model.pkl`,
    );
    expect(() => getModelPath('other', undefined, { root: dir })).toThrow(
      `getModelPath: no model other (the directory is sklearn_regression version 3): ${dir} holds model.pkl`,
    );
  });

  it('reads AZUREML_MODEL_DIR by default', () => {
    files(['model.onnx']);
    process.env.AZUREML_MODEL_DIR = root;
    expect(getModelPath()).toBe(join(root, 'model.onnx'));
  });
});

describe('several models (NAME/VERSION)', () => {
  beforeEach(() => {
    files(['my_first_model/1/my_first_model.pkl', 'my_second_model/1/my_second_model.pkl', 'my_second_model/2/my_second_model.pkl', 'my_second_model/10/a.bin', 'my_second_model/10/b.bin']);
  });

  it('takes the highest version, compared as numbers', () => {
    expect(getModelPath('my_second_model', undefined, { root })).toBe(join(root, 'my_second_model', '10'));
    expect(getModelPath('my_first_model', undefined, { root })).toBe(join(root, 'my_first_model', '1', 'my_first_model.pkl'));
  });

  it('takes the version asked for, as a number or a string', () => {
    expect(getModelPath('my_second_model', 2, { root })).toBe(join(root, 'my_second_model', '2', 'my_second_model.pkl'));
    expect(getModelPath('my_second_model', '1', { root })).toBe(join(root, 'my_second_model', '1', 'my_second_model.pkl'));
  });

  it('lists what exists when nothing matches', () => {
    const holds = `${root} holds the models my_first_model (version 1), my_second_model (versions 1, 2, 10)`;
    expect(() => getModelPath('my_second_model', 3, { root })).toThrow(`getModelPath: model my_second_model has no version 3: ${holds}`);
    expect(() => getModelPath('my_third_model', undefined, { root })).toThrow(`getModelPath: no model my_third_model: ${holds}`);
    expect(() => getModelPath(undefined, undefined, { root })).toThrow(`getModelPath: several models are deployed; name one: ${holds}`);
  });
});

describe('errors', () => {
  it('without a model directory', () => {
    expect(() => getModelPath()).toThrow('getModelPath: AZUREML_MODEL_DIR is not set (call it from init or later, or pass { root })');
    expect(() => getModelPath(undefined, undefined, { root: join(root, 'missing') })).toThrow(
      `getModelPath: the model directory ${join(root, 'missing')} does not exist`,
    );
  });

  it('for a version of a single model that is not deployed as …/NAME/VERSION', () => {
    files(['model.onnx']);
    expect(() => getModelPath(undefined, 2, { root })).toThrow(`getModelPath: no model version 2: ${root} holds model.onnx`);
  });

  it('in an empty directory', () => {
    expect(() => getModelPath('model', undefined, { root })).toThrow(`getModelPath: no model model: ${root} is empty`);
  });
});
