/**
 * Splits source code into tokens that keep their whitespace, so joining tokens gives the code back:
 * - a line break with the next line's indentation is one token (`"\n    "`): it ends a completion;
 * - any other token carries the spaces before it (`" range"`, `"("`, `" =="`).
 * Identifiers, numbers, one-line string literals and common operators are single tokens.
 */
const TOKEN =
  /\n[ \t]*|[ \t]*(?:[A-Za-z_$][\w$]*|\d+(?:\.\d+)?|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`|===|!==|\*\*=?|\/\/=?|\.\.\.|=>|->|[=!<>+\-*/%&|^]=|&&|\|\||<<|>>|[^\s\w])/g;

export function tokenize(code: string): string[] {
  return code.replace(/\r\n?/g, '\n').match(TOKEN) ?? [];
}

/** True for the token that ends a line. */
export function isLineBreak(token: string): boolean {
  return token.startsWith('\n');
}

/** The spaces or tabs at the end of `code` after its last token (typed, but not part of a token yet). */
export function trailingBlank(code: string): string {
  return /(?<=[^\s])[ \t]+$/.exec(code)?.[0] ?? '';
}
