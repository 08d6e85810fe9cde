import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';

/** At most this many lines of the model directory are listed after a failed `init`. */
export const MAX_TREE_LINES = 200;

/**
 * Lists a directory as the Azure ML server does after a failed `init`: each entry's name (folders end in
 * `/`), four spaces of indent per level, entries sorted; at most {@link MAX_TREE_LINES} lines, then a note.
 *
 * @example
 * await modelDirectoryTree('model'); // ['model/', '    weights.json']
 */
export async function modelDirectoryTree(directory: string): Promise<string[]> {
  const lines: string[] = [];
  let truncated = false;
  async function visit(path: string, depth: number): Promise<void> {
    if (lines.length >= MAX_TREE_LINES) {
      truncated = true;
      return;
    }
    const folder = (await stat(path)).isDirectory();
    lines.push(`${'    '.repeat(depth)}${basename(path)}${folder ? '/' : ''}`);
    if (!folder) return;
    for (const name of (await readdir(path)).sort()) await visit(join(path, name), depth + 1);
  }
  try {
    await visit(directory, 0);
  } catch (error) {
    return [...lines, `(cannot list ${directory}: ${(error as Error).message})`];
  }
  if (truncated) lines.push(`Output truncated. First ${MAX_TREE_LINES} lines shown.`);
  return lines;
}
