import { existsSync } from 'node:fs';
import { InferenceSession, type Tensor } from 'onnxruntime-node';

/**
 * What an entry script's samples say one model input must be: its name (the request key or DataFrame
 * column), its element type and its shape, `null` for a free dimension (the batch).
 */
export interface OnnxInputSpec {
  readonly name: string;
  readonly type: Tensor.Type;
  readonly shape: readonly (number | null)[];
}

/** The model file is missing, is not ONNX, or does not take what the script's samples describe. */
export class OnnxModelError extends Error {
  override readonly name = 'OnnxModelError';
}

const dims = (shape: readonly (number | string | null)[]) => `[${shape.map((size) => (typeof size === 'number' ? size : size === null ? '?' : size)).join(', ')}]`;

/** Every way the model's inputs differ from the samples', one line each (empty when they agree). */
function mismatches(session: InferenceSession, expected: readonly OnnxInputSpec[]): string[] {
  const problems: string[] = [];
  const actualNames = session.inputNames;
  const expectedNames = expected.map((spec) => spec.name);
  const missing = expectedNames.filter((name) => !actualNames.includes(name));
  const extra = actualNames.filter((name) => !expectedNames.includes(name));
  if (missing.length > 0 || extra.length > 0) {
    problems.push(`the model's inputs are [${actualNames.join(', ')}] but the samples give [${expectedNames.join(', ')}]`);
  }
  for (const spec of expected) {
    const metadata = session.inputMetadata.find((input) => input.name === spec.name);
    if (!metadata) continue;
    if (!metadata.isTensor) {
      problems.push(`input '${spec.name}' is not a tensor`);
      continue;
    }
    if (metadata.type !== spec.type) problems.push(`input '${spec.name}' is ${metadata.type} but the sample is ${spec.type}`);
    const shape = metadata.shape;
    const fits = shape.length === spec.shape.length && shape.every((size, axis) => {
      const wanted = spec.shape[axis];
      // A symbolic or unknown model dimension takes any size; a fixed one must be the sample's, and the
      // sample's free (batch) dimension needs a free model dimension.
      return typeof size !== 'number' || size < 0 ? true : wanted === size;
    });
    if (!fits) problems.push(`input '${spec.name}' has shape ${dims(shape)} but the sample gives ${dims(spec.shape)}`);
  }
  return problems;
}

/**
 * Opens an ONNX model with ONNX Runtime and checks that its inputs are the ones the script's samples
 * describe (names, element types, shapes), so a wrong model file fails `init` with a message naming the
 * mismatch rather than the first request with an ONNX Runtime error. One intra-op thread: a scoring server
 * scales by processes (`--workers`), and ONNX Runtime's own pool would compete with them.
 *
 * @throws OnnxModelError when the file is missing, is not a valid model, or its inputs differ.
 * @example
 * const session = await loadOnnxModel(join(modelDir, 'diabetes-ridge.onnx'), [{ name: 'features', type: 'float32', shape: [null, 10] }]);
 */
export async function loadOnnxModel(path: string, inputs: readonly OnnxInputSpec[]): Promise<InferenceSession> {
  if (!existsSync(path)) throw new OnnxModelError(`ONNX model ${path} does not exist`);
  let session: InferenceSession;
  try {
    session = await InferenceSession.create(path, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  } catch (error) {
    throw new OnnxModelError(`ONNX model ${path} cannot be loaded: ${(error as Error).message}`);
  }
  const problems = mismatches(session, inputs);
  if (problems.length > 0) {
    await session.release();
    throw new OnnxModelError(`ONNX model ${path} does not match the script's samples: ${problems.join('; ')}`);
  }
  return session;
}
