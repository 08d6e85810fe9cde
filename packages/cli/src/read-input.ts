import { readFile } from 'node:fs/promises';
import { CliError, EXIT } from './cli-error.js';
import type { CliIo } from './cli-io.js';
import { requireFile } from './load-script.js';

/** Where `run` takes the request body from. */
export interface InputOptions {
  readonly input?: string;
  readonly inputFile?: string;
}

async function readStream(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/**
 * The request body as bytes, from `--input '<json>'` or `--input-file <file>` (`-` reads stdin). Exactly one
 * of them must be given.
 */
export async function readInput(io: CliIo, options: InputOptions): Promise<Uint8Array> {
  if (options.input !== undefined) return new TextEncoder().encode(options.input);
  if (options.inputFile === undefined) {
    throw new CliError("the request body is missing: give --input '<json>' or --input-file <file>", EXIT.usage);
  }
  if (options.inputFile === '-') return readStream(io.stdin);
  requireFile(options.inputFile, '--input-file');
  return readFile(options.inputFile);
}
