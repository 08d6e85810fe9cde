import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';

/** At most this many lines of the model directory are listed after a failed `init`. */
export const MAX_TREE_LINES = 200;

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep));
}

/**
 * Lists a directory as the Azure ML server does after a failed `init`: each entry's name (folders end in
 * `/`), four spaces of indent per level, entries sorted; at most {@link MAX_TREE_LINES} lines, then a note.
 *
 * A symbolic link is listed as `name -> (outside the model directory)` and not followed when it leads out of
 * the directory (the log must not show the rest of the file system), and followed once otherwise (a folder
 * reached twice, e.g. through a loop, is not listed again).
 *
 * @example
 * await modelDirectoryTree('model'); // ['model/', '    weights.json']
 */
export async function modelDirectoryTree(directory: string): Promise<string[]> {
  const lines: string[] = [];
  const visited = new Set<string>();
  let truncated = false;
  let root = directory;
  async function visit(path: string, depth: number): Promise<void> {
    if (lines.length >= MAX_TREE_LINES) {
      truncated = true;
      return;
    }
    const indent = '    '.repeat(depth);
    if (depth > 0 && (await lstat(path)).isSymbolicLink()) {
      const target = await realpath(path).catch(() => undefined);
      if (target === undefined || !inside(root, target)) {
        lines.push(`${indent}${basename(path)} -> (${target === undefined ? 'broken link' : 'outside the model directory'})`);
        return;
      }
    }
    const folder = (await stat(path)).isDirectory();
    lines.push(`${indent}${basename(path)}${folder ? '/' : ''}`);
    if (!folder) return;
    const real = await realpath(path);
    if (visited.has(real)) return;
    visited.add(real);
    for (const name of (await readdir(path)).sort()) await visit(join(path, name), depth + 1);
  }
  try {
    root = await realpath(directory);
    await visit(directory, 0);
  } catch (error) {
    return [...lines, `(cannot list ${directory}: ${(error as Error).message})`];
  }
  if (truncated) lines.push(`Output truncated. First ${MAX_TREE_LINES} lines shown.`);
  return lines;
}
