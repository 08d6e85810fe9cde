import { existsSync, statSync } from 'node:fs';
import {
  loadScoringScript,
  ScriptLoadError,
  type LoadedScript,
  type LoadScoringScriptOptions,
} from '@inferschema/core/runtime';
import { CliError, EXIT } from './cli-error.js';
import type { Progress } from './progress.js';

function oneLine(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join(' ');
}

/** Fails with a usage error when a file named on the command line is missing. */
export function requireFile(path: string, what: string): void {
  if (!existsSync(path)) throw new CliError(`${what} ${path} does not exist`, EXIT.usage);
  if (!statSync(path).isFile()) throw new CliError(`${what} ${path} is not a file`, EXIT.usage);
}

/** Fails with a usage error when a directory named on the command line is missing. */
export function requireDirectory(path: string, what: string): void {
  if (!existsSync(path)) throw new CliError(`${what} ${path} does not exist`, EXIT.usage);
  if (!statSync(path).isDirectory()) throw new CliError(`${what} ${path} is not a directory`, EXIT.usage);
}

/**
 * Loads an entry script for a command: a missing file is a usage error, and a script that cannot be loaded
 * (a package it imports is not installed, it throws, it breaks the contract) fails with the loader's message.
 */
export async function loadScript(path: string, progress: Progress, options: LoadScoringScriptOptions = {}): Promise<LoadedScript> {
  requireFile(path, 'Entry script');
  try {
    return await progress.task(`Loading ${path}`, () => loadScoringScript(path, options));
  } catch (error) {
    // One line, for logs and CI: a compile error's location follows its headline.
    if (error instanceof ScriptLoadError) throw new CliError(oneLine(error.message), EXIT.failed);
    throw error;
  }
}
