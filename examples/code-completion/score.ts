/**
 * Code completion with a trigram model, the scenario of the deepdev "model inference script" guide: `init`
 * is marked `@modelInit` and receives the model directory; `run` takes `CodeBefore`, `SearchDepth`,
 * `SearchBreadth`, `MinTokens` and `Language` and returns the likeliest completions of the current line.
 *
 * Try it without a server, as the guide's `__main__` block does:
 *
 *   npx tsx examples/code-completion/score.ts --model-dir examples/code-completion/model \
 *     --code-before 'for i in' --language python
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { InputValidationError, inputSchema, integer, modelInit, outputSchema, StandardParameterType, type ValidationIssue } from '@inferschema/core';
import { complete, NgramModel, type Completion, type TrigramTable } from './ngram-model.js';
import { tokenize, trailingBlank } from './tokenizer.js';

/** The largest search the service runs: SearchDepth × SearchBreadth² candidates are scored. */
const MAX_DEPTH = 64;
const MAX_BREADTH = 32;
/**
 * How much of `CodeBefore` is read: its last 4,096 characters, from the first line start among them. The model
 * needs only the last two tokens, so a 600 KB `CodeBefore` costs what 4 KB does.
 */
export const CONTEXT_CHARS = 4096;

/** The end of `code` that the model reads (see {@link CONTEXT_CHARS}). */
export function contextTail(code: string): string {
  if (code.length <= CONTEXT_CHARS) return code;
  const tail = code.slice(-CONTEXT_CHARS);
  if (code[code.length - CONTEXT_CHARS - 1] === '\n') return tail;
  const lineStart = tail.indexOf('\n');
  return lineStart < 0 ? tail : tail.slice(lineStart + 1);
}

const completions = new StandardParameterType({
  completions: [{ text: ' range(10):', tokens: integer(5), probability: 0.142857 }],
});

export default class CodeCompletion {
  readonly #models = new Map<string, NgramModel>();

  /** Loads every `<language>.json` trigram table in the model directory. */
  @modelInit
  init(modelDir: string): void {
    for (const file of readdirSync(modelDir).filter((name) => name.endsWith('.json')).sort()) {
      const table = JSON.parse(readFileSync(join(modelDir, file), 'utf8')) as TrigramTable;
      this.#models.set(basename(file, '.json'), new NgramModel(table));
    }
  }

  @inputSchema('CodeBefore', new StandardParameterType('for i in'))
  @inputSchema('SearchDepth', new StandardParameterType(integer(10)))
  @inputSchema('SearchBreadth', new StandardParameterType(integer(10)))
  @inputSchema('MinTokens', new StandardParameterType(integer(2)))
  @inputSchema('Language', new StandardParameterType('python'))
  @outputSchema(completions)
  run(CodeBefore: string, SearchDepth = 10, SearchBreadth = 10, MinTokens = 2, Language = 'python'): { completions: Completion[] } {
    const issues: ValidationIssue[] = [];
    const within = (name: string, value: number, min: number, max: number) => {
      if (value < min || value > max) issues.push({ path: `/${name}`, message: `must be from ${min} to ${max}` });
    };
    within('SearchDepth', SearchDepth, 1, MAX_DEPTH);
    within('SearchBreadth', SearchBreadth, 1, MAX_BREADTH);
    within('MinTokens', MinTokens, 0, SearchDepth);
    const model = this.#models.get(Language);
    if (!model) issues.push({ path: '/Language', message: `must be one of: ${[...this.#models.keys()].join(', ')}` });
    if (issues.length > 0) throw new InputValidationError(issues);
    const code = contextTail(CodeBefore);
    const options = { depth: SearchDepth, breadth: SearchBreadth, minTokens: MinTokens, typed: trailingBlank(code) };
    return { completions: complete(model!, tokenize(code), options) };
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      'model-dir': { type: 'string' },
      'code-before': { type: 'string' },
      depth: { type: 'string', default: '10' },
      breadth: { type: 'string', default: '10' },
      'min-tokens': { type: 'string', default: '2' },
      language: { type: 'string' },
    },
  });
  if (values['model-dir'] === undefined || values['code-before'] === undefined || values.language === undefined) {
    console.error('usage: score.ts --model-dir <dir> --code-before <code> --language <language> [--depth 10] [--breadth 10] [--min-tokens 2]');
    process.exit(2);
  }
  const service = new CodeCompletion();
  service.init(values['model-dir']);
  const payload = {
    CodeBefore: values['code-before'],
    SearchDepth: Number(values.depth),
    SearchBreadth: Number(values.breadth),
    MinTokens: Number(values['min-tokens']),
    Language: values.language,
  };
  const result = service.run(payload.CodeBefore, payload.SearchDepth, payload.SearchBreadth, payload.MinTokens, payload.Language);
  console.log(`Model output: ${JSON.stringify(result, null, 2)}`);
}
