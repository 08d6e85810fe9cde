import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Options of {@link getModelPath}. */
export interface ModelPathOptions {
  /** The model directory; default `AZUREML_MODEL_DIR` (set by the runtime before `init`). */
  readonly root?: string;
}

const VERSION = /^\d+$/;

function entriesOf(dir: string): string[] {
  return readdirSync(dir).sort();
}

function isDirectory(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
}

/** The version folders of a model folder, highest first. */
function versionsOf(modelDir: string): string[] {
  if (!isDirectory(modelDir)) return [];
  return entriesOf(modelDir)
    .filter((entry) => VERSION.test(entry) && isDirectory(join(modelDir, entry)))
    .sort((a, b) => (BigInt(b) > BigInt(a) ? 1 : BigInt(b) < BigInt(a) ? -1 : 0));
}

/** The models of a multi-model root (`NAME/VERSION/…`), with their versions. */
function modelsOf(root: string): Map<string, string[]> {
  const models = new Map<string, string[]>();
  for (const entry of entriesOf(root)) {
    const versions = versionsOf(join(root, entry));
    if (versions.length > 0) models.set(entry, versions);
  }
  return models;
}

function describe(root: string, models: Map<string, string[]>): string {
  if (models.size > 0) {
    const list = [...models].map(([name, versions]) => `${name} (${versions.length === 1 ? 'version' : 'versions'} ${[...versions].reverse().join(', ')})`);
    return `${root} holds the models ${list.join(', ')}`;
  }
  const entries = entriesOf(root);
  return entries.length ? `${root} holds ${entries.join(', ')}` : `${root} is empty`;
}

/** A model's own files: the single file or folder it was registered as, else the folder holding them. */
function contentOf(dir: string): string {
  const entries = entriesOf(dir);
  return entries.length === 1 ? join(dir, entries[0]!) : dir;
}

function pickVersion(root: string, models: Map<string, string[]>, name: string, version: string | undefined): string {
  const versions = models.get(name)!;
  const chosen = version ?? versions[0]!;
  if (!versions.includes(chosen)) throw new Error(`getModelPath: model ${name} has no version ${chosen}: ${describe(root, models)}`);
  return contentOf(join(root, name, chosen));
}

/**
 * The path of a deployed model, in either Azure ML layout:
 * - single model: the model directory holds the model's files (or one file or folder), possibly as
 *   `…/NAME/VERSION`;
 * - several models: the directory holds `NAME/VERSION/…` for each model.
 *
 * Without `version`, the highest version (compared as numbers) is taken. A model registered as one file or
 * one folder resolves to that file or folder. When nothing matches, the error lists what the directory holds.
 *
 * @example
 * getModelPath();                      // single model: '/models/model.onnx'
 * getModelPath('my_second_model');     // '/models/my_second_model/2/my_second_model.pkl'
 * getModelPath('my_second_model', 1);  // '/models/my_second_model/1/my_second_model.pkl'
 */
export function getModelPath(name?: string, version?: string | number, options: ModelPathOptions = {}): string {
  const root = options.root ?? process.env.AZUREML_MODEL_DIR;
  if (!root) throw new Error('getModelPath: AZUREML_MODEL_DIR is not set (call it from init or later, or pass { root })');
  if (!isDirectory(root)) throw new Error(`getModelPath: the model directory ${root} does not exist`);
  const wanted = version === undefined ? undefined : String(version);
  const models = modelsOf(root);

  if (name !== undefined && models.has(name)) return pickVersion(root, models, name, wanted);
  if (name === undefined && models.size === 1) return pickVersion(root, models, [...models.keys()][0]!, wanted);
  if (name === undefined && models.size > 1) {
    throw new Error(`getModelPath: several models are deployed; name one: ${describe(root, models)}`);
  }
  // A single model, possibly deployed as …/NAME/VERSION.
  const ownVersion = VERSION.test(basename(root)) ? basename(root) : undefined;
  const ownName = ownVersion ? basename(dirname(root)) : undefined;
  const nameMatches = name === undefined || name === ownName;
  const versionMatches = wanted === undefined || wanted === ownVersion;
  if (nameMatches && versionMatches) return contentOf(root);
  const what = [name, wanted === undefined ? undefined : `version ${wanted}`].filter(Boolean).join(' ');
  const deployed = ownName ? ` (the directory is ${ownName} version ${ownVersion})` : '';
  throw new Error(`getModelPath: no model ${what}${deployed}: ${describe(root, models)}`);
}
