import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InputKind, ProjectOptions } from './project-options.js';

/** The package's `templates` folder: `project/` holds the files every project has, one folder per input kind the rest. */
const TEMPLATES = fileURLToPath(new URL('../../templates/', import.meta.url));

/** Each file of a new project, and the template it is made from (`{input}` is the input kind's folder). */
const LAYOUT: ReadonlyArray<readonly [destination: string, template: string]> = [
  ['package.json', 'project/package.json'],
  ['tsconfig.json', 'project/tsconfig.json'],
  ['README.md', 'project/README.md'],
  ['.gitignore', 'project/gitignore'],
  ['Dockerfile', 'project/Dockerfile'],
  ['.github/workflows/ci.yml', 'project/ci.yml'],
  ['test/score.test.ts', 'project/score-test.ts'],
  ['src/score.ts', '{input}/score.ts'],
  ['model/model.json', '{input}/model.json'],
  ['requests/sample.json', '{input}/sample.json'],
  ['test/sample-answer.json', '{input}/sample-answer.json'],
  ['swagger.json', '{input}/swagger.json'],
];

const DECORATOR_NAMES = {
  tc39: 'TC39 decorators',
  legacy: "TypeScript's legacy decorators (`experimentalDecorators` in tsconfig.json)",
} as const;

type Json = Record<string, any>;

/** Changes to a rendered JSON file that depend on the options (the rest is placeholders). */
const ADJUST: Readonly<Record<string, (json: Json, options: ProjectOptions) => Promise<void>>> = {
  async 'package.json'(json, { input }) {
    const extra = join(TEMPLATES, input, 'dependencies.json');
    if (!existsSync(extra)) return;
    const dependencies = { ...json.dependencies, ...JSON.parse(await readFile(extra, 'utf8')) } as Record<string, string>;
    json.dependencies = Object.fromEntries(Object.entries(dependencies).sort(([a], [b]) => a.localeCompare(b)));
  },
  async 'tsconfig.json'(json, { decorators }) {
    if (decorators === 'legacy') json.compilerOptions.experimentalDecorators = true;
  },
};

/** JSON as npm and editors write it, with short arrays of values on one line. */
function formatJson(json: Json): string {
  const text = JSON.stringify(json, null, 2).replace(/\[\s+([^[\]{}]*?)\s+\]/g, (_, items: string) => `[${items.replace(/,\s+/g, ', ')}]`);
  return `${text}\n`;
}

function render(text: string, options: ProjectOptions): string {
  const values: Record<string, string> = { name: options.name, version: options.version, decorators: DECORATOR_NAMES[options.decorators] };
  return text.replace(/\{\{(\w+)\}\}/g, (placeholder, key: string) => values[key] ?? placeholder);
}

/** The entry script a project of this input kind starts from, where it loads with the package's own dependencies. */
export function templateScript(input: InputKind): string {
  return join(TEMPLATES, input, 'score.ts');
}

/**
 * The files of a new project (path relative to its folder → content), rendered from the templates; its
 * `swagger.json` is the template's, generated from the template script (`UPDATE_GOLDEN=1` in
 * `test/template-documents.test.ts` writes it anew).
 *
 * @example
 * const files = await projectFiles({ name: 'house-price', decorators: 'tc39', input: 'standard', version: '0.1.0' });
 * files.get('src/score.ts'); // the entry script
 */
export async function projectFiles(options: ProjectOptions): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const [destination, template] of LAYOUT) {
    let text = render(await readFile(join(TEMPLATES, template.replace('{input}', options.input)), 'utf8'), options);
    const adjust = ADJUST[destination];
    if (adjust) {
      const json = JSON.parse(text) as Json;
      await adjust(json, options);
      text = formatJson(json);
    }
    files.set(destination, text);
  }
  return files;
}
