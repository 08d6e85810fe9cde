/** The repository's root directory. */
export const root: string;
/** The markdown files whose code blocks are checked: the README, docs/*.md and each package's README. */
export function documentationFiles(): string[];
/** The text a snippet stands for: a whole file, or one `#region` of it (region markers left out). */
export function snippetSource(path: string, region?: string): string;
/** Every problem in one markdown file, and its text with each snippet block rewritten from its source. */
export function checkFile(file: string): { problems: string[]; changed: boolean; rewritten: string };
