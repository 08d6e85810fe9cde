// Keeps the code blocks of README.md, docs/*.md and packages/*/README.md identical to the files they come from.
//
// A block is tied to a source by the comment line right above it:
//   <!-- snippet: examples/regression/score.ts -->          the whole file
//   <!-- snippet: examples/regression/score.ts#run -->      the lines between `// #region run` and `// #endregion run`
// Every ts/js/json block must carry one (shell commands and diagrams need not).
//
//   node scripts/doc-snippets.mjs           check, exit 1 on drift
//   node scripts/doc-snippets.mjs --write   rewrite the blocks from their sources
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CODE_LANGUAGES = new Set(['ts', 'typescript', 'js', 'javascript', 'mjs', 'cjs', 'json', 'tsx']);
const BLOCK = /(^<!-- snippet: ([^\s#]+)(?:#([\w-]+))? -->\n)?^```(\w*)\n([\s\S]*?)^```$/gm;
const REGION_MARKER = /^\s*(?:\/\/|#|<!--)\s*#(?:end)?region\b.*$/;

/** The markdown files whose code blocks are checked. */
export function documentationFiles() {
  const docs = readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md')).map((name) => join('docs', name));
  const packages = readdirSync(join(root, 'packages'))
    .map((name) => join('packages', name, 'README.md'))
    .filter((file) => existsSync(join(root, file)));
  return ['README.md', ...docs, ...packages];
}

function dedent(lines) {
  const indent = Math.min(...lines.filter((line) => line.trim()).map((line) => line.match(/^ */)[0].length));
  return lines.map((line) => line.slice(Number.isFinite(indent) ? indent : 0));
}

/** The text a snippet stands for: a whole file, or one `#region` of it (region markers left out). */
export function snippetSource(path, region) {
  const lines = readFileSync(join(root, path), 'utf8').replace(/\n$/, '').split('\n');
  if (!region) return `${lines.filter((line) => !REGION_MARKER.test(line)).join('\n')}\n`;
  const start = lines.findIndex((line) => new RegExp(`#region ${region}\\b`).test(line));
  const end = lines.findIndex((line, index) => index > start && new RegExp(`#endregion ${region}\\b`).test(line));
  if (start < 0 || end < 0) throw new Error(`${path} has no region "${region}"`);
  return `${dedent(lines.slice(start + 1, end).filter((line) => !REGION_MARKER.test(line))).join('\n')}\n`;
}

/** Every problem in one markdown file, and its text with each snippet block rewritten from its source. */
export function checkFile(file) {
  const text = readFileSync(join(root, file), 'utf8');
  const problems = [];
  const rewritten = text.replace(BLOCK, (block, marker, path, region, language, body) => {
    if (!marker) {
      if (CODE_LANGUAGES.has(language)) problems.push(`${file}: a \`\`\`${language} block has no <!-- snippet: ... --> source`);
      return block;
    }
    let source;
    try {
      source = snippetSource(path, region);
    } catch (error) {
      problems.push(`${file}: ${error.message}`);
      return block;
    }
    if (source !== body) problems.push(`${file}: the block from ${path}${region ? `#${region}` : ''} differs from its source`);
    return `${marker}\`\`\`${language}\n${source}\`\`\``;
  });
  return { problems, rewritten, changed: rewritten !== text };
}

if (process.argv[1] && relative(process.argv[1], fileURLToPath(import.meta.url)) === '') {
  const write = process.argv.includes('--write');
  let problems = [];
  for (const file of documentationFiles()) {
    const result = checkFile(file);
    if (write && result.changed) writeFileSync(join(root, file), result.rewritten);
    problems = problems.concat(write ? result.problems.filter((problem) => !problem.includes('differs')) : result.problems);
  }
  for (const problem of problems) console.error(problem);
  process.exit(problems.length ? 1 : 0);
}
