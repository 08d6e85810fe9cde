/** One parameter of a function, as read from its source text. */
export interface SourceParameter {
  /** The parameter's name, or undefined for a destructuring pattern (`{ a, b }`, `[x, y]`). */
  readonly name: string | undefined;
  readonly hasDefault: boolean;
  /** A rest parameter (`...args`). */
  readonly rest: boolean;
}

const OPENERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*/u;
const SINGLE_ARROW = /^(?:async\s+)?([\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*)\s*=>/u;
/** After one of these, a `/` starts a regular expression rather than a division. */
const BEFORE_REGEX = new Set(['', '(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '>', '+', '-', '*', '%', '<', '~', '^']);

/**
 * Reads a source text token by token, skipping comments and the contents of strings, template literals and
 * regular expressions, so that only code characters reach the caller.
 */
function* codeCharacters(source: string, start: number): Generator<[char: string, index: number]> {
  let previous = '';
  for (let i = start; i < source.length; i++) {
    const char = source[i]!;
    const next = source[i + 1];
    if (char === '/' && next === '/') {
      i = source.indexOf('\n', i);
      if (i === -1) return;
      continue;
    }
    if (char === '/' && next === '*') {
      i = source.indexOf('*/', i + 2) + 1;
      if (i === 0) return;
      continue;
    }
    if (char === '"' || char === "'" || char === '`') {
      i = skipQuoted(source, i, char);
      previous = 'x';
      yield ['"', i];
      continue;
    }
    if (char === '/' && BEFORE_REGEX.has(previous)) {
      i = skipRegex(source, i);
      previous = 'x';
      continue;
    }
    if (!/\s/.test(char)) previous = char;
    yield [char, i];
  }
}

function skipQuoted(source: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < source.length && source[i] !== quote) {
    if (source[i] === '\\') i++;
    else if (quote === '`' && source[i] === '$' && source[i + 1] === '{') i = skipBalanced(source, i + 1);
    i++;
  }
  return i;
}

function skipBalanced(source: string, open: number): number {
  let depth = 0;
  for (const [char, index] of codeCharacters(source, open)) {
    if (char in OPENERS) depth++;
    else if (char === ')' || char === ']' || char === '}') depth--;
    if (depth === 0) return index;
  }
  return source.length;
}

function skipRegex(source: string, start: number): number {
  let inClass = false;
  for (let i = start + 1; i < source.length; i++) {
    const char = source[i];
    if (char === '\\') i++;
    else if (char === '[') inClass = true;
    else if (char === ']') inClass = false;
    else if (char === '/' && !inClass) return i;
  }
  return source.length;
}

/** Splits the text between a function's parentheses into one piece per parameter. */
function splitParameters(source: string, open: number): string[] {
  const pieces: string[] = [];
  let depth = 0;
  let from = open + 1;
  for (const [char, index] of codeCharacters(source, open)) {
    if (char in OPENERS) depth++;
    else if (char === ')' || char === ']' || char === '}') depth--;
    if ((char === ',' && depth === 1) || depth === 0) {
      pieces.push(source.slice(from, index));
      from = index + 1;
    }
    if (depth === 0) break;
  }
  return pieces.map(stripComments).filter((piece) => piece.length > 0);
}

function stripComments(piece: string): string {
  return piece.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, ' ').trim();
}

function parameterOf(piece: string): SourceParameter {
  const rest = piece.startsWith('...');
  const text = rest ? piece.slice(3).trimStart() : piece;
  const name = IDENTIFIER.exec(text)?.[0];
  if (name !== undefined) return { name, hasDefault: /^\s*=/.test(text.slice(name.length)), rest };
  // A destructuring pattern: it has a default when an `=` follows its closing bracket.
  const close = skipBalanced(text, 0);
  return { name: undefined, hasDefault: /^\s*=/.test(text.slice(close + 1)), rest };
}

/**
 * Reads the parameter list of a function from its source text (`Function.prototype.toString()`): names,
 * defaults, destructuring and rest parameters, in functions, methods, arrows and async forms, skipping
 * comments and the contents of strings. Minified code keeps its (short) names, which is why declarations
 * accept an explicit position.
 *
 * @example
 * parametersOf(function run(data, { verbose } = {}, ...rest) {});
 * // [{ name: 'data', hasDefault: false, rest: false }, { name: undefined, hasDefault: true, rest: false },
 * //  { name: 'rest', hasDefault: false, rest: true }]
 */
export function parametersOf(fn: Function): SourceParameter[] {
  const source = Function.prototype.toString.call(fn).trim();
  const single = SINGLE_ARROW.exec(source);
  if (single && !source.startsWith('function')) return [{ name: single[1], hasDefault: false, rest: false }];
  let depth = 0;
  for (const [char, index] of codeCharacters(source, 0)) {
    if (char === '(' && depth === 0) return splitParameters(source, index).map(parameterOf);
    if (char === '[' || char === '{') depth++;
    else if (char === ']' || char === '}') depth--;
  }
  return [];
}

const NUMBERED = /^(.*[^\d])(\d+)$/;

function mentions(source: string, name: string): boolean {
  return new RegExp(`(?<![\\p{ID_Continue}$])${name.replace(/\$/g, '\\$')}(?![\\p{ID_Continue}$])`, 'u').test(source);
}

/**
 * Undoes esbuild's renaming of parameters. esbuild (and so tsx) renames a parameter that shadows a top-level
 * name of its module by appending a number (`options` becomes `options2`; evanw/esbuild#2343), which would
 * change the body key that fills it. A numbered name that the original source never mentions, whose stem it
 * does mention, is taken back to its stem.
 *
 * @example
 * restoreRenamedParameters([{ name: 'options2', hasDefault: false, rest: false }], 'const options = 1; …run(options) {…}');
 * // [{ name: 'options', hasDefault: false, rest: false }]
 */
export function restoreRenamedParameters(parameters: readonly SourceParameter[], originalSource: string): SourceParameter[] {
  return parameters.map((parameter) => {
    const match = parameter.name === undefined ? null : NUMBERED.exec(parameter.name);
    if (!match || mentions(originalSource, parameter.name!) || !mentions(originalSource, match[1]!)) return parameter;
    return { ...parameter, name: match[1] };
  });
}
