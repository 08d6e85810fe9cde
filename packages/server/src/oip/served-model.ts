import type { LoadedScript } from '@inferschema/core/runtime';
import { modelNameOf, NoTensorForm, OipError, OipSignature, type TensorMetadata } from '@inferschema/core/protocols/oip';

/** A model a server serves over the Open Inference Protocol: an entry script under a name (and version). */
export interface ServedModel {
  readonly name: string;
  /** The model's version, when it has one (`/versions/{v}` must name it); undefined: no versions. */
  readonly version: string | undefined;
  readonly script: LoadedScript;
  /** The model directory its `init` receives. */
  readonly modelDir: string;
  /** Its tensors, or undefined when it has no tensor form (then `problem` says why). */
  readonly signature: OipSignature | undefined;
  readonly problem: string | undefined;
  /** True once its `init` has finished. */
  ready: boolean;
}

/** A model of a loaded script; its signature is derived here, once. */
export function servedModel(script: LoadedScript, options: { name?: string; version?: string; modelDir: string }): ServedModel {
  let signature: OipSignature | undefined;
  let problem: string | undefined;
  try {
    signature = OipSignature.of(script);
  } catch (error) {
    if (!(error instanceof NoTensorForm)) throw error;
    problem = error.message;
  }
  return { name: options.name ?? modelNameOf(script.path), version: options.version, script, modelDir: options.modelDir, signature, problem, ready: false };
}

/** `$metadata_model_response` of a model. */
export function modelMetadata(model: ServedModel): { name: string; versions?: string[]; platform: string; inputs: TensorMetadata[]; outputs: TensorMetadata[] } {
  return {
    name: model.name,
    ...(model.version === undefined ? {} : { versions: [model.version] }),
    platform: 'inferschema',
    inputs: [...(model.signature?.inputs ?? [])],
    outputs: [...(model.signature?.outputs ?? [])],
  };
}

/**
 * The model a request names (REST path or gRPC message; `version` undefined when none is given), as both
 * transports look it up.
 *
 * @throws OipError (`not-found`) naming the model or version, and what the server serves.
 */
export function findServedModel(models: readonly ServedModel[], name: string, version: string | undefined): ServedModel {
  const model = models.find((candidate) => candidate.name === name);
  if (!model) throw new OipError('not-found', `Unknown model '${name}'; this server serves ${models.map((m) => `'${m.name}'`).join(', ')}`);
  if (version !== undefined && version !== model.version) {
    const known = model.version === undefined ? 'it has no versions' : `its version is '${model.version}'`;
    throw new OipError('not-found', `Unknown version '${version}' of model '${name}'; ${known}`);
  }
  return model;
}

/** A model whose tensors can be inferred now. */
export type UsableModel = ServedModel & { readonly signature: OipSignature };

/**
 * Checks that a model can infer: it has a tensor form, and it (and the server) is ready.
 *
 * @throws OipError: `invalid-argument` without a tensor form, `unavailable` before `init` finished or while closing.
 */
export function usableModel(model: ServedModel, serving: boolean): UsableModel {
  if (!model.signature) throw new OipError('invalid-argument', `Model '${model.name}' has no Open Inference Protocol form: ${model.problem}; use /score`);
  if (!serving || !model.ready) throw new OipError('unavailable', `Model '${model.name}' is not ready: init() has not finished`);
  return model as UsableModel;
}
