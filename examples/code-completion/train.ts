/**
 * Trains the code-completion model: counts the token trigrams of every file in `corpus/<language>/` and
 * writes them to `model/<language>.json`.
 *
 *   npx tsx examples/code-completion/train.ts
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CONTEXT_SEPARATOR, START, type TrigramTable } from './ngram-model.js';
import { tokenize } from './tokenizer.js';

const HERE = dirname(fileURLToPath(import.meta.url));
export const CORPUS_DIR = join(HERE, 'corpus');
export const MODEL_DIR = join(HERE, 'model');

/** Counts the trigrams of some source files of one language (keys and followers sorted, so output is stable). */
export function trainTable(language: string, sources: readonly string[]): TrigramTable {
  const counts = new Map<string, Map<string, number>>();
  let tokens = 0;
  for (const source of sources) {
    const sequence = [START, START, ...tokenize(source)];
    tokens += sequence.length - 2;
    for (let i = 2; i < sequence.length; i++) {
      const context = sequence[i - 2] + CONTEXT_SEPARATOR + sequence[i - 1];
      const followers = counts.get(context) ?? new Map<string, number>();
      followers.set(sequence[i]!, (followers.get(sequence[i]!) ?? 0) + 1);
      counts.set(context, followers);
    }
  }
  const sorted = (keys: Iterable<string>) => [...keys].sort();
  const trigrams: Record<string, Record<string, number>> = {};
  for (const context of sorted(counts.keys())) {
    const followers = counts.get(context)!;
    trigrams[context] = Object.fromEntries(sorted(followers.keys()).map((token) => [token, followers.get(token)!]));
  }
  return { language, files: sources.length, tokens, trigrams };
}

/** The table of each language folder of `corpus/`, trained from its files in name order. */
export function trainCorpus(corpusDir = CORPUS_DIR): TrigramTable[] {
  return readdirSync(corpusDir)
    .sort()
    .map((language) => {
      const dir = join(corpusDir, language);
      const sources = readdirSync(dir).sort().map((file) => readFileSync(join(dir, file), 'utf8'));
      return trainTable(language, sources);
    });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const table of trainCorpus()) {
    const file = join(MODEL_DIR, `${table.language}.json`);
    writeFileSync(file, `${JSON.stringify(table)}\n`);
    console.log(`${file}: ${table.files} files, ${table.tokens} tokens, ${Object.keys(table.trigrams).length} contexts`);
  }
}
