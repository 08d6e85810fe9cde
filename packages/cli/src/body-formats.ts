import { writeFile } from 'node:fs/promises';
import type { LoadedScript } from '@inferschema/core/runtime';
import { bodyCodecs, JSON_CHOICE, requestMediaTypes, responseMediaTypes, type CodecChoice } from '@inferschema/core/codecs';
import { CliError, EXIT } from './cli-error.js';

/** How `run` was told the formats of its input and output. */
export interface FormatOptions {
  readonly inputFile?: string;
  /** The `--content-type` given on the command line, if it was. */
  readonly contentType?: string;
  readonly outputFile?: string;
  readonly accept?: string;
}

function refuse(what: string, mediaType: string, accepted: readonly string[]): CliError {
  return new CliError(`${what} ${mediaType} is not one this script takes: ${accepted.join(', ')}`, EXIT.usage);
}


/**
 * The format of a `schema` script's input: `--content-type`, else the extension of `--input-file` (`.npy`,
 * `.arrow`, `.arrows`, `.json`), else JSON.
 *
 * @throws CliError (usage) for a format the script's input cannot travel in.
 */
export function inputFormat(script: LoadedScript, options: FormatOptions): CodecChoice {
  const accepted = requestMediaTypes(script);
  const byName = options.inputFile === undefined ? undefined : bodyCodecs.forFileName(options.inputFile);
  const chosen = options.contentType !== undefined ? bodyCodecs.forMediaType(options.contentType) : (byName ?? JSON_CHOICE);
  if (!chosen || !accepted.includes(chosen.mediaType)) throw refuse('the input format', options.contentType ?? chosen?.mediaType ?? '', accepted);
  return chosen;
}

/**
 * The format of a `schema` script's result: `--accept`, else the extension of `--output-file`, else JSON.
 *
 * @throws CliError (usage) for a format the script's output cannot travel in.
 */
export function outputFormat(script: LoadedScript, options: FormatOptions): CodecChoice {
  const fromName = options.outputFile === undefined ? undefined : bodyCodecs.forFileName(options.outputFile);
  const chosen = options.accept !== undefined ? bodyCodecs.forMediaType(options.accept) : fromName;
  if (options.accept === undefined && fromName === undefined) return JSON_CHOICE;
  const accepted = responseMediaTypes(script);
  if (!chosen || !accepted.includes(chosen.mediaType)) throw refuse('the output format', options.accept ?? chosen?.mediaType ?? options.outputFile!, accepted);
  return chosen.codec.carries === 'parameters' ? JSON_CHOICE : chosen;
}

/** Writes a binary result to `--output-file`, or stdout without one. */
export async function writeBinary(bytes: Uint8Array, outputFile: string | undefined, stdout: (bytes: Uint8Array) => Promise<void>): Promise<void> {
  if (outputFile === undefined) return stdout(bytes);
  await writeFile(outputFile, bytes);
}
