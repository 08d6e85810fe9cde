import { isLineBreak } from './tokenizer.js';

/** Pads the start of every file, so the first tokens have a two-token context. */
export const START = '<s>';
/** Joins the two tokens of a context into one key of {@link TrigramTable.trigrams}. */
export const CONTEXT_SEPARATOR = '\u0001';

/** What `train.ts` writes to `model/<language>.json`: trigram counts, from which everything else is derived. */
export interface TrigramTable {
  readonly language: string;
  readonly files: number;
  readonly tokens: number;
  /** `trigrams["a\u0001b"]["c"]` is how often token `c` followed tokens `a b` in the corpus. */
  readonly trigrams: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/** A next token and its conditional probability. */
export interface NextToken {
  readonly token: string;
  readonly probability: number;
}

type Counts = Map<string, Map<string, number>>;

function add(counts: Counts, context: string, token: string, count: number): void {
  const followers = counts.get(context) ?? new Map<string, number>();
  followers.set(token, (followers.get(token) ?? 0) + count);
  counts.set(context, followers);
}

/** The followers of a context with their probabilities, most likely first (ties by token). */
function distribution(followers: ReadonlyMap<string, number>): NextToken[] {
  const total = [...followers.values()].reduce((sum, count) => sum + count, 0);
  return [...followers]
    .map(([token, count]) => ({ token, probability: count / total }))
    .sort((a, b) => b.probability - a.probability || (a.token < b.token ? -1 : a.token > b.token ? 1 : 0));
}

/**
 * A trigram language model over code tokens. The next token after `a b` is drawn from the trigram counts of
 * `a b`; a context never seen backs off to the bigram counts of `b`, then to the unigram counts.
 */
export class NgramModel {
  readonly language: string;
  readonly #trigrams = new Map<string, NextToken[]>();
  readonly #bigrams = new Map<string, NextToken[]>();
  readonly #unigrams: NextToken[];

  constructor(table: TrigramTable) {
    this.language = table.language;
    const bigrams: Counts = new Map();
    const unigrams: Counts = new Map();
    for (const [context, followers] of Object.entries(table.trigrams)) {
      const previous = context.slice(context.indexOf(CONTEXT_SEPARATOR) + 1);
      const counts = new Map(Object.entries(followers));
      this.#trigrams.set(context, distribution(counts));
      for (const [token, count] of counts) {
        add(bigrams, previous, token, count);
        add(unigrams, '', token, count);
      }
    }
    for (const [previous, followers] of bigrams) this.#bigrams.set(previous, distribution(followers));
    this.#unigrams = distribution(unigrams.get('') ?? new Map());
  }

  /** The distribution of the token after `a b`, from the longest context the corpus has seen. */
  next(a: string, b: string): readonly NextToken[] {
    return this.#trigrams.get(a + CONTEXT_SEPARATOR + b) ?? this.#bigrams.get(b) ?? this.#unigrams;
  }
}

/** How far and how wide {@link complete} searches. */
export interface SearchOptions {
  /** The most tokens a completion may have. */
  readonly depth: number;
  /** How many partial completions are kept after each step, and how many completions are returned. */
  readonly breadth: number;
  /** The fewest tokens a completion may have: a line may not end before. */
  readonly minTokens: number;
  /** Blanks typed after the last token: the first token must start with them (they are not repeated). */
  readonly typed?: string;
}

/** One completion: the text that follows the code, its number of tokens and its probability. */
export interface Completion {
  readonly text: string;
  readonly tokens: number;
  readonly probability: number;
}

/**
 * A partial completion: its last token, a link to the beam it extends, and the two tokens the model needs next.
 * Extending a beam is O(1): nothing is copied, the text is rebuilt once, for the completions kept.
 */
interface Beam {
  readonly token: string;
  readonly parent: Beam | undefined;
  readonly length: number;
  /** The two tokens before the next one (from the context for the first steps). */
  readonly previous: readonly [string, string];
  readonly logProbability: number;
}

function tokensOf(beam: Beam): string[] {
  const tokens: string[] = new Array(beam.length);
  for (let node: Beam | undefined = beam; node && node.length > 0; node = node.parent) tokens[node.length - 1] = node.token;
  return tokens;
}

function byLikelihood(a: Completion, b: Completion): number {
  return b.probability - a.probability || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0);
}

/**
 * Completes the rest of the line after `context` with a beam search: each step extends every kept beam with
 * its `breadth` likeliest next tokens and keeps the `breadth` likeliest results. A beam is complete when the
 * line ends (after at least `minTokens` tokens; its probability then includes that of a line break) or after
 * `depth` tokens. Returns the `breadth` likeliest
 * distinct completions, most likely first.
 *
 * The model reads only the last two tokens of `context`, and a beam keeps only its last token, a link to its
 * parent and the two tokens the model needs: a step costs O(breadth × candidates) whatever the context's length.
 */
export function complete(model: NgramModel, context: readonly string[], options: SearchOptions): Completion[] {
  const { depth, breadth, minTokens, typed = '' } = options;
  const [a, b] = [START, START, ...context.slice(-2)].slice(-2) as [string, string];
  const done: Beam[] = [];
  let beams: Beam[] = [{ token: '', parent: undefined, length: 0, previous: [a, b], logProbability: 0 }];
  for (let step = 0; step < depth && beams.length > 0; step++) {
    const extended: Beam[] = [];
    for (const beam of beams) {
      const candidates = model.next(beam.previous[0], beam.previous[1]).filter(({ token }) => step > 0 || token.startsWith(typed));
      // The line ends here with the probability of any line break (whatever the next line's indentation).
      const lineEnd = candidates.reduce((sum, { token, probability }) => sum + (isLineBreak(token) ? probability : 0), 0);
      if (lineEnd > 0 && beam.length >= Math.max(minTokens, 1)) {
        done.push({ ...beam, logProbability: beam.logProbability + Math.log(lineEnd) });
      }
      const next = candidates.filter(({ token }) => !isLineBreak(token)).slice(0, breadth);
      for (const { token, probability } of next) {
        extended.push({
          token,
          parent: beam,
          length: beam.length + 1,
          previous: [beam.previous[1], token],
          logProbability: beam.logProbability + Math.log(probability),
        });
      }
    }
    beams = extended.sort((x, y) => y.logProbability - x.logProbability).slice(0, breadth);
  }
  done.push(...beams.filter((beam) => beam.length >= minTokens));
  const completions = new Map<string, Completion>();
  for (const beam of done) {
    const text = tokensOf(beam).join('').slice(typed.length);
    const probability = Number(Math.exp(beam.logProbability).toPrecision(6));
    const known = completions.get(text);
    if (!known || known.probability < probability) completions.set(text, { text, tokens: beam.length, probability });
  }
  return [...completions.values()].sort(byLikelihood).slice(0, breadth);
}
